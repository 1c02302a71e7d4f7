import { readProbeSource, type SourceOptions } from "./source.js";
import { testRunRefusal } from "./test-run-types.js";

/** Why the kernel backend cannot run here, or that it can: for `it.skipIf(!kernel.ok)` with the reason. */
export type KernelSupport = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface KernelSupportOptions extends SourceOptions {
  /** Only these programs of the source need to run (default: every program). */
  readonly programs?: readonly string[];
}

async function kernelReachable(): Promise<KernelSupport> {
  try {
    const { kernelAvailability } = await import("../kernel/availability.js");
    return kernelAvailability();
  } catch (e) {
    return {
      ok: false,
      reason: `the kernel interface cannot load: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/**
 * Whether `load(..., { backend: "kernel" })` can work in this process: Linux, libc through
 * koffi, and bpf(2) allowed to create a map and a program. Given a probe (`source`), also
 * whether BPF_PROG_TEST_RUN can run its programs (tracepoints and uprobes it cannot), so a test
 * can skip the kernel with the reason: `it.skipIf(!kernel.ok)`, `console.log(kernel.reason)`.
 * Imported lazily so that VM-only test files never load the native FFI.
 */
export async function kernelSupport(
  source?: string | URL,
  options: KernelSupportOptions = {},
): Promise<KernelSupport> {
  if (source !== undefined) {
    const read = await readProbeSource(source, options);
    if (!read.ok) return { ok: false, reason: read.diagnostics.map((d) => d.message).join("; ") };
    const wanted = options.programs;
    const refusals = read.value.spec.programs
      .filter((p) => !wanted || wanted.includes(p.name))
      .map(testRunRefusal)
      .filter((r): r is string => r !== undefined);
    if (refusals.length) return { ok: false, reason: refusals.join("; ") };
  }
  return kernelReachable();
}
