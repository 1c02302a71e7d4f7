import { sizeOf } from "../layout/build.js";
import { decode } from "../layout/decode.js";
import type { Layout, LayoutValue } from "../layout/types.js";

/** One record as it left the program: its bytes and, for perf event arrays, the CPU. */
export interface RawRecord {
  readonly data: Uint8Array;
  readonly cpu?: number;
}

/**
 * The records a ring buffer or perf event array received, decoded with the record type the
 * program declared (`RingBuf<ExecEvent>`; for C objects, the `records` option of load()). A ring
 * buffer's records stay in the map until asked for (so a test can fill it up); perf samples are
 * taken after every run, so they keep the order of the runs rather than coming CPU by CPU.
 * `peek()` then `drain()` see the same records.
 */
export class EventStream<T = LayoutValue> {
  readonly name: string;
  private readonly pull: () => RawRecord[];
  private readonly layout: Layout | undefined;
  private pending: RawRecord[] = [];

  constructor(name: string, pull: () => RawRecord[], layout: Layout | undefined) {
    this.name = name;
    this.pull = pull;
    this.layout = layout;
  }

  /** Moves the map's records into this stream. */
  collect(): RawRecord[] {
    this.pending.push(...this.pull());
    return this.pending;
  }

  private decodeOne(r: RawRecord): T {
    if (!this.layout) return r.data.slice() as T;
    const size = sizeOf(this.layout);
    let bytes = r.data;
    if (bytes.length < size) {
      // a record shorter than its type (bpf_ringbuf_output of a prefix): the rest reads as zero
      const padded = new Uint8Array(size);
      padded.set(bytes);
      bytes = padded;
    }
    return decode(this.layout, bytes.subarray(0, size)) as T;
  }

  /** Every record not drained yet, decoded, oldest first; they are gone afterwards. */
  drain(): T[] {
    const out = this.collect().map((r) => this.decodeOne(r));
    this.pending = [];
    return out;
  }

  /** The records `drain()` would return, left in place. */
  peek(): T[] {
    return this.collect().map((r) => this.decodeOne(r));
  }

  /** The undecoded records (bytes and CPU), left in place. */
  raw(): RawRecord[] {
    return [...this.collect()];
  }

  get length(): number {
    return this.collect().length;
  }

  /** Drops every pending record. */
  clear(): void {
    this.collect();
    this.pending = [];
  }
}
