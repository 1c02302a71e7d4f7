/** Why the kernel backend cannot run here, or that it can: for `it.skipIf(!kernel.ok)` with the reason. */
export type KernelSupport = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Whether `load(..., { backend: "kernel" })` can work in this process: Linux, libc through
 * koffi, and bpf(2) allowed to create a map and a program. Imported lazily so that VM-only test
 * files never load the native FFI.
 */
export async function kernelSupport(): Promise<KernelSupport> {
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
