import { describe, expect, it } from "vitest";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import { MapType } from "../../runtime/uapi/bpf.js";
import { buildExample, sandboxOf } from "../../test/examples/harness.js";

describe("syscount: system calls per process", () => {
  const out = buildExample("syscount");

  it("declares the C twin's map and section", () => {
    expect(out.spec.maps).toEqual([
      { name: "counts", type: MapType.HASH, keySize: 4, valueSize: 8, maxEntries: 10240, flags: 0 },
    ]);
    expect(out.spec.programs.map((p) => [p.name, p.section, p.type])).toEqual([
      ["on_sys_enter", "tracepoint/raw_syscalls/sys_enter", "TRACEPOINT"],
    ]);
  });

  it("counts each process's system calls, threads of one process together", () => {
    const sb = sandboxOf(out);
    // a shell making three calls, a two-threaded server making five, a short-lived process one
    const calls = [
      ...Array.from({ length: 3 }, (_, n) => ({ tgid: 100, pid: 100, id: n })),
      ...Array.from({ length: 5 }, (_, n) => ({ tgid: 2000, pid: 2000 + (n % 2), id: 0 })),
      { tgid: 31337, pid: 31337, id: 60 },
    ];
    for (const c of calls) {
      const r = sb.run("on_sys_enter", { fields: { id: c.id } }, { tgid: c.tgid, pid: c.pid });
      expect(r.fault).toBeUndefined();
      expect(r.ret).toBe(0);
    }
    const counts = unwrap(sb.typed<number, bigint>("counts"));
    expect(new Map(counts.entries())).toEqual(
      new Map([
        [100, 3n],
        [2000, 5n],
        [31337, 1n],
      ]),
    );
  });

  it("stops adding processes when the map is full, as the kernel's -E2BIG does", () => {
    const sb = sandboxOf(out);
    const counts = unwrap(sb.typed<number, bigint>("counts"));
    for (let pid = 1; pid <= 10240; pid++) counts.set(pid, 7n);
    const r = sb.run("on_sys_enter", { fields: { id: 1 } }, { tgid: 99999, pid: 99999 });
    expect(r.fault).toBeUndefined();
    expect(counts.has(99999)).toBe(false);
    sb.run("on_sys_enter", { fields: { id: 1 } }, { tgid: 5, pid: 5 });
    expect(counts.get(5)).toBe(8n);
  });
});
