import type { MapSpec } from "../object/spec.js";
import { Errno, RingbufFlags } from "../uapi/bpf.js";
import { PAGE_SIZE } from "./check.js";
import { hasFlagsOutside, smallFlags } from "./flags.js";
import type { BpfMap, MapFlagsArg } from "./types.js";

const BUSY = RingbufFlags.BUSY_BIT;
const DISCARD = RingbufFlags.DISCARD_BIT;
const HDR = RingbufFlags.HDR_SZ;
/** RINGBUF_MAX_RECORD_SZ = UINT_MAX / 4 */
const MAX_RECORD = 0x3fffffff;

/**
 * BPF_MAP_TYPE_RINGBUF (kernel/bpf/ringbuf.c) with libbpf's consumer (ring_buffer__consume).
 *
 * Records are an 8-byte header (u32 length with the BUSY and DISCARD bits, u32 page offset) and
 * the sample, padded to 8 bytes, at producer positions that only grow; position p lives at
 * p & (size - 1). The kernel maps the data pages twice so a record that wraps is contiguous;
 * tsbpf gets the same effect with a 2 × size buffer in which every record is written (and read)
 * contiguously from p & (size - 1) — so reserve can hand out one live Uint8Array per record.
 *
 * Kernel rules kept (__bpf_ringbuf_reserve, bpf_ringbuf_commit, bpf_ringbuf_output,
 * bpf_ringbuf_query):
 * - reserve with non-zero flags, a sample over RINGBUF_MAX_RECORD_SZ, or a record that would
 *   take the producer size bytes or more ahead of the consumer (or of the oldest record still
 *   reserved) → NULL (undefined): at most size - 8 bytes of records are ever outstanding;
 * - output with flags other than BPF_RB_NO_WAKEUP / BPF_RB_FORCE_WAKEUP → -EINVAL, no space →
 *   -EAGAIN;
 * - submit/discard clear BUSY (discard sets DISCARD); a wakeup is signalled when forced, or when
 *   the consumer has caught up to this record and BPF_RB_NO_WAKEUP is not set;
 * - the consumer stops at a record still BUSY (reserved, not submitted): records behind it wait,
 *   even those already submitted, exactly as libbpf's ringbuf_process_ring does; discarded
 *   records are skipped but still free their space.
 * Reserved space is zeroed (the kernel leaves old bytes; zero keeps VM runs reproducible).
 */
export class RingBufMap implements BpfMap {
  readonly name: string;
  readonly type: number;
  readonly keySize = 0;
  readonly valueSize = 0;
  readonly maxEntries: number;
  readonly flags: number;
  readonly cpus: number;
  readonly perCpu = false;
  /** Data area size in bytes (max_entries). */
  readonly size: number;
  private readonly mask: number;
  /** 2 × size bytes: records never wrap inside it (see the class comment). */
  readonly data: Uint8Array;
  private readonly view: DataView;
  producerPos = 0;
  consumerPos = 0;
  private pendingPos = 0;
  /** Wakeups the kernel would have sent to a waiting consumer (irq_work_queue calls). */
  wakeups = 0;
  /** Called on each wakeup. */
  onWakeup: (() => void) | undefined;

  constructor(spec: MapSpec, cpus: number) {
    this.name = spec.name;
    this.type = spec.type;
    this.maxEntries = spec.maxEntries;
    this.flags = spec.flags;
    this.cpus = cpus;
    this.size = spec.maxEntries;
    this.mask = this.size - 1;
    this.data = new Uint8Array(2 * this.size);
    this.view = new DataView(this.data.buffer);
  }

  /** Records written and not yet consumed (busy, submitted and discarded ones). */
  get count(): number {
    let n = 0;
    for (let p = this.consumerPos; p < this.producerPos; p += this.recordLen(p)) n++;
    return n;
  }

  private header(pos: number): number {
    return this.view.getUint32(pos & this.mask, true);
  }

  private recordLen(pos: number): number {
    return (((this.header(pos) & ~(BUSY | DISCARD)) >>> 0) + HDR + 7) & ~7;
  }

  /** bpf_ringbuf_reserve: a live view of `size` bytes, or undefined (the helper's NULL). */
  reserve(size: number, flags: MapFlagsArg = 0): Uint8Array | undefined {
    if (smallFlags(flags) !== 0) return undefined;
    if (!Number.isInteger(size) || size < 0 || size > MAX_RECORD) return undefined;
    const len = (size + HDR + 7) & ~7;
    if (len > this.size) return undefined;
    const prod = this.producerPos;
    // The oldest record still reserved bounds the producer too (kernel ≥ 6.10: pending_pos).
    let pend = this.pendingPos;
    while (pend < prod) {
      if (this.header(pend) & BUSY) break;
      pend += this.recordLen(pend);
    }
    this.pendingPos = pend;
    const next = prod + len;
    if (next - this.consumerPos > this.mask || next - pend > this.mask) return undefined;
    const off = prod & this.mask;
    this.view.setUint32(off, (size | BUSY) >>> 0, true);
    // pg_off: pages from the start of the data area to the header (the kernel's also counts the
    // ring's metadata pages before it; nothing outside the kernel reads it).
    this.view.setUint32(off + 4, Math.floor(off / PAGE_SIZE), true);
    this.data.fill(0, off + HDR, off + HDR + size);
    this.producerPos = next;
    return this.data.subarray(off + HDR, off + HDR + size);
  }

