import { StackTraceMap } from "../maps/stack-trace-map.js";
import { Errno, StackIdFlags } from "../uapi/bpf.js";
import { badArgument, define, smallArg, type HelperEntries } from "./define.js";
import type { KernelState } from "./kernel.js";
import { mapArg } from "./map-values.js";

/** BPF_STACK_BUILD_ID_IP: a bpf_stack_build_id entry that carries a raw ip. */
const BUILD_ID_IP = 2;
/** sizeof(struct bpf_stack_build_id) */
const BUILD_ID_ENTRY = 32;

/**
 * bpf_get_stackid and bpf_get_stack over the environment's synthetic stacks (there is no real
 * call chain in the VM): the kernel stack, or the user stack with BPF_F_USER_STACK.
 */
export function stackHelpers(kernel: KernelState): HelperEntries {
  const h: HelperEntries = new Map();
  const frames = (flags: bigint) =>
    flags & BigInt(StackIdFlags.USER_STACK) ? kernel.env.stacks.user : kernel.env.stacks.kernel;
  define(h, "get_stackid", (ctx, _ctx, m, flags) => {
    const map = mapArg(kernel, ctx.mem, m, "r2");
    if (!(map instanceof StackTraceMap)) badArgument(`map '${map.name}' is not a stack trace map`);
    return map.getStackId(frames(flags), flags);
  });
  // kernel: __bpf_get_stack
  define(h, "get_stack", (ctx, _ctx, buf, size, flags) => {
    const n = smallArg(size);
    if (n < 0) return -Errno.EINVAL;
    const out = ctx.mem.view(buf, n, true);
    const fail = (err: number) => {
      out.fill(0);
      return -err;
    };
    const known = StackIdFlags.SKIP_FIELD_MASK | StackIdFlags.USER_STACK | StackIdFlags.USER_BUILD_ID;
    if (flags & ~BigInt(known)) return fail(Errno.EINVAL);
    const user = (flags & BigInt(StackIdFlags.USER_STACK)) !== 0n;
    const buildId = (flags & BigInt(StackIdFlags.USER_BUILD_ID)) !== 0n;
    if (buildId && !user) return fail(Errno.EINVAL);
    const elem = buildId ? BUILD_ID_ENTRY : 8;
    if (n % elem !== 0) return fail(Errno.EINVAL);
    const skip = Number(flags & BigInt(StackIdFlags.SKIP_FIELD_MASK));
    const ips = frames(flags);
    if (ips.length < skip) return fail(Errno.EFAULT);
    const taken = ips.slice(skip, skip + n / elem);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    out.fill(0);
    taken.forEach((ip, i) => {
      if (buildId) {
        view.setInt32(i * elem, BUILD_ID_IP, true);
        view.setBigUint64(i * elem + 24, BigInt.asUintN(64, ip), true);
      } else view.setBigUint64(i * 8, BigInt.asUintN(64, ip), true);
    });
    return taken.length * elem;
  });
  return h;
}
