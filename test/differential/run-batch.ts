import type { Instruction } from "../../runtime/isa/index.js";
import { createVm, formatFault, type Tier } from "../../runtime/vm/index.js";
import { loadSyscall, runSyscall } from "./syscall-run.js";

/** What one side computed for a batch: each unit's 64-bit r0, and the batch's own r0. */
export interface BatchOutcome {
  readonly values: readonly bigint[];
  readonly r0: bigint;
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

function words(ctx: Uint8Array, count: number): bigint[] {
  const view = new DataView(ctx.buffer, ctx.byteOffset, ctx.byteLength);
  return Array.from({ length: count }, (_, i) => view.getBigUint64(8 * i, true));
}

/** Runs a batch in tsbpf's VM on the given tier, with a writable context of 8 bytes per unit. */
export function runBatchInVm(
  program: readonly Instruction[],
  units: number,
  tier: Tier,
): Outcome<BatchOutcome> {
  const vm = createVm(program, { name: "batch" });
  if (!vm.ok) return { ok: false, error: vm.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n") };
  if (tier === "js" && !vm.value.jsTierAvailable)
    return { ok: false, error: "the JS tier refuses the batch" };
  const ctx = new Uint8Array(8 * units);
  const r = vm.value.run({
    tier,
    setup: (mem) => [mem.add(ctx, { kind: "ctx", name: "ctx", writable: true }).address(0)],
  });
  if (r.kind === "fault") return { ok: false, error: formatFault(r) };
  return { ok: true, value: { values: words(ctx, units), r0: r.r0 } };
}

/**
 * Runs a batch in the kernel as BPF_PROG_TYPE_SYSCALL. retval is r0's low half only; the
 * units' full values come back in the context.
 */
export function runBatchInKernel(program: readonly Instruction[], units: number): Outcome<BatchOutcome> {
  const loaded = loadSyscall(program);
  if (!loaded.ok) return { ok: false, error: `${loaded.message}\n${loaded.log ?? ""}` };
  try {
    const run = runSyscall(loaded.value.fd, new Uint8Array(8 * units));
    if (!run.ok) return { ok: false, error: run.message };
    return { ok: true, value: { values: words(run.value.ctx, units), r0: BigInt(run.value.retval) } };
  } finally {
    loaded.value.close();
  }
}
