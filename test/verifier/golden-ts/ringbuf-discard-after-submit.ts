// Discarding a record that was already submitted.
import { tracepoint, RingBuf, bpf, type u64 } from "tsbpf";

interface Event {
  ts: u64;
}
export const events = new RingBuf<Event>({ size: 4096 });

export const prog = tracepoint("syscalls/sys_enter_openat", (ctx) => {
  const e = events.reserve();
  if (!e) return 0;
  e.ts = bpf.ktimeGetNs();
  events.submit(e);
  if (e.ts > 0) events.discard(e);
  return 0;
});
