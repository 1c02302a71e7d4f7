import { PerfEventAttrLayout, AttrWriter } from "./attr.js";
import { type KernelResult, kernelError, success } from "./errors.js";
import { loadLibc } from "./libc.js";
import { withArena } from "./memory.js";

/** include/uapi/linux/perf_event.h */
export const Perf = {
  TYPE_TRACEPOINT: 2,
  SAMPLE_RAW: 1 << 10,
  FLAG_FD_CLOEXEC: 1 << 3,
  /** _IO('$', 0) / _IO('$', 1) */
  IOC_ENABLE: 0x2400,
  IOC_DISABLE: 0x2401,
  /** _IOW('$', 8, __u32) */
  IOC_SET_BPF: 0x40042408,
} as const;

/**
 * perf_event_open(2) for tracepoint `id` on one CPU (pid −1: every task). A BPF program attached to
 * such an event runs for the tracepoint on every CPU — the program hangs off the trace event
 * itself (kernel: perf_event_attach_bpf_prog) — so one event on CPU 0 suffices, as in libbpf.
 */
export function perfEventOpenTracepoint(id: number, cpu = 0): KernelResult<number> {
  const libc = loadLibc();
  if (!libc.ok) return libc;
  return withArena((arena) => {
    const block = arena.alloc(PerfEventAttrLayout.size);
    new AttrWriter(PerfEventAttrLayout, block.view)
      .u32("type", Perf.TYPE_TRACEPOINT)
      .u32("size", PerfEventAttrLayout.size)
      .u64("config", BigInt(id))
      .u64("sample_period", 1n)
      .u64("sample_type", BigInt(Perf.SAMPLE_RAW))
      .u32("wakeup_events", 1);
    const fd = libc.value.perfEventOpen(block.pointer, -1, cpu, -1, Perf.FLAG_FD_CLOEXEC);
    if (fd < 0) return kernelError(`perf_event_open(tracepoint ${id})`, libc.value.errno());
    return success(fd);
  });
}

/** ioctl(fd, request, arg) with errno turned into a KernelError. */
export function ioctl(fd: number, request: number, arg: number, what: string): KernelResult<number> {
  const libc = loadLibc();
  if (!libc.ok) return libc;
  const r = libc.value.ioctl(fd, request, arg);
  if (r < 0) return kernelError(what, libc.value.errno());
  return success(r);
}

/** The pre-5.15 way to attach: PERF_EVENT_IOC_SET_BPF then PERF_EVENT_IOC_ENABLE. */
export function perfEventAttachIoctl(perfFd: number, progFd: number): KernelResult<void> {
  const set = ioctl(perfFd, Perf.IOC_SET_BPF, progFd, "ioctl(PERF_EVENT_IOC_SET_BPF)");
  if (!set.ok) return set;
  const enable = ioctl(perfFd, Perf.IOC_ENABLE, 0, "ioctl(PERF_EVENT_IOC_ENABLE)");
  return enable.ok ? success(undefined) : enable;
}
