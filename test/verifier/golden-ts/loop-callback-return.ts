// A bpf_loop callback returns 0 (go on) or 1 (stop); the index itself is neither.
import { rawTracepoint, bpf, type u32 } from "tsbpf";

export const prog = rawTracepoint("sys_enter", (ctx) => {
  bpf.loop(8, (i) => (i & 3) as 0 | 1);
  return 0;
});
