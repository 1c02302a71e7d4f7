import { beforeAll, describe, expect, it, vi } from "vitest";
import { load, type Probe } from "../../runtime/testing/index.js";
import "../../runtime/testing/vitest.js";
import type * as ExecEvents from "../fixtures/compiler/samples/exec-events.js";
import type * as Syscount from "../fixtures/compiler/samples/syscount.js";
import type * as Latency from "./fixtures/latency.js";

function failure(f: () => void): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("the expectation passed");
}

let counts: Probe<typeof Syscount>;
let exec: Probe<typeof ExecEvents>;
let latency: Probe<typeof Latency>;
beforeAll(async () => {
  counts = await load<typeof Syscount>("test/fixtures/compiler/samples/syscount.ts");
  exec = await load<typeof ExecEvents>("test/fixtures/compiler/samples/exec-events.ts");
  latency = await load<typeof Latency>("test/testing/fixtures/latency.ts");
  counts.run("onOpenat", {}, { tgid: 42 });
  counts.run("onOpenat", {}, { tgid: 42 });
});

describe("toHaveEntry", () => {
  it("passes on the key (and value) and explains a miss with the map's contents", () => {
    expect(counts.maps.counts).toHaveEntry(42);
    expect(counts.maps.counts).toHaveEntry(42, 2n);
    expect(counts.maps.counts).not.toHaveEntry(42, 3n);
    expect(failure(() => expect(counts.maps.counts).toHaveEntry(42, 1n))).toBe(
      "expected map counts to have 42 → 1, but 42 → 2\n@counts[42]: 2",
    );
    expect(failure(() => expect(counts.maps.counts).toHaveEntry(7))).toMatch(
      /to have key 7, but the key is absent/,
    );
    expect(failure(() => expect(counts.maps.counts).not.toHaveEntry(42))).toBe(
      "expected map counts not to have key 42",
    );
    expect(failure(() => expect(42).toHaveEntry(1))).toBe("expected a probe map, received 42");
  });
});

describe("toReturnWith / toReturn", () => {
  it("compares the retval, -errno as signed and bigints with r0", () => {
    const r = counts.run("onOpenat", {});
    expect(r).toReturnWith(0);
    expect(r).toReturnWith(0n);
    expect(r).not.toReturnWith(1);
    expect(failure(() => expect(r).toReturnWith(2))).toBe("expected onOpenat to return 2, it returned 0");
    const minusOne = { ...r, ret: 0xffffffff, r0: 0xffffffffffffffffn };
    expect(minusOne).toReturnWith(-1);
    expect(minusOne).toReturnWith(-1n);
    expect(minusOne).toReturnWith(0xffffffff);
    // the name jest-style code uses, at run time
    (expect(r) as unknown as { toReturn(v: number): void }).toReturn(0);
  });

  it("keeps the mock meaning on mock functions", () => {
    const fn = vi.fn((x: number) => x * 2);
    fn(21);
    expect(fn).toReturnWith(42);
    expect(fn).not.toReturnWith(41);
    expect(fn).toReturn();
    expect(vi.fn()).not.toReturn();
  });
});

describe("toHavePrinted", () => {
  it("matches trace_printk lines of the probe or of one run", () => {
    latency.run("onEnter", {}, { pid: 1 });
    latency.clock.advance(3_000_000);
    const r = latency.run("onExit", { id: 7 }, { pid: 1 });
    expect(r).toHavePrinted("slow syscall 7 took 3000000 ns");
    expect(latency).toHavePrinted(/took \d+ ns/);
    expect(failure(() => expect(r).toHavePrinted("nope"))).toBe(
      "expected trace_printk to have printed nope; it printed:\n  slow syscall 7 took 3000000 ns",
    );
  });
});

describe("toHaveEmitted and the snapshot form of streams", () => {
  it("finds a record by some of its fields, without draining", () => {
    exec.run("onExec", { pid: 5 }, { comm: "ls", now: 9n });
    expect(exec.events.events).toHaveEmitted({ pid: 5 });
    expect(exec.events.events).toHaveEmitted(expect.objectContaining({ comm: "ls" }));
    expect(exec.events.events).not.toHaveEmitted({ pid: 6 });
    expect(failure(() => expect(exec.events.events).toHaveEmitted({ pid: 6 }))).toBe(
      "expected events to have a record like { pid: 6 }; records:\n  { pid: 5, ts: 9, comm: ls }",
    );
    expect(exec.events.events).toMatchInlineSnapshot(`{ pid: 5, ts: 9, comm: ls }`);
    expect(exec.events.events.length).toBe(1);
  });
});
