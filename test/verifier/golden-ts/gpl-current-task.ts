// bpf_get_current_task is GPL-only; this object declares a proprietary license.
import { kprobe, license, bpf } from "tsbpf";

export const LICENSE = license("Proprietary");

export const prog = kprobe("do_sys_openat2", (ctx) => {
  const task = bpf.getCurrentTask();
  return task === 0 ? 0 : 1;
});
