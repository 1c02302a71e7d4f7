import { PerfEventAttrLayout, AttrWriter, HOST_LITTLE_ENDIAN } from "./attr.js";
import { possibleCpus } from "./cpus.js";
import { Epoll } from "./epoll.js";
import { type KernelResult, kernelError, success, usageError } from "./errors.js";
import type { KernelMap } from "./kernel-map.js";
import { loadLibc } from "./libc.js";
import { withArena } from "./memory.js";
import { Mmap, mmapFd, pageSize, type MappedRegion } from "./mmap.js";
import { OwnedFd } from "./owned-fd.js";
import { ioctl, Perf } from "./perf.js";

/** include/uapi/linux/perf_event.h */
const PERF_TYPE_SOFTWARE = 1;
const PERF_COUNT_SW_BPF_OUTPUT = 10;
const PERF_RECORD_LOST = 2;
const PERF_RECORD_SAMPLE = 9;
/** struct perf_event_mmap_page: data_head and data_tail offsets. */
const DATA_HEAD = 1024;
const DATA_TAIL = 1032;

/** One sample a program wrote with bpf_perf_event_output, and the CPU whose buffer held it. */
export interface PerfSample {
  readonly cpu: number;
  readonly data: Uint8Array;
}

interface CpuRing {
  readonly cpu: number;
  readonly fd: OwnedFd;
  readonly region: MappedRegion;
}

/**
 * A consumer of a BPF_MAP_TYPE_PERF_EVENT_ARRAY, as libbpf's perf_buffer reads one: per CPU a
 * PERF_COUNT_SW_BPF_OUTPUT event whose fd is stored in the map at that CPU's index, a ring of
 * 2^n pages after a metadata page, and epoll over all of them (kernel: bpf_perf_event_output
 * writes PERF_RECORD_SAMPLE with PERF_SAMPLE_RAW; a full ring becomes PERF_RECORD_LOST).
 */
export class PerfBuffer {
  /** Samples the kernel dropped because a ring was full, summed over CPUs. */
  lost = 0n;
  private readonly page = pageSize();

  private constructor(
    private readonly rings: readonly CpuRing[],
    private readonly epoll: Epoll,
    private readonly dataSize: number,
  ) {}

  /** Opens per-CPU rings of `pagesPerCpu` pages (a power of two) and stores their fds in `map`. */
  static open(map: KernelMap, pagesPerCpu = 8): KernelResult<PerfBuffer> {
    if (pagesPerCpu <= 0 || (pagesPerCpu & (pagesPerCpu - 1)) !== 0)
      return usageError(`perf buffer pages per CPU must be a power of two (got ${pagesPerCpu})`);
    const libc = loadLibc();
    if (!libc.ok) return libc;
    const epoll = Epoll.create(Math.max(1, possibleCpus()));
    if (!epoll.ok) return epoll;
    const page = pageSize();
    const rings: CpuRing[] = [];
    const fail = <T>(e: KernelResult<T> & { ok: false }): KernelResult<PerfBuffer> => {
      new PerfBuffer(rings, epoll.value, 0).close();
      return e;
    };
    const cpus = Math.min(possibleCpus(), map.maxEntries);
    for (let cpu = 0; cpu < cpus; cpu++) {
      const fd = withArena((arena): KernelResult<number> => {
        const block = arena.alloc(PerfEventAttrLayout.size);
        new AttrWriter(PerfEventAttrLayout, block.view)
          .u32("type", PERF_TYPE_SOFTWARE)
          .u32("size", PerfEventAttrLayout.size)
          .u64("config", BigInt(PERF_COUNT_SW_BPF_OUTPUT))
          .u64("sample_period", 1n)
          .u64("sample_type", BigInt(Perf.SAMPLE_RAW))
          .u32("wakeup_events", 1);
        const r = libc.value.perfEventOpen(block.pointer, -1, cpu, -1, Perf.FLAG_FD_CLOEXEC);
        return r < 0
          ? kernelError(`perf_event_open(bpf output, cpu ${cpu})`, libc.value.errno())
          : success(r);
      });
      // a possible CPU that is offline cannot have an event: libbpf skips it the same way
      if (!fd.ok && fd.errno === 19) continue;
      if (!fd.ok) return fail(fd);
      const owned = new OwnedFd(fd.value);
      const region = mmapFd(fd.value, page * (pagesPerCpu + 1), Mmap.PROT_READ | Mmap.PROT_WRITE, 0);
      if (!region.ok) {
        owned.close();
        return fail(region);
      }
      rings.push({ cpu, fd: owned, region: region.value });
      const enabled = ioctl(fd.value, Perf.IOC_ENABLE, 0, "ioctl(PERF_EVENT_IOC_ENABLE)");
      if (!enabled.ok) return fail(enabled);
      const key = new Uint8Array(4);
      const value = new Uint8Array(4);
      new DataView(key.buffer).setUint32(0, cpu, HOST_LITTLE_ENDIAN);
      new DataView(value.buffer).setUint32(0, fd.value, HOST_LITTLE_ENDIAN);
      const stored = map.update(key, value);
      if (!stored.ok) return fail(stored);
      const watched = epoll.value.add(fd.value);
      if (!watched.ok) return fail(watched);
    }
    return success(new PerfBuffer(rings, epoll.value, page * pagesPerCpu));
  }

