import { notCompiled } from "./inert.js";
import type { i64, u32, u64 } from "./types.js";

/**
 * Map declarations. A map is declared at module level (`export const counts = new HashMap<u32,
 * u64>({ maxEntries: 1024 })`); the compiler turns each into a `.maps` definition. Executed as
 * plain JavaScript a map is an inert descriptor (its kind and options); its methods throw.
 */

export interface MapOptions {
  readonly maxEntries: number;
  /** BPF_F_* map flags (e.g. BPF_F_NO_PREALLOC = 1). */
  readonly flags?: number;
  /** "byName" pins the map under /sys/fs/bpf by its name (LIBBPF_PIN_BY_NAME). */
  readonly pinning?: "none" | "byName";
}

/** How `set` treats an existing entry: BPF_ANY, BPF_NOEXIST, BPF_EXIST. */
export const UpdateFlag = { Any: 0, NoExist: 1, Exist: 2 } as const;
export type UpdateFlag = (typeof UpdateFlag)[keyof typeof UpdateFlag];

/** A live reference to a scalar map value (what `lookup` returns for integer values). */
export interface Cell<T> {
  value: T;
}

/** What `lookup` returns: the value itself for structs (a live reference), a Cell for scalars. */
export type Ref<V> = V extends number | boolean ? Cell<V> : V;

/** Shared shape of the descriptor every map value carries. */
export abstract class MapDescriptor {
  /** libbpf's map type name, e.g. "hash", "ringbuf". */
  abstract readonly kind: string;
}

abstract class KeyedMap<K, V> extends MapDescriptor {
  readonly options: MapOptions;
  constructor(options: MapOptions) {
    super();
    this.options = options;
  }
  /** A copy of the value, or undefined when the key is absent. */
  get(key: K): V | undefined {
    return notCompiled("map.get()");
  }
  /** A live reference into the map (writes go to the map), or null when absent. */
  lookup(key: K): Ref<V> | null {
    return notCompiled("map.lookup()");
  }
  /** Inserts or replaces; returns 0 or a negative errno. */
  set(key: K, value: V, flags?: UpdateFlag): i64 {
    return notCompiled("map.set()");
  }
  /** Returns 0 or a negative errno (-ENOENT when absent). */
  delete(key: K): i64 {
    return notCompiled("map.delete()");
  }
  has(key: K): boolean {
    return notCompiled("map.has()");
  }
  /** Adds `by` (default 1) to an integer value, atomically; inserts `by` when the key is absent. */
  increment(key: K, by?: number): void {
    return notCompiled("map.increment()");
  }
}

export class HashMap<K, V> extends KeyedMap<K, V> {
  readonly kind = "hash";
}
export class PerCpuHashMap<K, V> extends KeyedMap<K, V> {
  readonly kind = "percpu_hash";
}
export class LruHashMap<K, V> extends KeyedMap<K, V> {
  readonly kind = "lru_hash";
}
export class LruPerCpuHashMap<K, V> extends KeyedMap<K, V> {
  readonly kind = "lru_percpu_hash";
}
/** Fixed-size array of `maxEntries` values, keyed by a u32 index; every slot exists (zeroed). */
export class ArrayMap<V> extends KeyedMap<u32, V> {
  readonly kind = "array";
}
export class PerCpuArrayMap<V> extends KeyedMap<u32, V> {
  readonly kind = "percpu_array";
}

export interface RingBufOptions {
  /** Bytes; a power of two and a multiple of the page size (4096). */
  readonly size: number;
}

/** BPF ring buffer of `T` records (BPF_MAP_TYPE_RINGBUF). */
export class RingBuf<T> extends MapDescriptor {
  readonly kind = "ringbuf";
  readonly options: RingBufOptions;
  constructor(options: RingBufOptions) {
    super();
    this.options = options;
  }
  /** Space for one record, or null when the buffer is full. Submit or discard it on every path. */
  reserve(): T | null {
    return notCompiled("RingBuf.reserve()");
  }
  submit(record: T, flags?: number): void {
    return notCompiled("RingBuf.submit()");
  }
  discard(record: T, flags?: number): void {
    return notCompiled("RingBuf.discard()");
  }
  /** Copies `record` into the buffer; returns 0 or a negative errno. */
  output(record: T, flags?: number): i64 {
    return notCompiled("RingBuf.output()");
  }
}