  /** Header offset of a reserved sample, or -1 when `sample` is not one of this ring's records. */
  private headerOf(sample: Uint8Array): number {
    if (sample.buffer !== this.data.buffer) return -1;
    const off = sample.byteOffset - this.data.byteOffset - HDR;
    if (off < 0 || off >= this.size || off % 8 !== 0) return -1;
    const len = this.view.getUint32(off, true);
    return len & BUSY ? off : -1;
  }

  private commit(sample: Uint8Array, flags: MapFlagsArg, discard: boolean): number {
    const off = this.headerOf(sample);
    if (off < 0) return -Errno.EINVAL; // the verifier makes this impossible for real programs
    let len = (this.view.getUint32(off, true) ^ BUSY) >>> 0;
    if (discard) len = (len | DISCARD) >>> 0;
    this.view.setUint32(off, len, true);
    const f = smallFlags(flags);
    const consOff = this.consumerPos & this.mask;
    if (f & RingbufFlags.FORCE_WAKEUP || (consOff === off && !(f & RingbufFlags.NO_WAKEUP))) this.wake();
    return 0;
  }

  /** bpf_ringbuf_submit. Returns -EINVAL (tsbpf's addition) when `sample` is not a reserved record. */
  submit(sample: Uint8Array, flags: MapFlagsArg = 0): number {
    return this.commit(sample, flags, false);
  }

  /** bpf_ringbuf_discard. */
  discard(sample: Uint8Array, flags: MapFlagsArg = 0): number {
    return this.commit(sample, flags, true);
  }

  /** bpf_ringbuf_output: copy `data` in as one record; 0, -EINVAL or -EAGAIN. */
  output(data: Uint8Array, flags: MapFlagsArg = 0): number {
    const f = smallFlags(flags);
    if (hasFlagsOutside(f, RingbufFlags.NO_WAKEUP | RingbufFlags.FORCE_WAKEUP)) return -Errno.EINVAL;
    const rec = this.reserve(data.length);
    if (!rec) return -Errno.EAGAIN;
    rec.set(data);
    return this.commit(rec, f, false);
  }

  /** bpf_ringbuf_query. Unknown selectors give 0, as in the kernel. */
  query(flags: MapFlagsArg): number {
    switch (smallFlags(flags)) {
      case RingbufFlags.AVAIL_DATA:
        return this.producerPos - this.consumerPos;
      case RingbufFlags.RING_SIZE:
        return this.size;
      case RingbufFlags.CONS_POS:
        return this.consumerPos;
      case RingbufFlags.PROD_POS:
        return this.producerPos;
      default:
        return 0;
    }
  }

  private wake(): void {
    this.wakeups++;
    this.onWakeup?.();
  }

  /**
   * libbpf ring_buffer__consume: calls `onSample` with each submitted record (a live view, valid
   * during the call) in order, skipping discarded ones and stopping at one still reserved. A
   * negative return from `onSample` stops after that record and is returned, as libbpf does;
   * otherwise returns the number of samples delivered.
   */
  consume(onSample: (sample: Uint8Array) => number | void, limit = Number.POSITIVE_INFINITY): number {
    let n = 0;
    while (this.consumerPos < this.producerPos && n < limit) {
      const pos = this.consumerPos;
      const hdr = this.header(pos);
      if (hdr & BUSY) break;
      const len = (hdr & ~(BUSY | DISCARD)) >>> 0;
      this.consumerPos = pos + ((len + HDR + 7) & ~7);
      if (hdr & DISCARD) continue;
      const off = (pos & this.mask) + HDR;
      n++;
      const r = onSample(this.data.subarray(off, off + len));
      if (typeof r === "number" && r < 0) return r;
    }
    return n;
  }

  /** Consumes and returns copies of the submitted records available now (at most `limit`). */
  drain(limit = Number.POSITIVE_INFINITY): Uint8Array[] {
    const out: Uint8Array[] = [];
    this.consume((s) => void out.push(s.slice()), limit);
    return out;
  }

  lookup(_key: Uint8Array, _cpu?: number): Uint8Array | undefined {
    return undefined; // ringbuf_map_lookup_elem: -ENOTSUPP
  }

  update(_key: Uint8Array, _value: Uint8Array, _flags?: MapFlagsArg, _cpu?: number): number {
    return -Errno.ENOTSUPP;
  }

  delete(_key: Uint8Array): number {
    return -Errno.ENOTSUPP;
  }

  getNextKey(_key?: Uint8Array): Uint8Array | undefined {
    return undefined;
  }

  lookupAllCpus(_key: Uint8Array): Uint8Array[] | undefined {
    return undefined;
  }

  updateAllCpus(_key: Uint8Array, _values: readonly Uint8Array[] | Uint8Array, _flags?: MapFlagsArg): number {
    return -Errno.ENOTSUPP;
  }

  clear(): void {
    this.producerPos = 0;
    this.consumerPos = 0;
    this.pendingPos = 0;
    this.data.fill(0);
  }

  *keys(): IterableIterator<Uint8Array> {}
}
