// uprobe counting calls of a user-space function, per process. SEC("uprobe"): the loader picks
// the binary and function when it attaches (e.g. `tsbpf run --uprobe /bin/bash:readline`).
// C twin: examples/c/uprobe_count.bpf.c.
import { HashMap, uprobe, bpf, type u32, type u64 } from "tsbpf";

export const calls = new HashMap<u32, u64>({ maxEntries: 1024 });

export const count_calls = uprobe(() => {
  const pid: u32 = bpf.getCurrentPidTgid() >> 32;
  calls.increment(pid);
  return 0;
});