/** Per-CPU perf event buffers (BPF_MAP_TYPE_PERF_EVENT_ARRAY); one slot per CPU. */
export class PerfEventArray<T> extends MapDescriptor {
  readonly kind = "perf_event_array";
  readonly options: Partial<MapOptions>;
  constructor(options: Partial<MapOptions> = {}) {
    super();
    this.options = options;
  }
  /** Sends `record` to the current CPU's buffer; returns 0 or a negative errno. */
  output(ctx: object, record: T, flags?: u64): i64 {
    return notCompiled("PerfEventArray.output()");
  }
}

/** Program array for tail calls (BPF_MAP_TYPE_PROG_ARRAY). */
export class ProgArray extends MapDescriptor {
  readonly kind = "prog_array";
  readonly options: MapOptions;
  constructor(options: MapOptions) {
    super();
    this.options = options;
  }
  /** Jumps to the program in slot `index`; returns (a negative errno) only when the slot is empty. */
  tailCall(ctx: object, index: u32): i64 {
    return notCompiled("ProgArray.tailCall()");
  }
}

export interface StackTraceOptions extends MapOptions {
  /** Frames kept per stack (default 127, PERF_MAX_STACK_DEPTH). */
  readonly depth?: number;
}

/** Stack traces by id (BPF_MAP_TYPE_STACK_TRACE). */
export class StackTraceMap extends MapDescriptor {
  readonly kind = "stack_trace";
  readonly options: StackTraceOptions;
  constructor(options: StackTraceOptions) {
    super();
    this.options = options;
  }
  /** Id of the current stack (BPF_F_USER_STACK = 256 for the user stack), or a negative errno. */
  getStackId(ctx: object, flags?: u64): i64 {
    return notCompiled("StackTraceMap.getStackId()");
  }
}

abstract class QueueLike<V> extends MapDescriptor {
  readonly options: MapOptions;
  constructor(options: MapOptions) {
    super();
    this.options = options;
  }
  /** Returns 0 or a negative errno (flags: BPF_EXIST = 2 replaces the oldest when full). */
  push(value: V, flags?: number): i64 {
    return notCompiled("push()");
  }
  pop(): V | undefined {
    return notCompiled("pop()");
  }
  peek(): V | undefined {
    return notCompiled("peek()");
  }
}

/** FIFO queue (BPF_MAP_TYPE_QUEUE). */
export class Queue<V> extends QueueLike<V> {
  readonly kind = "queue";
}
/** LIFO stack (BPF_MAP_TYPE_STACK). */
export class Stack<V> extends QueueLike<V> {
  readonly kind = "stack";
}

export type HistogramOptions =
  | { readonly scale: "log2" }
  | { readonly scale: "linear"; readonly min: number; readonly max: number; readonly step: number };

/**
 * Counts of values by bucket, printed like bpftrace's hist()/lhist(). log2: bucket 0 holds
 * negative values, 1 holds 0, k+2 holds [2^k, 2^(k+1)). linear: bucket 0 is below min, then one
 * bucket per step, the last one above max.
 */
export class Histogram extends MapDescriptor {
  readonly kind = "histogram";
  readonly options: HistogramOptions;
  constructor(options: HistogramOptions) {
    super();
    this.options = options;
  }
  /** Counts `value` (a signed 64-bit value) once, or `times` times. */
  record(value: number, times?: number): void {
    return notCompiled("Histogram.record()");
  }
}

export type KeyedHistogramOptions = HistogramOptions & {
  /** Distinct (key, bucket) pairs kept (default 10240). */
  readonly maxEntries?: number;
};

/**
 * One histogram per key (bpftrace's `@h[pid] = hist(v)`): a hash map keyed by `{ key, bucket }`
 * holding u64 counts, printed like bpftrace prints keyed histograms.
 */
export class KeyedHistogram<K> extends MapDescriptor {
  readonly kind = "keyed_histogram";
  readonly options: KeyedHistogramOptions;
  constructor(options: KeyedHistogramOptions) {
    super();
    this.options = options;
  }
  /** Counts `value` (a signed 64-bit value) in `key`'s histogram once, or `times` times. */
  record(key: K, value: number, times?: number): void {
    return notCompiled("KeyedHistogram.record()");
  }
}
