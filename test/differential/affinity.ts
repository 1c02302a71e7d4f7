import koffi from "koffi";

/**
 * Pins the calling thread to one CPU (sched_setaffinity(2) with pid 0 = this thread), so that a
 * BPF_PROG_TEST_RUN of an XDP or skb program — which runs on the caller's CPU — updates the same
 * per-CPU map slot as the VM's run on that CPU. Returns a function restoring the old mask, or a
 * reason it could not pin.
 */
export function pinToCpu(cpu: number): { restore: () => void } | { reason: string } {
  try {
    const libc = koffi.load("libc.so.6");
    const setAffinity = libc.func("int sched_setaffinity(int pid, size_t size, void *mask)");
    const getAffinity = libc.func("int sched_getaffinity(int pid, size_t size, void *mask)");
    const getCpu = libc.func("int sched_getcpu(void)");
    const SIZE = 128; // cpu_set_t: 1024 bits
    const old = Buffer.alloc(SIZE);
    if (getAffinity(0, SIZE, old) !== 0) return { reason: "sched_getaffinity failed" };
    const mask = Buffer.alloc(SIZE);
    mask[cpu >> 3] = 1 << (cpu & 7);
    if (setAffinity(0, SIZE, mask) !== 0) return { reason: `sched_setaffinity to CPU ${cpu} failed` };
    if (getCpu() !== cpu) return { reason: `still not on CPU ${cpu} after sched_setaffinity` };
    return { restore: () => void setAffinity(0, SIZE, old) };
  } catch (e) {
    return { reason: `libc through koffi: ${e instanceof Error ? e.message : String(e)}` };
  }
}
