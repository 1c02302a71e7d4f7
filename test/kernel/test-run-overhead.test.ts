import { describe, it } from "vitest";
import { KernelProgram, kernelAvailability, type KernelResult } from "../../runtime/kernel/index.js";
import { ProgType } from "../../runtime/uapi/bpf.js";
import { add64, exit, mov64 } from "./asm.js";

/**
 * A measurement, not a test: what one BPF_PROG_TEST_RUN costs from TypeScript (koffi + syscall +
 * the kernel's setup) with repeat = 1 and with repeat = N, per program type. Prints a table;
 * asserts nothing about time. Run with TSBPF_MEASURE=1 npx vitest run test/kernel/test-run-overhead.
 */
const avail = kernelAvailability();
const enabled = avail.ok && process.env.TSBPF_MEASURE === "1";
if (!enabled)
  console.log(`test-run overhead measurement skipped (${avail.ok ? "set TSBPF_MEASURE=1" : avail.reason})`);

function must<T>(r: KernelResult<T>): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function measure(type: number, body: number): string[] {
  const insns = [mov64(0, 2), ...Array.from({ length: body }, () => add64(0, 0)), exit()];
  const prog = must(KernelProgram.load({ type, instructions: insns }));
  const packet = new Uint8Array(64);
  const rows: string[] = [];
  try {
    for (const repeat of [1, 10, 100, 1000, 10000]) {
      const calls = repeat === 1 ? 200 : 5;
      must(prog.testRun({ data: packet, repeat })); // warm
      const t0 = process.hrtime.bigint();
      let kernelNs = 0;
      for (let i = 0; i < calls; i++) kernelNs += must(prog.testRun({ data: packet, repeat })).duration;
      const wallPerCall = Number(process.hrtime.bigint() - t0) / calls;
      rows.push(
        [
          type === ProgType.XDP ? "xdp" : "socket_filter",
          body + 2,
          repeat,
          (wallPerCall / 1000).toFixed(1),
          (kernelNs / calls).toFixed(0),
          (wallPerCall / repeat).toFixed(0),
        ].join("\t"),
      );
    }
  } finally {
    prog.close();
  }
  return rows;
}

describe.skipIf(!enabled)("BPF_PROG_TEST_RUN overhead", () => {
  it("prints wall µs per call and kernel ns per run", () => {
    const rows = ["type\tinsns\trepeat\twall_us/call\tkernel_ns/run\twall_ns/run"];
    for (const type of [ProgType.XDP, ProgType.SOCKET_FILTER])
      for (const body of [0, 1000]) rows.push(...measure(type, body));
    console.log(rows.join("\n"));
  });
});
