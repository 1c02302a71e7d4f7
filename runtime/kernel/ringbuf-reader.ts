import type { KernelMap } from "./kernel-map.js";
import { Mmap, mmapFd, pageSize, type MappedRegion } from "./mmap.js";
import type { KernelResult } from "./errors.js";

/** Record header bits (include/uapi/linux/bpf.h BPF_RINGBUF_BUSY_BIT / DISCARD_BIT). */
const BUSY = 0x8000_0000;
const DISCARD = 0x4000_0000;
const HEADER = 8;

/**
 * A consumer of a BPF ring buffer map in the kernel, as libbpf's ring_buffer__consume reads it
 * (kernel/bpf/ringbuf.c ringbuf_map_mmap_kern): page 0 holds consumer_pos (written by us), page 1
 * producer_pos, and the data area follows, mapped twice in a row so a record that wraps reads as
 * one run of bytes. Test runs are synchronous, so every record is committed when this reads.
 */
export class KernelRingbufReader {
  private readonly consumer: MappedRegion;
  private readonly producer: MappedRegion;
  private readonly size: number;
  private readonly page: number;

  private constructor(consumer: MappedRegion, producer: MappedRegion, size: number, page: number) {
    this.consumer = consumer;
    this.producer = producer;
    this.size = size;
    this.page = page;
  }

  static open(map: KernelMap): KernelResult<KernelRingbufReader> {
    const page = pageSize();
    const consumer = mmapFd(map.fd, page, Mmap.PROT_READ | Mmap.PROT_WRITE, 0);
    if (!consumer.ok) return consumer;
    const producer = mmapFd(map.fd, page + 2 * map.maxEntries, Mmap.PROT_READ, page);
    if (!producer.ok) {
      consumer.value.unmap();
      return producer;
    }
    return { ok: true, value: new KernelRingbufReader(consumer.value, producer.value, map.maxEntries, page) };
  }

  /** Every committed record since the last call, discarded ones skipped; advances consumer_pos. */
  consume(): Uint8Array[] {
    const cv = new DataView(this.consumer.bytes.buffer, this.consumer.bytes.byteOffset, 8);
    const pv = new DataView(this.producer.bytes.buffer, this.producer.bytes.byteOffset, this.producer.length);
    let cons = cv.getBigUint64(0, true);
    const prod = pv.getBigUint64(0, true);
    const mask = BigInt(this.size - 1);
    const out: Uint8Array[] = [];
    while (cons < prod) {
      const at = this.page + Number(cons & mask);
      const word = pv.getUint32(at, true);
      if (word & BUSY) break;
      const len = word & ~(BUSY | DISCARD);
      if (!(word & DISCARD)) out.push(this.producer.bytes.slice(at + HEADER, at + HEADER + len));
      cons += BigInt((len + HEADER + 7) & ~7);
    }
    cv.setBigUint64(0, cons, true);
    return out;
  }

  close(): void {
    this.consumer.unmap();
    this.producer.unmap();
  }
}
