import { Errno, XdpAction } from "../uapi/bpf.js";
import type { Memory } from "../vm/memory.js";
import { csumDiff, csumReplace, csumReplaceByDiff } from "./checksum.js";
import { badArgument, define, s32, smallArg, u32, type HelperEntries } from "./define.js";
import type { KernelState, PacketContext } from "./kernel.js";

/** tc action codes the helpers return (uapi linux/pkt_cls.h). */
export const TcAction = { OK: 0, SHOT: 2, REDIRECT: 7 } as const;
/** Flags of the skb helpers (uapi linux/bpf.h). */
export const SkbFlags = {
  RECOMPUTE_CSUM: 1,
  INVALIDATE_HASH: 2,
  HDR_FIELD_MASK: 0xf,
  PSEUDO_HDR: 0x10,
  MARK_MANGLED_0: 0x20,
  MARK_ENFORCE: 0x40,
  IPV6: 0x80,
  INGRESS: 1,
} as const;

function packetContext(kernel: KernelState, mem: Memory, ctx: bigint, kind?: "xdp" | "skb"): PacketContext {
  const c = kernel.context;
  if (!c || c.pointer !== ctx || (kind && c.kind !== kind)) {
    badArgument(
      `r1 (${mem.describe(ctx)}) is not the ${kind === "xdp" ? "xdp_md" : kind === "skb" ? "__sk_buff" : "packet"} context of this run`,
    );
  }
  return c;
}

/**
 * Packet helpers of XDP and skb programs: xdp_adjust_head/meta/tail (delegated to the context,
 * which moves its packet window), xdp_load/store_bytes, skb_load/store_bytes, csum_diff,
 * l3/l4_csum_replace, redirect. Offsets are from skb->data / xdp->data.
 */
