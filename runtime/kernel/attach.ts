import { AttachType } from "../uapi/bpf.js";
import { openSync, closeSync } from "node:fs";
import { type KernelResult, success, usageError } from "./errors.js";
import { KernelLink } from "./kernel-link.js";
import { linkCreate, rawTracepointOpen } from "./link-commands.js";
import { progAttach } from "./object-commands.js";
import { perfEventAttachIoctl, perfEventOpenTracepoint } from "./perf.js";
import { closeFd } from "./syscall.js";
import { tracepointId } from "./tracefs.js";

/**
 * Attaches a TRACEPOINT program to `category/name` (e.g. "syscalls/sys_enter_getppid"): a perf
 * event for the tracepoint, then BPF_LINK_CREATE with BPF_PERF_EVENT (kernel ≥ 5.15), falling back
 * to PERF_EVENT_IOC_SET_BPF on older kernels — the order libbpf's bpf_program__attach_perf_event uses.
 */
export function attachTracepoint(
  progFd: number,
  tracepoint: string,
  cookie?: bigint,
): KernelResult<KernelLink> {
  const slash = tracepoint.indexOf("/");
  if (slash <= 0) return usageError(`tracepoint '${tracepoint}' is not of the form category/name`);
  const id = tracepointId(tracepoint.slice(0, slash), tracepoint.slice(slash + 1));
  if (!id.ok) return id;
  const perf = perfEventOpenTracepoint(id.value);
  if (!perf.ok) return perf;
  const link = linkCreate({
    progFd,
    target: perf.value,
    attachType: AttachType.PERF_EVENT,
    ...(cookie !== undefined ? { cookie } : {}),
  });
  if (link.ok)
    return success(
      new KernelLink("bpf-link", `tracepoint ${tracepoint}`, { link: link.value, perfEvent: perf.value }),
    );
  // EINVAL/EOPNOTSUPP: no perf-event links in this kernel. Anything else is a real refusal.
  if (link.errno !== 22 && link.errno !== 95 && link.errno !== 524) {
    closeFd(perf.value);
    return link;
  }
  const ioctl = perfEventAttachIoctl(perf.value, progFd);
  if (!ioctl.ok) {
    closeFd(perf.value);
    return ioctl;
  }
  return success(new KernelLink("perf-ioctl", `tracepoint ${tracepoint}`, { perfEvent: perf.value }));
}

/** Attaches a RAW_TRACEPOINT program (BPF_RAW_TRACEPOINT_OPEN), or a tracing program with no name. */
export function attachRawTracepoint(progFd: number, name: string | undefined): KernelResult<KernelLink> {
  const fd = rawTracepointOpen(progFd, name);
  if (!fd.ok) return fd;
  return success(new KernelLink("bpf-link", `raw_tracepoint ${name ?? "(btf target)"}`, { link: fd.value }));
}

/** Attaches an XDP program to interface `ifindex` with a bpf_link (flags: XdpFlags.*). */
export function attachXdp(progFd: number, ifindex: number, flags = 0): KernelResult<KernelLink> {
  const fd = linkCreate({ progFd, target: ifindex, attachType: AttachType.XDP, flags });
  if (!fd.ok) return fd;
  return success(new KernelLink("bpf-link", `xdp ifindex ${ifindex}`, { link: fd.value }));
}

/** Attaches a SCHED_CLS program to tcx ingress or egress of `ifindex` (kernel ≥ 6.6). */
export function attachTcx(
  progFd: number,
  ifindex: number,
  direction: "ingress" | "egress",
): KernelResult<KernelLink> {
  const attachType = direction === "ingress" ? AttachType.TCX_INGRESS : AttachType.TCX_EGRESS;
  const fd = linkCreate({ progFd, target: ifindex, attachType });
  if (!fd.ok) return fd;
  return success(new KernelLink("bpf-link", `tcx ${direction} ifindex ${ifindex}`, { link: fd.value }));
}

/**
 * Attaches a cgroup program (CGROUP_SKB, CGROUP_SOCK, ...) to the cgroup directory `cgroupPath`
 * with a bpf_link; `attachType` is the AttachType.* the program was loaded for.
 */
export function attachCgroup(
  progFd: number,
  cgroupPath: string,
  attachType: number,
): KernelResult<KernelLink> {
  let dir: number;
  try {
    dir = openSync(cgroupPath, "r");
  } catch (e) {
    return usageError(`cannot open cgroup ${cgroupPath}: ${(e as Error).message}`, 2);
  }
  try {
    const fd = linkCreate({ progFd, target: dir, attachType });
    if (!fd.ok) return fd;
    return success(new KernelLink("bpf-link", `cgroup ${cgroupPath}`, { link: fd.value }));
  } finally {
    closeSync(dir);
  }
}

/** Legacy BPF_PROG_ATTACH to a cgroup (no link; detach with progDetach). */
export function attachCgroupLegacy(
  progFd: number,
  cgroupPath: string,
  attachType: number,
  flags = 0,
): KernelResult<void> {
  let dir: number;
  try {
    dir = openSync(cgroupPath, "r");
  } catch (e) {
    return usageError(`cannot open cgroup ${cgroupPath}: ${(e as Error).message}`, 2);
  }
  try {
    return progAttach(dir, progFd, attachType, flags);
  } finally {
    closeSync(dir);
  }
}
