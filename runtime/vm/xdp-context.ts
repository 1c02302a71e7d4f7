import type { Memory } from "./memory.js";

/** Bytes of the uapi `struct xdp_md`: six u32 fields. */
export const XDP_MD_SIZE = 24;

export interface XdpContextOptions {
  readonly ingressIfindex?: number;
  readonly rxQueueIndex?: number;
  readonly egressIfindex?: number;
}

/**
 * A minimal XDP context: registers the packet and a `struct xdp_md` region and returns the
 * pointer to pass in r1. As in the kernel (xdp_is_valid_access, xdp_convert_ctx_access), the
 * context is read-only and read in u32 units, and the 32-bit loads of `data`, `data_end` and
 * `data_meta` yield full 64-bit packet pointers. The metadata area is empty (data_meta == data).
 * Richer contexts (and their other program types) live with the context implementations.
 */
export function xdpContext(mem: Memory, packet: Uint8Array, options: XdpContextOptions = {}): bigint {
  const pkt = mem.add(packet, { kind: "packet", name: "packet" });
  const bytes = new Uint8Array(XDP_MD_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint32(12, options.ingressIfindex ?? 1, true);
  view.setUint32(16, options.rxQueueIndex ?? 0, true);
  view.setUint32(20, options.egressIfindex ?? 0, true);
  const ctx = mem.add(bytes, {
    kind: "ctx",
    name: "xdp_md",
    writable: false,
    policy: {
      check(offset, size, write) {
        if (write) return `field at offset ${offset} is read-only`;
        if (size !== 4 || offset % 4 !== 0)
          return `${size}-byte access at offset ${offset}: xdp_md fields are read as u32`;
        return undefined;
      },
      loadInto(offset, _size, out) {
        if (offset > 8 || offset % 4 !== 0) return false;
        out[0] = pkt.lowAddress(offset === 4 ? pkt.size : 0);
        out[1] = pkt.tag;
        return true;
      },
      load(offset) {
        if (offset === 0 || offset === 8) return pkt.address(0);
        if (offset === 4) return pkt.address(pkt.size);
        return undefined;
      },
    },
  });
  return ctx.address(0);
}
