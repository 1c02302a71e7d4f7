// Syscalls per process: every raw_syscalls/sys_enter adds one to the entering process's count.
// C twin: examples/c/syscount.bpf.c (same map, key and value layouts and section).
import { HashMap, tracepoint, bpf, type u32, type u64 } from "tsbpf";

/** System calls entered, by process id (tgid). */
export const counts = new HashMap<u32, u64>({ maxEntries: 10240 });

export const on_sys_enter = tracepoint("raw_syscalls/sys_enter", () => {
  const pid: u32 = bpf.getCurrentPidTgid() >> 32;
  counts.increment(pid); // lookup + atomic add; insert 1 when the process is new
  return 0;
});
