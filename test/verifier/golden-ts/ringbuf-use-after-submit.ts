// Writing a record after submitting it: the reference was released, the pointer is dead.
import { tracepoint, RingBuf, bpf, type u32, type u64 } from "tsbpf";

interface Event {
  pid: u32;
  ts: u64;
}
export const events = new RingBuf<Event>({ size: 4096 });

export const prog = tracepoint("syscalls/sys_enter_openat", (ctx) => {
  const e = events.reserve();
  if (!e) return 0;
  e.pid = 1;
  events.submit(e);
  e.ts = bpf.ktimeGetNs();
  return 0;
});
