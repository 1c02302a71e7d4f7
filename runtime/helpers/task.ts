import { define, smallArg, type HelperEntries } from "./define.js";
import type { KernelState } from "./kernel.js";
import { Errno } from "../uapi/bpf.js";

/** TASK_COMM_LEN */
export const TASK_COMM_LEN = 16;

/** The task's name as the kernel stores it: at most 15 bytes, NUL-padded to 16. */
export function commBytes(comm: string): Uint8Array {
  const out = new Uint8Array(TASK_COMM_LEN);
  out.set(new TextEncoder().encode(comm).subarray(0, TASK_COMM_LEN - 1));
  return out;
}

/** Helpers about the current task and CPU, answered from the environment. */
export function taskHelpers(kernel: KernelState): HelperEntries {
  const h: HelperEntries = new Map();
  define(
    h,
    "get_current_pid_tgid",
    () => (BigInt(kernel.env.tgid >>> 0) << 32n) | BigInt(kernel.env.pid >>> 0),
  );
  define(
    h,
    "get_current_uid_gid",
    () => (BigInt(kernel.env.gid >>> 0) << 32n) | BigInt(kernel.env.uid >>> 0),
  );
  // bpf_get_current_comm: strscpy_pad(buf, task->comm, size); size 0 is refused by the verifier
  // (ARG_CONST_SIZE); the result is always NUL-terminated and zero-padded.
  define(h, "get_current_comm", (ctx, buf, size) => {
    const n = smallArg(size);
    if (n <= 0) return -Errno.EINVAL;
    const out = ctx.mem.view(buf, n, true);
    out.fill(0);
    out.set(commBytes(kernel.env.comm).subarray(0, n - 1));
    return 0;
  });
  define(h, "get_smp_processor_id", () => kernel.env.cpu);
  define(h, "get_numa_node_id", () => kernel.env.numaNode);
  define(h, "get_prandom_u32", () => kernel.random());
  define(h, "get_current_cgroup_id", () => kernel.env.cgroupId);
  define(h, "get_current_task", () => kernel.env.task);
  define(h, "get_current_task_btf", () => kernel.env.task);
  return h;
}
