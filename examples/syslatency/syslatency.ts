// Syscall latency histogram: raw_syscalls sys_enter stamps the thread, sys_exit records the
// elapsed nanoseconds in a log2 histogram (printed like bpftrace's hist()).
// C twin: examples/c/syslatency.bpf.c (same maps and sections; its log2 buckets are 0 for 0 and 1,
// then floor(log2 ns), while Histogram uses bpftrace's: 1 for 0, then 2 + floor(log2 ns)).
import { HashMap, Histogram, tracepoint, bpf, type u64 } from "tsbpf";

/** Entry time of the system call in progress, by thread (pid_tgid). */
export const start = new HashMap<u64, u64>({ maxEntries: 10240 });

/** Nanoseconds spent in system calls. */
export const latency = new Histogram({ scale: "log2" });

export const on_enter = tracepoint("raw_syscalls/sys_enter", () => {
  start.set(bpf.getCurrentPidTgid(), bpf.ktimeGetNs());
  return 0;
});

export const on_exit = tracepoint("raw_syscalls/sys_exit", () => {
  const id = bpf.getCurrentPidTgid();
  const t0 = start.get(id);
  if (t0 === undefined) return 0; // the call started before the probe was attached
  const delta = bpf.ktimeGetNs() - t0;
  start.delete(id);
  latency.record(delta);
  return 0;
});