  /** The epoll fd that becomes readable when any CPU's ring has data. */
  get fd(): number {
    return this.epoll.fd;
  }

  /** Waits up to `timeoutMs` for data, then reads every ring. */
  poll(timeoutMs = 0): KernelResult<PerfSample[]> {
    const ready = this.epoll.wait(timeoutMs);
    if (!ready.ok) return ready.errno === 4 ? success([]) : ready;
    return success(this.consume());
  }

  /** Every sample in every CPU's ring since the last call; advances data_tail. */
  consume(): PerfSample[] {
    const out: PerfSample[] = [];
    for (const ring of this.rings) this.read(ring, out);
    return out;
  }

  private read(ring: CpuRing, out: PerfSample[]): void {
    const bytes = ring.region.bytes;
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // data_head is written by the kernel with release semantics; a plain load after it is fine
    // here because the JavaScript engine does not reorder the later loads before this one
    const head = v.getBigUint64(DATA_HEAD, HOST_LITTLE_ENDIAN);
    let tail = v.getBigUint64(DATA_TAIL, HOST_LITTLE_ENDIAN);
    const size = this.dataSize;
    const mask = BigInt(size - 1);
    const at = (pos: bigint, length: number): Uint8Array => {
      const start = Number(pos & mask);
      if (start + length <= size) return bytes.slice(this.page + start, this.page + start + length);
      // a record that wraps: the perf ring is mapped once, so join the two pieces
      const joined = new Uint8Array(length);
      const first = size - start;
      joined.set(bytes.subarray(this.page + start, this.page + size));
      joined.set(bytes.subarray(this.page, this.page + length - first), first);
      return joined;
    };
    while (tail < head) {
      const header = at(tail, 8);
      const hv = new DataView(header.buffer);
      const type = hv.getUint32(0, HOST_LITTLE_ENDIAN);
      const recordSize = hv.getUint16(6, HOST_LITTLE_ENDIAN);
      if (recordSize < 8) break; // cannot happen with a sane kernel; never loop forever
      if (type === PERF_RECORD_SAMPLE) {
        const record = at(tail, recordSize);
        const rawSize = new DataView(record.buffer).getUint32(8, HOST_LITTLE_ENDIAN);
        out.push({ cpu: ring.cpu, data: record.slice(12, 12 + rawSize) });
      } else if (type === PERF_RECORD_LOST) {
        const record = at(tail, recordSize);
        this.lost += new DataView(record.buffer).getBigUint64(16, HOST_LITTLE_ENDIAN);
      }
      tail += BigInt(recordSize);
    }
    v.setBigUint64(DATA_TAIL, tail, HOST_LITTLE_ENDIAN);
  }

  close(): void {
    for (const r of this.rings) {
      r.region.unmap();
      r.fd.close();
    }
    this.epoll.close();
  }
}
