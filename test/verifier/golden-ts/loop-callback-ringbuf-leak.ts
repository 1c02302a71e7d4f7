// A record reserved inside a bpf_loop callback must be released before the callback returns.
import { rawTracepoint, bpf, RingBuf, type u32 } from "tsbpf";

interface Event {
  i: u32;
}
export const events = new RingBuf<Event>({ size: 4096 });

export const prog = rawTracepoint("sys_enter", (ctx) => {
  bpf.loop(4, (i) => {
    const e = events.reserve();
    if (!e) return 1;
    e.i = i;
    return 0;
  });
  return 0;
});
