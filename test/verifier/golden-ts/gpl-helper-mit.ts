// bpf_trace_printk is GPL-only: a program under the MIT license may not call it.
import { kprobe, license, bpf } from "tsbpf";

export const LICENSE = license("MIT");

export const prog = kprobe("do_sys_openat2", (ctx) => {
  bpf.tracePrintk("openat2");
  return 0;
});
