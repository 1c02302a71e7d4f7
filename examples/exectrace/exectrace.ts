// exec tracer: sched/sched_process_exec into a ring buffer with pid, timestamp and comm.
// C twin: examples/c/exectrace.bpf.c (same record layout, map and section).
import { RingBuf, tracepoint, bpf, type CString, type u32, type u64 } from "tsbpf";

export interface ExecEvent {
  pid: u32;
  pad: u32;
  ts: u64;
  comm: CString<16>;
}

export const events = new RingBuf<ExecEvent>({ size: 256 * 1024 });

export const on_exec = tracepoint("sched/sched_process_exec", (ctx) => {
  const e = events.reserve();
  if (!e) return 0;
  e.pid = ctx.pid;
  e.pad = 0; // ring-buffer memory is not cleared: every byte userspace reads is written
  e.ts = bpf.ktimeGetNs();
  bpf.getCurrentComm(e.comm); // the new program's name
  events.submit(e);
  return 0;
});
