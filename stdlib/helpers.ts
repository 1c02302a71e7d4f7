import { notCompiled } from "./inert.js";
import type { CString, FixedArray, i64, Ptr, u32, u64 } from "./types.js";

/** Anything a helper can fill or read: a struct, array or CString field, or a local. */
export type Buffer = CString<number> | FixedArray<number, number> | object;

/**
 * The kernel's bpf_* helpers, camelCased (`bpf_get_current_pid_tgid` → `bpf.getCurrentPidTgid`).
 * Buffer arguments take a field or local of fixed size; the compiler passes its address and size.
 * Helpers return what the kernel's do: negative errno values are failures.
 */
export namespace bpf {
  /** bpf_ktime_get_ns: monotonic nanoseconds (CLOCK_MONOTONIC, not counting suspend). */
  export function ktimeGetNs(): u64 {
    return notCompiled("bpf.ktimeGetNs()");
  }
  /** bpf_ktime_get_boot_ns: nanoseconds since boot, including suspend. */
  export function ktimeGetBootNs(): u64 {
    return notCompiled("bpf.ktimeGetBootNs()");
  }
  /** bpf_get_current_pid_tgid: `tgid << 32 | pid` (the process id is the high half). */
  export function getCurrentPidTgid(): u64 {
    return notCompiled("bpf.getCurrentPidTgid()");
  }
  /** bpf_get_current_uid_gid: `gid << 32 | uid`. */
  export function getCurrentUidGid(): u64 {
    return notCompiled("bpf.getCurrentUidGid()");
  }
  /** bpf_get_current_comm: the task's command name into `buf` (NUL-terminated); 0 or -errno. */
  export function getCurrentComm(buf: Buffer): i64 {
    return notCompiled("bpf.getCurrentComm()");
  }
  /** bpf_get_smp_processor_id */
  export function getSmpProcessorId(): u32 {
    return notCompiled("bpf.getSmpProcessorId()");
  }
  /** bpf_get_prandom_u32 */
  export function getPrandomU32(): u32 {
    return notCompiled("bpf.getPrandomU32()");
  }
  /** bpf_get_current_task: address of the current task_struct. */
  export function getCurrentTask(): Ptr {
    return notCompiled("bpf.getCurrentTask()");
  }
  /** bpf_get_current_cgroup_id */
  export function getCurrentCgroupId(): u64 {
    return notCompiled("bpf.getCurrentCgroupId()");
  }
  /** bpf_probe_read_user: copies sizeof(dst) bytes of user memory at `src`; 0 or -errno. */
  export function probeReadUser(dst: Buffer, src: Ptr): i64 {
    return notCompiled("bpf.probeReadUser()");
  }
  /** bpf_probe_read_kernel */
  export function probeReadKernel(dst: Buffer, src: Ptr): i64 {
    return notCompiled("bpf.probeReadKernel()");
  }
  /** bpf_probe_read_user_str: bytes copied including the NUL, or -errno. */
  export function probeReadUserStr(dst: Buffer, src: Ptr): i64 {
    return notCompiled("bpf.probeReadUserStr()");
  }
  /** bpf_probe_read_kernel_str */
  export function probeReadKernelStr(dst: Buffer, src: Ptr): i64 {
    return notCompiled("bpf.probeReadKernelStr()");
  }
  /** bpf_trace_printk with a constant format (up to three integer arguments). */
  export function tracePrintk(format: string, ...args: number[]): i64 {
    return notCompiled("bpf.tracePrintk()");
  }
  /** bpf_loop: calls `body(i)` for i = 0 .. count-1 until it returns 1; returns the calls made. */
  export function loop(count: u32, body: (index: u32) => 0 | 1): i64 {
    return notCompiled("bpf.loop()");
  }
}
