// A helper function reserves a record and gives up on one path without discarding it.
import { tracepoint, RingBuf, bpf, type u64 } from "tsbpf";

interface Event {
  ts: u64;
}
export const events = new RingBuf<Event>({ size: 4096 });

function emit(ts: u64): void {
  const e = events.reserve();
  if (!e) return;
  if (ts === 0) return;
  e.ts = ts;
  events.submit(e);
}

export const prog = tracepoint("syscalls/sys_enter_openat", (ctx) => {
  emit(bpf.ktimeGetNs());
  return 0;
});
