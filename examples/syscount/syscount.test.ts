import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kernelSupport, load, type Probe } from "tsbpf/testing";
import "tsbpf/testing/vitest";
import type * as Syscount from "./syscount.ts";

const source = new URL("./syscount.ts", import.meta.url);
// a tracepoint: BPF_PROG_TEST_RUN cannot run it, so the kernel half says why and is skipped
const kernel = await kernelSupport(source);
if (!kernel.ok) console.log(`syscount: kernel backend skipped: ${kernel.reason}`);

describe.each([
  ["vm", true],
  ["kernel", kernel.ok],
] as const)("syscount on the %s backend: system calls per process", (backend, enabled) => {
  let probe: Probe<typeof Syscount>;
  beforeEach(async () => {
    probe = await load<typeof Syscount>(source, { backend });
  });
  afterEach(() => probe.close());

  it.skipIf(!enabled)("declares the C twin's map and section", () => {
    expect(probe.spec.maps).toEqual([
      {
        name: "counts",
        type: 1 /* BPF_MAP_TYPE_HASH */,
        keySize: 4,
        valueSize: 8,
        maxEntries: 10240,
        flags: 0,
      },
    ]);
    expect(probe.spec.programs.map((p) => [p.name, p.section, p.type])).toEqual([
      ["on_sys_enter", "tracepoint/raw_syscalls/sys_enter", "TRACEPOINT"],
    ]);
  });

  it.skipIf(!enabled)("counts each process's system calls, threads of one process together", () => {
    // a shell making three calls, a two-threaded server making five, a short-lived process one
    const calls = [
      ...Array.from({ length: 3 }, (_, n) => ({ tgid: 100, pid: 100, id: n })),
      ...Array.from({ length: 5 }, (_, n) => ({ tgid: 2000, pid: 2000 + (n % 2), id: 0 })),
      { tgid: 31337, pid: 31337, id: 60 },
    ];
    for (const c of calls)
      expect(probe.run("on_sys_enter", { id: c.id }, { tgid: c.tgid, pid: c.pid })).toReturnWith(0);
    expect(new Map(probe.maps.counts.entries())).toEqual(
      new Map([
        [100, 3n],
        [2000, 5n],
        [31337, 1n],
      ]),
    );
    expect(probe.maps.counts).toHaveEntry(2000, 5n);
    expect(probe.maps.counts).not.toHaveEntry(2001); // a thread is counted under its process
    expect(probe.maps.counts).toMatchInlineSnapshot(`
      @counts[31337]: 1
      @counts[100]: 3
      @counts[2000]: 5
    `);
  });

  it.skipIf(!enabled)("stops adding processes when the map is full, as the kernel's -E2BIG does", () => {
    for (let pid = 1; pid <= 10240; pid++) probe.maps.counts.set(pid, 7n);
    expect(probe.maps.counts.size).toBe(10240);
    expect(probe.run("on_sys_enter", { id: 1 }, { tgid: 99999 })).toReturnWith(0);
    expect(probe.maps.counts.has(99999)).toBe(false);
    probe.run("on_sys_enter", { id: 1 }, { tgid: 5 });
    expect(probe.maps.counts.get(5)).toBe(8n);
  });
});
