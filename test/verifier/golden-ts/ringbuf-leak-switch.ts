// One case of the switch forgets the record.
import { tracepoint, RingBuf, type u32 } from "tsbpf";

interface Event {
  kind: u32;
}
export const events = new RingBuf<Event>({ size: 4096 });

export const prog = tracepoint("syscalls/sys_enter_openat", (ctx) => {
  const e = events.reserve();
  if (!e) return 0;
  switch (ctx.flags & 3) {
    case 0:
      e.kind = 1;
      events.submit(e);
      break;
    case 1:
      events.discard(e);
      break;
    default:
      e.kind = 2;
  }
  return 0;
});
