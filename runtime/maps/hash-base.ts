import type { MapSpec } from "../object/spec.js";
import { Errno, UpdateFlags } from "../uapi/bpf.js";
import { roundUp8 } from "./check.js";
import { HashTable } from "./hash-table.js";
import { smallFlags } from "./flags.js";
import type { BpfMap, MapFlagsArg } from "./types.js";

/**
 * What the four hash map types share: the table, the value slab (`round_up(value_size, 8)` bytes
 * per value and per CPU, so every value is 8-byte aligned as in the kernel), iteration and the
 * userspace (syscall) view of values.
 */
export abstract class HashMapBase implements BpfMap {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly cpus: number;
  readonly perCpu: boolean;
  readonly table: HashTable;
  /** All values: element e, CPU c at `valueOffset(e, c)`. Never reallocated. */
  readonly values: Uint8Array;
  protected readonly stride: number;
  protected readonly slots: number;
  count = 0;

  protected constructor(spec: MapSpec, cpus: number, perCpu: boolean, maxEntries: number, capacity: number) {
    this.name = spec.name;
    this.type = spec.type;
    this.keySize = spec.keySize;
    this.valueSize = spec.valueSize;
    this.maxEntries = maxEntries;
    this.flags = spec.flags;
    this.cpus = cpus;
    this.perCpu = perCpu;
    this.stride = roundUp8(spec.valueSize);
    this.slots = perCpu ? cpus : 1;
    this.table = new HashTable(spec.keySize, capacity, maxEntries);
    this.values = new Uint8Array(capacity * this.slots * this.stride);
  }

  /** Byte offset of element e's value for `cpu` in `values`. */
  valueOffset(e: number, cpu: number): number {
    return (e * this.slots + cpu) * this.stride;
  }

  protected valueView(e: number, cpu: number): Uint8Array {
    const off = (e * this.slots + cpu) * this.stride;
    return this.values.subarray(off, off + this.valueSize);
  }

  /**
   * Byte offset in `values` of the value a program's lookup finds, or -1: the allocation-free
   * path for a VM that maps `values` itself. Per-CPU maps with `cpu` out of range give -1.
   */
  locate(key: Uint8Array, cpu = 0): number {
    if (this.perCpu && (cpu < 0 || cpu >= this.cpus)) return -1;
    const e = this.table.find(key, this.table.hash(key));
    if (e < 0) return -1;
    this.touch(e);
    return this.valueOffset(e, this.perCpu ? cpu : 0);
  }

  lookup(key: Uint8Array, cpu = 0): Uint8Array | undefined {
    const off = this.locate(key, cpu);
    return off < 0 ? undefined : this.values.subarray(off, off + this.valueSize);
  }

  lookupAllCpus(key: Uint8Array): Uint8Array[] | undefined {
    const e = this.table.find(key, this.table.hash(key));
    if (e < 0) return undefined;
    const out: Uint8Array[] = [];
    for (let c = 0; c < this.slots; c++) out.push(this.valueView(e, c));
    return out;
  }

  updateAllCpus(key: Uint8Array, values: readonly Uint8Array[] | Uint8Array, flags: MapFlagsArg = 0): number {
    const list = this.splitValues(values);
    return this.store(key, list, -1, smallFlags(flags), 0);
  }

  update(key: Uint8Array, value: Uint8Array, flags: MapFlagsArg = 0, cpu = 0): number {
    if (value.length < this.valueSize)
      throw new RangeError(
        `value of ${value.length} bytes, map '${this.name}' values have ${this.valueSize}`,
      );
    if (cpu < 0 || cpu >= this.cpus) throw new RangeError(`cpu ${cpu} of ${this.cpus}`);
    return this.store(key, [value], this.perCpu ? cpu : -1, smallFlags(flags), cpu);
  }

  getNextKey(key?: Uint8Array): Uint8Array | undefined {
    const t = this.table;
    let e = -1;
    if (key !== undefined) e = t.find(key, t.hash(key));
    // An absent key restarts from the first element (htab_map_get_next_key: goto find_first_elem).
    const n = e < 0 ? t.firstFrom(0) : t.after(e);
    return n < 0 ? undefined : t.keyView(n).slice();
  }

  *keys(): IterableIterator<Uint8Array> {
    for (let e = this.table.firstFrom(0); e >= 0; e = this.table.after(e)) yield this.table.keyView(e);
  }

  protected splitValues(values: readonly Uint8Array[] | Uint8Array): Uint8Array[] {
    if (values instanceof Uint8Array) {
      if (!this.perCpu) return [values];
      // The syscall's layout: each CPU's value at a multiple of round_up(value_size, 8).
      if (values.length < this.stride * (this.cpus - 1) + this.valueSize)
        throw new RangeError(`per-CPU buffer of ${values.length} bytes for ${this.cpus} CPUs`);
      const out: Uint8Array[] = [];
      for (let c = 0; c < this.cpus; c++)
        out.push(values.subarray(c * this.stride, c * this.stride + this.valueSize));
      return out;
    }
    if (values.length !== this.slots) throw new RangeError(`${values.length} values for ${this.slots} CPUs`);
    for (const v of values) {
      if (v.length < this.valueSize)
        throw new RangeError(`value of ${v.length} bytes, map values have ${this.valueSize}`);
    }
    return [...values];
  }

  /** Writes element e's values: all CPUs from `values`, or one CPU (zeroing the others when `fresh`). */
  protected writeValues(e: number, values: readonly Uint8Array[], cpu: number, fresh: boolean): void {
    const vs = this.valueSize;
    if (cpu < 0) {
      for (let c = 0; c < this.slots; c++)
        this.values.set(values[c]!.subarray(0, vs), this.valueOffset(e, c));
      return;
    }
    // kernel: pcpu_init_value zeroes the other CPUs' copies of a new element.
    if (fresh) this.values.fill(0, this.valueOffset(e, 0), this.valueOffset(e + 1, 0));
    this.values.set(values[0]!.subarray(0, vs), this.valueOffset(e, cpu));
  }

  /** kernel: check_flags */
  protected static checkFlags(exists: boolean, flags: number): number {
    const f = (flags & ~UpdateFlags.F_LOCK) >>> 0;
    if (exists && f === UpdateFlags.NOEXIST) return -Errno.EEXIST;
    if (!exists && f === UpdateFlags.EXIST) return -Errno.ENOENT;
    return 0;
  }

  /** Marks a use for LRU maps; nothing for the others. */
  protected touch(_e: number): void {}

  /**
   * Update with values for all CPUs (cpu = -1) or one CPU's value; `runCpu` is the CPU the
   * update runs on (it picks the LRU list with BPF_F_NO_COMMON_LRU).
   */
  protected abstract store(
    key: Uint8Array,
    values: readonly Uint8Array[],
    cpu: number,
    flags: number,
    runCpu: number,
  ): number;
  abstract delete(key: Uint8Array): number;
  abstract clear(): void;
}
