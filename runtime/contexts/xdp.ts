import type { PacketContext } from "../helpers/kernel.js";
import { Errno } from "../uapi/bpf.js";
import type { AccessPolicy, Memory, Region } from "../vm/memory.js";
import { describeOffset, sequential } from "./fields.js";

/** uapi struct xdp_md: six u32 fields. */
export const XDP_MD_FIELDS = sequential(0, [
  ["data", 4],
  ["data_end", 4],
  ["data_meta", 4],
  ["ingress_ifindex", 4],
  ["rx_queue_index", 4],
  ["egress_ifindex", 4],
]);
export const XDP_MD_SIZE = 24;
/** XDP_PACKET_HEADROOM */
export const XDP_HEADROOM = 256;
/** sizeof(struct xdp_frame) on x86_64 (Linux 6.18 BTF): kept free at the start of the headroom. */
export const XDP_FRAME_SIZE = 40;
/** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)): tailroom reserved at the end of the frame. */
export const XDP_TAILROOM = 320;
/** BPF_PROG_TEST_RUN gives XDP programs a whole page (frame_sz). */
export const XDP_FRAME_BYTES = 4096;
const ETH_HLEN = 14;

export interface XdpInput {
  readonly packet: Uint8Array;
  /** Metadata in front of the packet (data_meta = data - meta.length); at most 32 bytes, multiple of 4. */
  readonly meta?: Uint8Array;
  /** Default 1 (the loopback device BPF_PROG_TEST_RUN uses). */
  readonly ingressIfindex?: number;
  readonly rxQueueIndex?: number;
  /** Readable only by programs attached to a devmap (BPF_XDP_DEVMAP). */
  readonly egressIfindex?: number;
}

export interface XdpOptions {
  /** expected_attach_type BPF_XDP_DEVMAP: egress_ifindex is readable. */
  readonly devmap?: boolean;
}

/**
 * An XDP context as BPF_PROG_TEST_RUN builds it (net/bpf/test_run.c bpf_prog_test_run_xdp): a
 * 4 KiB frame with the packet at XDP_PACKET_HEADROOM, the `xdp_md` context whose data /
 * data_meta / data_end loads yield packet pointers, and bpf_xdp_adjust_head / _meta / _tail
 * moving the window with the kernel's limits. After an adjustment the old packet region is
 * released, so stale packet pointers fault (the verifier invalidates them).
 *
 * The packet region spans data_meta..data_end so that `meta + n > data` compares like the
 * kernel's pointers.
 */
export class XdpContext implements PacketContext {
  readonly kind = "xdp";
  readonly pointer: bigint;
  readonly frame = new Uint8Array(XDP_FRAME_BYTES);
  metaStart: number;
  dataStart: number;
  dataEnd: number;
  private region: Region;
  private readonly mem: Memory;

  constructor(mem: Memory, input: XdpInput, options: XdpOptions = {}) {
    this.mem = mem;
    const meta = input.meta ?? new Uint8Array(0);
    this.dataStart = XDP_HEADROOM;
    this.metaStart = XDP_HEADROOM - meta.length;
    this.dataEnd = XDP_HEADROOM + input.packet.length;
    if (this.dataEnd > XDP_FRAME_BYTES - XDP_TAILROOM) {
      throw new RangeError(
        `packet of ${input.packet.length} bytes is larger than the ${XDP_FRAME_BYTES - XDP_HEADROOM - XDP_TAILROOM} an XDP test run takes`,
      );
    }
    if (meta.length > 32 || meta.length % 4 !== 0)
      throw new RangeError("XDP metadata is at most 32 bytes, a multiple of 4");
    this.frame.set(meta, this.metaStart);
    this.frame.set(input.packet, this.dataStart);
    this.region = this.addRegion();
    const ctx = new Uint8Array(XDP_MD_SIZE);
    const view = new DataView(ctx.buffer);
    view.setUint32(12, input.ingressIfindex ?? 1, true);
    view.setUint32(16, input.rxQueueIndex ?? 0, true);
    view.setUint32(20, input.egressIfindex ?? 0, true);
    this.pointer = mem
      .add(ctx, { kind: "ctx", name: "xdp_md", writable: false, policy: this.policy(options) })
      .address(0);
  }

  private addRegion(): Region {
    return this.mem.add(this.frame.subarray(this.metaStart, this.dataEnd), {
      kind: "packet",
      name: "packet",
    });
  }

  private moved(): void {
    this.mem.release(this.region);
    this.region = this.addRegion();
  }

  private policy(options: XdpOptions): AccessPolicy {
    // kernel: xdp_is_valid_access, __is_valid_xdp_access
    return {
      check: (offset, size, write) => {
        const field = describeOffset(XDP_MD_FIELDS, offset);
        if (offset === 20 && !options.devmap) return `egress_ifindex is readable only by devmap programs`;
        if (write) return `${field} is read-only`;
        if (size !== 4 || offset % 4 !== 0)
          return `${size}-byte access to ${field}: xdp_md fields are read as u32`;
        return undefined;
      },
      load: (offset) => {
        if (offset === 0) return this.region.address(this.dataStart - this.metaStart);
        if (offset === 4) return this.region.address(this.dataEnd - this.metaStart);
        if (offset === 8) return this.region.address(0);
        return undefined;
      },
    };
  }

  packet(): Uint8Array {
    return this.frame.subarray(this.dataStart, this.dataEnd);
  }

  meta(): Uint8Array {
    return this.frame.subarray(this.metaStart, this.dataStart);
  }

  // kernel: bpf_xdp_adjust_head
  adjustHead(delta: number): number {
    const metalen = this.dataStart - this.metaStart;
    const data = this.dataStart + delta;
    if (data < XDP_FRAME_SIZE + metalen || data > this.dataEnd - ETH_HLEN) return -Errno.EINVAL;
    if (metalen) this.frame.copyWithin(this.metaStart + delta, this.metaStart, this.dataStart);
    this.metaStart += delta;
    this.dataStart = data;
    this.moved();
    return 0;
  }

  // kernel: bpf_xdp_adjust_meta
  adjustMeta(delta: number): number {
    const meta = this.metaStart + delta;
    if (meta < XDP_FRAME_SIZE || meta > this.dataStart) return -Errno.EINVAL;
    const metalen = this.dataStart - meta;
    if (metalen % 4 !== 0 || metalen > 32) return -Errno.EACCES;
    this.metaStart = meta;
    this.moved();
    return 0;
  }

  // kernel: bpf_xdp_adjust_tail (linear frames)
  adjustTail(delta: number): number {
    const end = this.dataEnd + delta;
    if (end > XDP_FRAME_BYTES - XDP_TAILROOM) return -Errno.EINVAL;
    if (end < this.dataStart + ETH_HLEN) return -Errno.EINVAL;
    if (delta > 0) this.frame.fill(0, this.dataEnd, end);
    this.dataEnd = end;
    this.moved();
    return 0;
  }
}
