import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kernelSupport, load, type Probe } from "tsbpf/testing";
import "tsbpf/testing/vitest";
import type * as UprobeCount from "./uprobe_count.ts";

const source = new URL("./uprobe_count.ts", import.meta.url);
// a uprobe (a KPROBE-type program): BPF_PROG_TEST_RUN cannot run it; the kernel half says why
const kernel = await kernelSupport(source);
if (!kernel.ok) console.log(`uprobe_count: kernel backend skipped: ${kernel.reason}`);

describe.each([
  ["vm", true],
  ["kernel", kernel.ok],
] as const)("uprobe_count on the %s backend: calls of a user function per process", (backend, enabled) => {
  let probe: Probe<typeof UprobeCount>;
  beforeEach(async () => {
    probe = await load<typeof UprobeCount>(source, { backend });
  });
  afterEach(() => probe.close());

  it.skipIf(!enabled)('is a SEC("uprobe") kprobe-type program with the C twin\'s map', () => {
    expect(probe.spec.programs.map((p) => [p.name, p.section, p.type])).toEqual([
      ["count_calls", "uprobe", "KPROBE"],
    ]);
    expect(probe.spec.maps).toEqual([
      {
        name: "calls",
        type: 1 /* BPF_MAP_TYPE_HASH */,
        keySize: 4,
        valueSize: 8,
        maxEntries: 1024,
        flags: 0,
      },
    ]);
  });

  it.skipIf(!enabled)("counts each process's calls whatever the arguments and registers", () => {
    const hits: [tgid: number, times: number][] = [
      [700, 4],
      [701, 1],
      [702, 2],
    ];
    for (const [tgid, times] of hits)
      for (let n = 0; n < times; n++) {
        // readline(prompt) probed at its entry: rdi holds the prompt pointer
        const args = [0x5555_0000_1000n + BigInt(n)];
        const r = probe.run("count_calls", n % 2 ? { args } : { regs: { ip: 0x5555_0000_2000n } }, {
          tgid,
          pid: tgid + n,
        });
        expect(r).toReturnWith(0);
      }
    expect(probe.maps.calls.entries().sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
      hits.map(([tgid, times]) => [tgid, BigInt(times)]),
    );
    expect(probe.maps.calls.format()).toBe("@calls[701]: 1\n@calls[702]: 2\n@calls[700]: 4\n");
  });
});
