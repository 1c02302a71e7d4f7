// openat snooper: one ring-buffer event per sys_enter_openat with pid, uid, time, comm and path.
// C twin: examples/c/opensnoop.bpf.c (same record layout, map and section).
import { RingBuf, tracepoint, bpf, u32, type CString, type u64 } from "tsbpf";

export interface OpenEvent {
  pid: u32;
  uid: u32;
  ts: u64;
  comm: CString<16>;
  filename: CString<128>;
}

export const events = new RingBuf<OpenEvent>({ size: 256 * 1024 });

export const on_openat = tracepoint("syscalls/sys_enter_openat", (ctx) => {
  const e = events.reserve();
  if (!e) return 0; // buffer full: the event is lost, as in the kernel
  e.pid = u32(bpf.getCurrentPidTgid() >> 32);
  e.uid = u32(bpf.getCurrentUidGid());
  e.ts = bpf.ktimeGetNs();
  bpf.getCurrentComm(e.comm);
  bpf.probeReadUserStr(e.filename, ctx.filename); // the path lives in the caller's memory
  events.submit(e);
  return 0;
});
