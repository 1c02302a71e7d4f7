import { describe, expect, it } from "vitest";
import { load } from "../../runtime/testing/load.js";
import type { ProbeMapView } from "../../runtime/testing/probe-map.js";
import { formatSnapshot, snapshotJson, snapshotMap, type MapSnapshot } from "../../runtime/run/map-print.js";
import { RunPrinter } from "../../runtime/run/printer.js";
import { parseDuration } from "../../runtime/run/duration.js";
import { eventText, jsonValue, valueText } from "../../runtime/run/value-format.js";
import { formatHistMap } from "../../runtime/maps/hist-format.js";

describe("values as tsbpf run prints them", () => {
  it.each([
    [42, "42"],
    [18446744073709551615n, "18446744073709551615"],
    ["cat", "cat"],
    ["my prog", '"my prog"'],
    ["", '""'],
    ["a=b", '"a=b"'],
    [new Uint8Array([0, 0xab, 0x10]), "00ab10"],
    [[1, 2, 3], "[1, 2, 3]"],
    [{ a: 1, b: 2 }, "{a=1, b=2}"],
    [{ saddr: 1, pad: [0, 0, 0], _x: 1, proto: 17 }, "{saddr=1, proto=17}"],
    [{ inner: { x: 1 }, list: [{ y: 2 }] }, "{inner={x=1}, list=[{y=2}]}"],
  ] as const)("%o → %s", (v, text) => {
    expect(valueText(v)).toBe(text);
  });

  it("an event is its fields as name=value pairs, padding left out", () => {
    expect(eventText({ pid: 42, pad: 0, comm: "cat", filename: "/etc/passwd" })).toBe(
      "pid=42 comm=cat filename=/etc/passwd",
    );
    expect(eventText(7n)).toBe("7");
  });

  it("JSON keeps exact integers as numbers and the rest as strings", () => {
    expect(jsonValue({ a: 1n, b: 2n ** 60n, c: -5n, d: new Uint8Array([1]), e: [3n] })).toEqual({
      a: 1,
      b: "1152921504606846976",
      c: -5,
      d: "01",
      e: [3],
    });
  });

  it.each([
    ["10s", 10_000],
    ["500ms", 500],
    ["2m", 120_000],
    ["1.5s", 1500],
    ["3", 3000],
    ["1h", 3_600_000],
    ["ten", undefined],
    ["0s", undefined],
    ["-1s", undefined],
  ] as const)("duration %s → %s ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe("map snapshots", () => {
  const table = (rows: Array<[unknown, unknown]>): MapSnapshot => ({ kind: "table", name: "counts", rows });

  it("a table of integers: header, aligned columns, numbers right-aligned", () => {
    expect(
      formatSnapshot(
        table([
          [7, 1],
          [42, 4],
          [1000, 15],
        ]),
      ),
    ).toBe(["@counts:", "   key  value", "     7      1", "    42      4", "  1000     15", ""].join("\n"));
  });

  it("struct keys and values as {a=1, b=2}, left-aligned", () => {
    expect(
      formatSnapshot(
        table([
          [
            { a: 1, b: 2 },
            { packets: 3, bytes: 10 },
          ],
        ]),
      ),
    ).toBe(["@counts:", "  key         value", "  {a=1, b=2}  {packets=3, bytes=10}", ""].join("\n"));
  });

  it("an empty map says so", () => {
    expect(formatSnapshot(table([]))).toBe("@counts: (empty)\n");
  });

  it("histograms are exactly bpftrace's hist() text", () => {
    const counts = [0n, 1n, 0n, 5n, 2n];
    const s: MapSnapshot = {
      kind: "hist",
      name: "lat",
      scale: { kind: "log2" },
      histograms: [{ key: undefined, counts }],
    };
    expect(formatSnapshot(s)).toBe(formatHistMap("@lat", { kind: "log2" }, [{ counts }]));
    expect(snapshotJson(s)).toEqual({
      type: "hist",
      name: "lat",
      histograms: [
        {
          key: null,
          buckets: [
            { bucket: "[0]", count: 1 },
            { bucket: "[2, 4)", count: 5 },
            { bucket: "[4, 8)", count: 2 },
          ],
        },
      ],
    });
  });

  it("linear histograms use lhist() labels", () => {
    const s: MapSnapshot = {
      kind: "hist",
      name: "sizes",
      scale: { kind: "linear", min: 0, max: 100, step: 10 },
      histograms: [{ key: "cat", counts: [0n, 3n, 0n, 1n] }],
    };
    expect(formatSnapshot(s)).toBe(
      formatHistMap("@sizes", { kind: "linear", min: 0, max: 100, step: 10 }, [
        { key: "cat", counts: [0n, 3n, 0n, 1n] },
      ]),
    );
    expect(formatSnapshot(s)).toMatch(
      /^@sizes\[cat\]: \n\[0, 10\) +3 \|@{52}\|\n\[10, 20\) +0 \| {52}\|\n\[20, 30\) +1 \|@{17} +\|\n\n$/,
    );
  });

  it("reads live maps sorted by value then key, array zeros left out", async () => {
    const probe = await load("examples/xdp_proto/xdp_proto.ts");
    const view = probe.maps.per_proto as unknown as ProbeMapView;
    view.set(17, 5n).set(6, 2n).set(1, 2n);
    const snap = snapshotMap({ name: "per_proto", view });
    expect(snap).toEqual({
      kind: "table",
      name: "per_proto",
      rows: [
        [1, 2n],
        [6, 2n],
        [17, 5n],
      ],
    });
  });
});

describe("the printer", () => {
  const capture = (): {
    out: string[];
    err: string[];
    io: { out(t: string): void; err(t: string): void };
  } => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t) => void out.push(t), err: (t) => void err.push(t) } };
  };

  it("prefixes events with their map only when there are several event maps", () => {
    const one = capture();
    new RunPrinter(one.io, false, ["events"]).event("events", { pid: 1 });
    const two = capture();
    new RunPrinter(two.io, false, ["opens", "execs"]).event("execs", { pid: 1 });
    expect(one.out).toEqual(["pid=1"]);
    expect(two.out).toEqual(["execs: pid=1"]);
  });

  it("writes JSON lines with a type, and status to stderr", () => {
    const c = capture();
    const p = new RunPrinter(c.io, true, ["events"]);
    p.event("events", { pid: 1n, comm: "sh" }, 1);
    p.status("Attached 1 program");
    expect(c.out.map((l) => JSON.parse(l))).toEqual([
      { type: "event", map: "events", cpu: 1, value: { pid: 1, comm: "sh" } },
    ]);
    expect(c.err.map((l) => JSON.parse(l))).toEqual([{ type: "status", message: "Attached 1 program" }]);
  });
});
