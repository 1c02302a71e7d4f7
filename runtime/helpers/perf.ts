import { PerfEventArrayMap } from "../maps/perf-event-array.js";
import { Errno, PerfEventFlags } from "../uapi/bpf.js";
import { badArgument, define, smallArg, type HelperEntries } from "./define.js";
import type { KernelState } from "./kernel.js";
import { mapArg } from "./map-values.js";

/**
 * bpf_perf_event_output(ctx, map, flags, data, size). For networking programs (the kernel's
 * bpf_skb_event_output / bpf_xdp_event_output) bits 32–51 of flags ask for that many packet bytes
 * to be appended to the sample; more than the packet has is -EFAULT.
 */
export function perfHelpers(kernel: KernelState): HelperEntries {
  const h: HelperEntries = new Map();
  define(h, "perf_event_output", (ctx, _ctx, m, flags, data, size) => {
    const map = mapArg(kernel, ctx.mem, m, "r2");
    if (!(map instanceof PerfEventArrayMap)) badArgument(`map '${map.name}' is not a perf event array`);
    const n = smallArg(size);
    if (n < 0) return -Errno.EINVAL;
    let bytes = ctx.mem.read(data, n);
    const pkt = kernel.context;
    if (pkt) {
      const ctxLen = Number((flags & PerfEventFlags.CTXLEN_MASK) >> 32n);
      const packet = pkt.packet();
      if (ctxLen > packet.length) return -Errno.EFAULT;
      if (ctxLen > 0) {
        const joined = new Uint8Array(n + ctxLen);
        joined.set(bytes);
        joined.set(packet.subarray(0, ctxLen), n);
        bytes = joined;
      }
    }
    return map.output(bytes, flags, kernel.env.cpu, pkt !== undefined);
  });
  return h;
}
