import { describe, expect, it } from "vitest";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import { MapType } from "../../runtime/uapi/bpf.js";
import { buildExample, sandboxOf } from "../../test/examples/harness.js";

describe("uprobe_count: calls of a user function per process", () => {
  const out = buildExample("uprobe_count");

  it('is a SEC("uprobe") kprobe-type program with the C twin\'s map', () => {
    expect(out.spec.programs.map((p) => [p.name, p.section, p.type])).toEqual([
      ["count_calls", "uprobe", "KPROBE"],
    ]);
    expect(out.spec.maps).toEqual([
      { name: "calls", type: MapType.HASH, keySize: 4, valueSize: 8, maxEntries: 1024, flags: 0 },
    ]);
  });

  it("counts each process's calls whatever the arguments", () => {
    const sb = sandboxOf(out);
    const hits: [tgid: number, times: number][] = [
      [700, 4],
      [701, 1],
      [702, 2],
    ];
    for (const [tgid, times] of hits)
      for (let n = 0; n < times; n++) {
        // readline(prompt) probed at its entry: rdi holds the prompt pointer
        const r = sb.run("count_calls", { args: [0x5555_0000_1000n + BigInt(n)] }, { tgid, pid: tgid + n });
        expect(r.fault).toBeUndefined();
        expect(r.ret).toBe(0);
      }
    const calls = unwrap(sb.typed<number, bigint>("calls"));
    expect([...calls.entries()].sort((a, b) => a[0] - b[0])).toEqual(
      hits.map(([tgid, times]) => [tgid, BigInt(times)]),
    );
  });
});
