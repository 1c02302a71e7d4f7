// The reserved record is submitted on one path only: the early return leaks it.
import { tracepoint, RingBuf, bpf, u32, type u64 } from "tsbpf";

interface Event {
  pid: u32;
  ts: u64;
}
export const events = new RingBuf<Event>({ size: 4096 });

export const prog = tracepoint("syscalls/sys_enter_openat", (ctx) => {
  const e = events.reserve();
  if (!e) return 0;
  e.pid = u32(bpf.getCurrentPidTgid() >> 32);
  if (e.pid === 1) return 0;
  e.ts = bpf.ktimeGetNs();
  events.submit(e);
  return 0;
});
