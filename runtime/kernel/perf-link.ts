import { AttachType } from "../uapi/bpf.js";
import { type KernelResult, success } from "./errors.js";
import { KernelLink } from "./kernel-link.js";
import { linkCreate } from "./link-commands.js";
import { perfEventAttachIoctl } from "./perf.js";
import { closeFd } from "./syscall.js";

/**
 * Puts a program on an open perf event (tracepoint, uprobe, kprobe PMU) and takes ownership of
 * the event fd: BPF_LINK_CREATE with BPF_PERF_EVENT (kernel ≥ 5.15), else PERF_EVENT_IOC_SET_BPF
 * — libbpf's bpf_program__attach_perf_event_opts order. On failure the event fd is closed.
 */
export function attachPerfEvent(
  progFd: number,
  perfFd: number,
  description: string,
  cookie?: bigint,
): KernelResult<KernelLink> {
  const link = linkCreate({
    progFd,
    target: perfFd,
    attachType: AttachType.PERF_EVENT,
    ...(cookie !== undefined ? { cookie } : {}),
  });
  if (link.ok)
    return success(new KernelLink("bpf-link", description, { link: link.value, perfEvent: perfFd }));
  // EINVAL/EOPNOTSUPP/ENOTSUPP: no perf-event links in this kernel. Anything else is a real refusal.
  if (link.errno !== 22 && link.errno !== 95 && link.errno !== 524) {
    closeFd(perfFd);
    return link;
  }
  const ioctl = perfEventAttachIoctl(perfFd, progFd);
  if (!ioctl.ok) {
    closeFd(perfFd);
    return ioctl;
  }
  return success(new KernelLink("perf-ioctl", description, { perfEvent: perfFd }));
}
