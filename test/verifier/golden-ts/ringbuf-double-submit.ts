// A record can be submitted once: the second submit releases a reference that is gone.
import { tracepoint, RingBuf, type u32 } from "tsbpf";

interface Event {
  pid: u32;
}
export const events = new RingBuf<Event>({ size: 4096 });

export const prog = tracepoint("syscalls/sys_enter_openat", (ctx) => {
  const e = events.reserve();
  if (!e) return 0;
  e.pid = 1;
  events.submit(e);
  events.submit(e);
  return 0;
});
