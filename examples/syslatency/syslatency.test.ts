import { describe, expect, it } from "vitest";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import { histogramCounts, log2Bucket, printHistogramMap } from "../../runtime/maps/index.js";
import { MapType } from "../../runtime/uapi/bpf.js";
import { buildExample, sandboxOf } from "../../test/examples/harness.js";

describe("syslatency: a log2 histogram of system call latency", () => {
  const out = buildExample("syslatency");

  it("declares a start map and a histogram array on the C twin's sections", () => {
    expect(out.spec.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize])).toEqual([
      ["start", MapType.HASH, 8, 8],
      ["latency", MapType.ARRAY, 4, 8],
    ]);
    expect(out.spec.programs.map((p) => p.section)).toEqual([
      "tracepoint/raw_syscalls/sys_enter",
      "tracepoint/raw_syscalls/sys_exit",
    ]);
  });

  it("records each call's duration in its log2 bucket, per thread", () => {
    const sb = sandboxOf(out);
    // interleaved threads: [pid, enter time, exit time]
    const calls: [number, bigint, bigint][] = [
      [10, 1_000n, 1_000n], // 0 ns
      [11, 1_100n, 1_101n], // 1 ns
      [10, 2_000n, 7_000n], // 5 µs
      [12, 2_500n, 2_500n + 1_000_000n], // 1 ms
      [11, 3_000n, 3_000n + 4_096n], // exactly 2^12
      [13, 4_000n, 4_000n + (1n << 40n) + 5n], // a long sleep
    ];
    const events = calls.flatMap(([pid, t0, t1]) => [
      { prog: "on_enter", pid, now: t0 },
      { prog: "on_exit", pid, now: t1 },
    ]);
    events.sort((a, b) => Number(a.now - b.now));
    for (const e of events) {
      const fields: Record<string, number> = e.prog === "on_enter" ? { id: 0 } : { id: 0, ret: 0 };
      const r = sb.run(e.prog, { fields }, { tgid: 1, pid: e.pid, now: e.now });
      expect(r.fault).toBeUndefined();
    }
    const expected: bigint[] = [];
    for (const [, t0, t1] of calls) {
      const b = log2Bucket(t1 - t0);
      while (expected.length <= b) expected.push(0n);
      expected[b] = expected[b]! + 1n;
    }
    const counts = histogramCounts(sb.map("latency")!);
    expect(counts.slice(0, expected.length)).toEqual(expected);
    expect(counts.slice(expected.length).every((c) => c === 0n)).toBe(true);
    expect(unwrap(sb.typed("start")).size).toBe(0); // every entry stamp was consumed
    expect(printHistogramMap("latency", sb.map("latency")!, { kind: "log2" })).toContain("[4K, 8K)");
  });

  it("ignores exits whose entry it did not see", () => {
    const sb = sandboxOf(out);
    const r = sb.run("on_exit", { fields: { id: 0, ret: 0 } }, { pid: 77, now: 50n });
    expect(r.fault).toBeUndefined();
    expect(histogramCounts(sb.map("latency")!).every((c) => c === 0n)).toBe(true);
  });
});
