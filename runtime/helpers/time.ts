import { define, type HelperEntries } from "./define.js";
import type { KernelState } from "./kernel.js";

/** Jiffies per second of the kernel config the defaults assume (CONFIG_HZ=250, Debian's). */
export const HZ = 250n;

/**
 * Clock helpers. Every clock reads the environment's base value advanced by `clockStep` per earlier
 * read in the run, so two reads in one run differ by exactly clockStep (0 by default).
 */
export function timeHelpers(kernel: KernelState): HelperEntries {
  const h: HelperEntries = new Map();
  define(h, "ktime_get_ns", () => kernel.clock(kernel.env.now));
  // the coarse clock is the monotonic clock at tick resolution; the VM has no ticks, so it is the same
  define(h, "ktime_get_coarse_ns", () => kernel.clock(kernel.env.now));
  define(h, "ktime_get_boot_ns", () => kernel.clock(kernel.env.bootNow));
  define(h, "ktime_get_tai_ns", () => kernel.clock(kernel.env.taiNow));
  // bpf_jiffies64: get_jiffies_64(); jiffies start at INITIAL_JIFFIES (-300 s) in the kernel,
  // which tsbpf does not model: boot time in ticks
  define(h, "jiffies64", () => (kernel.clock(kernel.env.bootNow) * HZ) / 1_000_000_000n);
  return h;
}
