import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kernelSupport, load, type Probe } from "tsbpf/testing";
import "tsbpf/testing/vitest";
import type * as Syslatency from "./syslatency.ts";

const source = new URL("./syslatency.ts", import.meta.url);
// tracepoints: BPF_PROG_TEST_RUN cannot run them, so the kernel half says why and is skipped
const kernel = await kernelSupport(source);
if (!kernel.ok) console.log(`syslatency: kernel backend skipped: ${kernel.reason}`);

describe.each([
  ["vm", true],
  ["kernel", kernel.ok],
] as const)("syslatency on the %s backend: a log2 histogram of system call latency", (backend, enabled) => {
  let probe: Probe<typeof Syslatency>;
  beforeEach(async () => {
    probe = await load<typeof Syslatency>(source, { backend });
  });
  afterEach(() => probe.close());

  it.skipIf(!enabled)("declares a start map and a histogram array on the C twin's sections", () => {
    expect(probe.spec.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize])).toEqual([
      ["start", 1 /* BPF_MAP_TYPE_HASH */, 8, 8],
      ["latency", 2 /* BPF_MAP_TYPE_ARRAY */, 4, 8],
    ]);
    expect(probe.spec.programs.map((p) => p.section)).toEqual([
      "tracepoint/raw_syscalls/sys_enter",
      "tracepoint/raw_syscalls/sys_exit",
    ]);
  });

  it.skipIf(!enabled)("records each call's duration in its log2 bucket, per thread", () => {
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
      { enter: true, pid, now: t0 },
      { enter: false, pid, now: t1 },
    ]);
    events.sort((a, b) => Number(a.now - b.now));
    for (const e of events) {
      const r = e.enter
        ? probe.run("on_enter", { id: 0 }, { tgid: 1, pid: e.pid, now: e.now })
        : probe.run("on_exit", { id: 0, ret: 0 }, { tgid: 1, pid: e.pid, now: e.now });
      expect(r).toReturnWith(0);
    }
    // bpftrace's hist() buckets: [0], [1], then powers of two
    expect(probe.maps.latency.buckets()).toEqual({
      "[0]": 1n,
      "[1]": 1n,
      "[4K, 8K)": 2n,
      "[512K, 1M)": 1n,
      "[1T, 2T)": 1n,
    });
    expect(probe.maps.latency.counts().reduce((a, b) => a + b)).toBe(6n);
    expect(probe.maps.start.size).toBe(0); // every entry stamp was consumed
  });

  it.skipIf(!enabled)("measures with the probe's clock across runs", () => {
    probe.run("on_enter", { id: 1 }, { pid: 42 });
    expect(probe.maps.start.get((42n << 32n) | 42n)).toBe(probe.clock.now);
    probe.clock.advance(1_500);
    probe.run("on_exit", { id: 1, ret: 0 }, { pid: 42 });
    expect(probe.maps.latency.buckets()).toEqual({ "[1K, 2K)": 1n });
    for (const ns of [1_024, 2_047, 3_000]) {
      probe.run("on_enter", { id: 1 }, { pid: 42 });
      probe.clock.advance(ns);
      probe.run("on_exit", { id: 1, ret: 0 }, { pid: 42 });
    }
    expect(probe.maps.latency).toMatchInlineSnapshot(`
      @latency: 
      [1K, 2K)               3 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
      [2K, 4K)               1 |@@@@@@@@@@@@@@@@@                                   |
    `);
  });

  it.skipIf(!enabled)("ignores exits whose entry it did not see", () => {
    expect(probe.run("on_exit", { id: 0, ret: 0 }, { pid: 77, now: 50n })).toReturnWith(0);
    expect(probe.maps.latency.buckets()).toEqual({});
    expect(probe.maps.latency.counts()).toEqual([]);
  });
});