export function packetHelpers(kernel: KernelState): HelperEntries {
  const h: HelperEntries = new Map();
  const adjust =
    (op: "adjustHead" | "adjustMeta" | "adjustTail") => (ctx: { mem: Memory }, c: bigint, delta: bigint) => {
      const pc = packetContext(kernel, ctx.mem, c, "xdp");
      const f = pc[op];
      return f ? f.call(pc, s32(delta)) : -Errno.EOPNOTSUPP;
    };
  define(h, "xdp_adjust_head", adjust("adjustHead"));
  define(h, "xdp_adjust_meta", adjust("adjustMeta"));
  define(h, "xdp_adjust_tail", adjust("adjustTail"));
  define(h, "xdp_get_buff_len", (ctx, c) => packetContext(kernel, ctx.mem, c, "xdp").packet().length);

  // bpf_xdp_load_bytes / bpf_xdp_store_bytes: bpf_xdp_pointer refuses a range outside the packet (-EINVAL)
  define(h, "xdp_load_bytes", (ctx, c, offset, buf, len) => {
    const p = packetContext(kernel, ctx.mem, c, "xdp").packet();
    const off = u32(offset);
    const n = smallArg(len);
    if (n < 0 || off + n > p.length) return -Errno.EINVAL;
    ctx.mem.write(buf, p.subarray(off, off + n));
    return 0;
  });
  define(h, "xdp_store_bytes", (ctx, c, offset, buf, len) => {
    const p = packetContext(kernel, ctx.mem, c, "xdp").packet();
    const off = u32(offset);
    const n = smallArg(len);
    if (n < 0 || off + n > p.length) return -Errno.EINVAL;
    p.set(ctx.mem.read(buf, n), off);
    return 0;
  });

  // bpf_skb_load_bytes: offset > INT_MAX or outside the packet → dst zeroed, -EFAULT
  define(h, "skb_load_bytes", (ctx, c, offset, to, len) => {
    const p = packetContext(kernel, ctx.mem, c, "skb").packet();
    const n = smallArg(len);
    const out = ctx.mem.view(to, Math.max(n, 0), true);
    const off = u32(offset);
    if (n < 0 || off > 0x7fff_ffff || off + n > p.length) {
      out.fill(0);
      return -Errno.EFAULT;
    }
    out.set(p.subarray(off, off + n));
    return 0;
  });
  // bpf_skb_store_bytes: unknown flags → -EINVAL; offset > 0xffff or past the end → -EFAULT
  define(h, "skb_store_bytes", (ctx, c, offset, from, len, flags) => {
    const p = packetContext(kernel, ctx.mem, c, "skb").packet();
    if (flags & ~BigInt(SkbFlags.RECOMPUTE_CSUM | SkbFlags.INVALIDATE_HASH)) return -Errno.EINVAL;
    const off = u32(offset);
    const n = smallArg(len);
    if (n < 0 || off > 0xffff || off + n > p.length) return -Errno.EFAULT;
    p.set(ctx.mem.read(from, n), off);
    return 0;
  });
  // bpf_skb_pull_data: the VM's skb is always linear; only a length past the end fails
  define(h, "skb_pull_data", (ctx, c, len) => {
    const p = packetContext(kernel, ctx.mem, c, "skb").packet();
    return u32(len) > p.length ? -Errno.ENOMEM : 0;
  });

  define(h, "csum_diff", (ctx, from, fromSize, to, toSize, seed) => {
    const fs = smallArg(fromSize);
    const ts = smallArg(toSize);
    // diff_size > sizeof(sp->diff) (128 words) or sizes not multiples of 4 → -EINVAL
    if (fs < 0 || ts < 0 || (fs | ts) & 3 || fs + ts > 512) return -Errno.EINVAL;
    return csumDiff(ctx.mem.read(from, fs), ctx.mem.read(to, ts), u32(seed));
  });
  define(h, "l3_csum_replace", (ctx, c, offset, from, to, flags) => {
    const p = packetContext(kernel, ctx.mem, c, "skb").packet();
    if (flags & ~BigInt(SkbFlags.HDR_FIELD_MASK)) return -Errno.EINVAL;
    const off = u32(offset);
    if (off > 0xffff || off + 2 > p.length) return -Errno.EFAULT;
    const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
    const check = view.getUint16(off, true);
    switch (Number(flags & BigInt(SkbFlags.HDR_FIELD_MASK))) {
      case 0:
        view.setUint16(off, csumReplaceByDiff(check, u32(to)), true);
        return 0;
      case 2:
        view.setUint16(off, csumReplace(check, u32(from) & 0xffff, u32(to) & 0xffff), true);
        return 0;
      case 4:
        view.setUint16(off, csumReplace(check, u32(from), u32(to)), true);
        return 0;
      default:
        return -Errno.EINVAL;
    }
  });
  define(h, "l4_csum_replace", (ctx, c, offset, from, to, flags) => {
    const p = packetContext(kernel, ctx.mem, c, "skb").packet();
    const known =
      SkbFlags.MARK_MANGLED_0 |
      SkbFlags.MARK_ENFORCE |
      SkbFlags.PSEUDO_HDR |
      SkbFlags.HDR_FIELD_MASK |
      SkbFlags.IPV6;
    if (flags & ~BigInt(known)) return -Errno.EINVAL;
    const off = u32(offset);
    if (off > 0xffff || off + 2 > p.length) return -Errno.EFAULT;
    const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
    const check = view.getUint16(off, true);
    const mangled0 = (flags & BigInt(SkbFlags.MARK_MANGLED_0)) !== 0n;
    if (mangled0 && check === 0) return 0; // a UDP datagram without checksum stays without
    let next: number;
    switch (Number(flags & BigInt(SkbFlags.HDR_FIELD_MASK))) {
      case 0:
        next = csumReplaceByDiff(check, u32(to));
        break;
      case 2:
        next = csumReplace(check, u32(from) & 0xffff, u32(to) & 0xffff);
        break;
      case 4:
        next = csumReplace(check, u32(from), u32(to));
        break;
      default:
        return -Errno.EINVAL;
    }
    if (mangled0 && next === 0) next = 0xffff; // CSUM_MANGLED_0
    view.setUint16(off, next, true);
    return 0;
  });

  // bpf_redirect: XDP (bpf_xdp_redirect) refuses any flag with XDP_ABORTED; tc allows BPF_F_INGRESS
  // and answers TC_ACT_SHOT otherwise. The target is recorded for the caller to inspect.
  define(h, "redirect", (_ctx, ifindex, flags) => {
    const kind = kernel.context?.kind ?? "skb";
    if (kind === "xdp") {
      if (flags !== 0n) return XdpAction.ABORTED;
      kernel.redirect = { ifindex: u32(ifindex), flags };
      return XdpAction.REDIRECT;
    }
    if (flags & ~BigInt(SkbFlags.INGRESS)) return TcAction.SHOT;
    kernel.redirect = { ifindex: u32(ifindex), flags };
    return TcAction.REDIRECT;
  });
  return h;
}
