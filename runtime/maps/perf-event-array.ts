import type { MapSpec } from "../object/spec.js";
import { Errno, PerfEventFlags } from "../uapi/bpf.js";
import { arrayIndex, indexKey } from "./array-map.js";
import type { BpfMap, MapFlagsArg } from "./types.js";

/** One record a program sent with bpf_perf_event_output, as a perf reader receives it. */
export interface PerfSample {
  /** The CPU the program ran on (PERF_SAMPLE_CPU-like). */
  readonly cpu: number;
  /** The array slot it went to. */
  readonly index: number;
  readonly data: Uint8Array;
}

/** A slot's perf event: a BPF output event opened on one CPU, with its own buffer. */
interface Reader {
  readonly cpu: number;
  /** Buffer bytes, or Infinity (default): a sample takes 8 + round_up(4 + size, 8) bytes. */
  readonly capacity: number;
  used: number;
  lost: number;
  readonly samples: PerfSample[];
}

/**
 * BPF_MAP_TYPE_PERF_EVENT_ARRAY with bpf_perf_event_output (kernel/trace/bpf_trace.c
 * __bpf_perf_event_output): each slot holds a perf event opened on one CPU; userspace reads each
 * slot's buffer. In process a slot holds a reader; by default slot i has a reader on CPU i for
 * i < min(max_entries, cpus), as libbpf's perf_buffer__new sets it up.
 *
 * Kernel rules kept: flags outside BPF_F_INDEX_MASK (and, for the skb/xdp variants, the
 * BPF_F_CTXLEN_MASK) → -EINVAL; BPF_F_CURRENT_CPU picks the slot of the running CPU; slot ≥
 * max_entries → -E2BIG; empty slot → -ENOENT; a slot whose event is on another CPU →
 * -EOPNOTSUPP; a full buffer → -ENOSPC and the sample counts as lost.
 * `update(key, value)` stands in for storing a perf event fd: the u32 value is the CPU the new
 * reader runs on; `delete` empties a slot (-E2BIG out of range, -ENOENT when empty).
 */
export class PerfEventArrayMap implements BpfMap {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly cpus: number;
  readonly perCpu = false;
  private readonly readers: (Reader | undefined)[];

  constructor(spec: MapSpec, cpus: number) {
    this.name = spec.name;
    this.type = spec.type;
    this.keySize = spec.keySize;
    this.valueSize = spec.valueSize;
    this.maxEntries = spec.maxEntries;
    this.flags = spec.flags;
    this.cpus = cpus;
    this.readers = new Array<Reader | undefined>(spec.maxEntries);
    for (let i = 0; i < Math.min(spec.maxEntries, cpus); i++) this.open(i, i);
  }

  get count(): number {
    return this.readers.filter((r) => r !== undefined).length;
  }

  /** Puts a reader on CPU `cpu` into slot `index` (replacing any); capacity in bytes. */
  open(index: number, cpu: number, capacity = Number.POSITIVE_INFINITY): number {
    if (index >= this.maxEntries) return -Errno.E2BIG;
    this.readers[index] = { cpu, capacity, used: 0, lost: 0, samples: [] };
    return 0;
  }

  /**
   * bpf_perf_event_output from a program on `cpu`. `allowCtxLen` is for the skb/xdp variants,
   * whose callers append the context bytes themselves.
   */
  output(data: Uint8Array, flags: MapFlagsArg, cpu: number, allowCtxLen = false): number {
    let f = typeof flags === "bigint" ? flags : BigInt(flags);
    if (allowCtxLen) f &= ~PerfEventFlags.CTXLEN_MASK;
    if (f < 0n || f & ~PerfEventFlags.INDEX_MASK) return -Errno.EINVAL;
    let index = Number(f & PerfEventFlags.INDEX_MASK);
    if (BigInt(index) === PerfEventFlags.CURRENT_CPU) index = cpu;
    if (index >= this.maxEntries) return -Errno.E2BIG;
    const r = this.readers[index];
    if (!r) return -Errno.ENOENT;
    if (r.cpu !== cpu) return -Errno.EOPNOTSUPP;
    // perf_output_sample of PERF_SAMPLE_RAW: header, u32 size, data, padded to 8.
    const bytes = 8 + ((4 + data.length + 7) & ~7);
    if (r.used + bytes > r.capacity) {
      r.lost++;
      return -Errno.ENOSPC;
    }
    r.used += bytes;
    r.samples.push({ cpu, index, data: data.slice() });
    return 0;
  }

  /** Takes the samples waiting in one slot, or in every slot (slot order, then arrival order). */
  drain(index?: number): PerfSample[] {
    const out: PerfSample[] = [];
    for (let i = 0; i < this.maxEntries; i++) {
      if (index !== undefined && i !== index) continue;
      const r = this.readers[i];
      if (!r) continue;
      out.push(...r.samples);
      r.samples.length = 0;
      r.used = 0;
    }
    return out;
  }

  /** Samples lost to full buffers (PERF_RECORD_LOST), per slot or in total. */
  lost(index?: number): number {
    if (index !== undefined) return this.readers[index]?.lost ?? 0;
    return this.readers.reduce((n, r) => n + (r?.lost ?? 0), 0);
  }

  lookup(_key: Uint8Array, _cpu?: number): Uint8Array | undefined {
    return undefined; // programs cannot look up fd arrays
  }

  update(key: Uint8Array, value: Uint8Array, flags: MapFlagsArg = 0, _cpu?: number): number {
    if (flags !== 0 && flags !== 0n) return -Errno.EINVAL; // bpf_fd_array_map_update_elem: BPF_ANY only
    const index = arrayIndex(key);
    if (index >= this.maxEntries) return -Errno.E2BIG;
    return this.open(index, arrayIndex(value));
  }

  delete(key: Uint8Array): number {
    const index = arrayIndex(key);
    if (index >= this.maxEntries) return -Errno.E2BIG;
    if (!this.readers[index]) return -Errno.ENOENT;
    this.readers[index] = undefined;
    return 0;
  }

  getNextKey(key?: Uint8Array): Uint8Array | undefined {
    const i = key === undefined ? 0xffffffff : arrayIndex(key);
    if (i >= this.maxEntries) return indexKey(0);
    return i === this.maxEntries - 1 ? undefined : indexKey(i + 1);
  }

  /** The slot's reader CPU as a u32 (the syscall would return nothing useful for an fd array). */
  lookupAllCpus(key: Uint8Array): Uint8Array[] | undefined {
    const r = this.readers[arrayIndex(key)];
    return r ? [indexKey(r.cpu)] : undefined;
  }

  updateAllCpus(key: Uint8Array, values: readonly Uint8Array[] | Uint8Array, flags: MapFlagsArg = 0): number {
    const v = values instanceof Uint8Array ? values : values[0];
    if (!v) throw new RangeError("no value");
    return this.update(key, v, flags);
  }

  clear(): void {
    this.readers.fill(undefined);
  }

  *keys(): IterableIterator<Uint8Array> {
    for (let i = 0; i < this.maxEntries; i++) if (this.readers[i]) yield indexKey(i);
  }
}
