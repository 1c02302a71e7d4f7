import type { Memory, Region, RegionOptions } from "./memory.js";

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
  const pkt = mem.add(packet, PACKET);
  // The context's bytes and policy depend only on the packet region; when a run re-adds the same
  // packet (Memory.add then returns the same Region), reusing them lets Memory.add reuse the
  // context region too. The context is read-only to programs and helpers, so sharing is safe.
  let made = pkt === lastPacket ? lastMade : CONTEXTS.get(pkt);
  // a second context for the same packet in one run gets its own bytes
  const live = made?.region !== undefined && mem.regions[made.region.index] === made.region;
  if (!made || live) {
    made = makeContext(pkt);
    CONTEXTS.set(pkt, made);
  }
  const fields = made.fields;
  const ingress = options.ingressIfindex ?? 1;
  const queue = options.rxQueueIndex ?? 0;
  const egress = options.egressIfindex ?? 0;
  if (fields[0] !== ingress || fields[1] !== queue || fields[2] !== egress) {
    const view = made.view;
    view.setUint32(12, ingress, true);
    view.setUint32(16, queue, true);
    view.setUint32(20, egress, true);
    fields[0] = ingress;
    fields[1] = queue;
    fields[2] = egress;
  }
  made.region = mem.add(made.bytes, made.options);
  lastPacket = pkt;
  lastMade = made;
  return made.region.address(0);
}

interface MadeContext {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly options: RegionOptions;
  /** ingress_ifindex, rx_queue_index, egress_ifindex as last written (-1: never). */
  readonly fields: number[];
  region: Region | undefined;
}

const PACKET: RegionOptions = { kind: "packet", name: "packet" };
const CONTEXTS = new WeakMap<Region, MadeContext>();
// the last one, ahead of the WeakMap (runs repeating one packet)
let lastPacket: Region | undefined;
let lastMade: MadeContext | undefined;

function makeContext(pkt: Region): MadeContext {
  const bytes = new Uint8Array(XDP_MD_SIZE);
  const options: RegionOptions = {
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
  };
  return { bytes, view: new DataView(bytes.buffer), options, fields: [-1, -1, -1], region: undefined };
}
