// Two records are reserved; only the second is submitted.
import { tracepoint, RingBuf, type u32 } from "tsbpf";

interface Event {
  seq: u32;
}
export const events = new RingBuf<Event>({ size: 4096 });

export const prog = tracepoint("syscalls/sys_enter_openat", (ctx) => {
  const a = events.reserve();
  if (!a) return 0;
  a.seq = 1;
  const b = events.reserve();
  if (!b) {
    events.discard(a);
    return 0;
  }
  b.seq = 2;
  events.submit(b);
  return 0;
});
