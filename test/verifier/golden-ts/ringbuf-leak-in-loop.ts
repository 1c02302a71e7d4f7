// A record reserved on every iteration but submitted only on the last one.
import { tracepoint, RingBuf, type u32 } from "tsbpf";

interface Event {
  i: u32;
}
export const events = new RingBuf<Event>({ size: 4096 });

export const prog = tracepoint("syscalls/sys_enter_openat", (ctx) => {
  for (let i: u32 = 0; i < 4; i++) {
    const e = events.reserve();
    if (!e) return 0;
    e.i = i;
    if (i === 3) events.submit(e);
  }
  return 0;
});
