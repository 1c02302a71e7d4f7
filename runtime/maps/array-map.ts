import type { MapSpec } from "../object/spec.js";
import { Errno, MapType, UpdateFlags } from "../uapi/bpf.js";
import { roundUp8 } from "./check.js";
import { smallFlags } from "./flags.js";
import type { BpfMap, MapFlagsArg } from "./types.js";

/** The u32 index an array key holds (little-endian, as on x86_64 and BPF). */
export function arrayIndex(key: Uint8Array): number {
  if (key.length < 4) throw new RangeError(`array key of ${key.length} bytes, array keys have 4`);
  return (key[0]! | (key[1]! << 8) | (key[2]! << 16) | (key[3]! << 24)) >>> 0;
}

export function indexKey(index: number): Uint8Array {
  const k = new Uint8Array(4);
  new DataView(k.buffer).setUint32(0, index, true);
  return k;
}

/**
 * BPF_MAP_TYPE_ARRAY and BPF_MAP_TYPE_PERCPU_ARRAY (kernel/bpf/arraymap.c): max_entries values
 * of round_up(value_size, 8) bytes, all present and zero from the start, updated in place.
 *
 * Kernel rules kept: flags above BPF_EXIST → -EINVAL (BPF_F_LOCK too: no spin lock known);
 * index ≥ max_entries → -E2BIG; BPF_NOEXIST → -EEXIST (every element exists); delete → -EINVAL;
 * get_next_key of an absent or out-of-range key → index 0, of the last index → end (-ENOENT).
 */
export class ArrayMap implements BpfMap {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly cpus: number;
  readonly perCpu: boolean;
  /** All values: index i, CPU c at `valueOffset(i, c)`. Never reallocated. */
  readonly values: Uint8Array;
  private readonly stride: number;
  private readonly slots: number;

  constructor(spec: MapSpec, cpus: number) {
    this.name = spec.name;
    this.type = spec.type;
    this.keySize = spec.keySize;
    this.valueSize = spec.valueSize;
    this.maxEntries = spec.maxEntries;
    this.flags = spec.flags;
    this.cpus = cpus;
    this.perCpu = spec.type === MapType.PERCPU_ARRAY;
    this.slots = this.perCpu ? cpus : 1;
    this.stride = roundUp8(spec.valueSize);
    this.values = new Uint8Array(spec.maxEntries * this.slots * this.stride);
  }

  get count(): number {
    return this.maxEntries;
  }

  valueOffset(index: number, cpu: number): number {
    return (index * this.slots + cpu) * this.stride;
  }

  /** Byte offset of the value in `values`, or -1 (the allocation-free lookup path). */
  locate(key: Uint8Array, cpu = 0): number {
    const i = arrayIndex(key);
    if (i >= this.maxEntries) return -1;
    if (this.perCpu) {
      if (cpu < 0 || cpu >= this.cpus) return -1;
      return this.valueOffset(i, cpu);
    }
    return this.valueOffset(i, 0);
  }

  lookup(key: Uint8Array, cpu = 0): Uint8Array | undefined {
    const off = this.locate(key, cpu);
    return off < 0 ? undefined : this.values.subarray(off, off + this.valueSize);
  }

  lookupAllCpus(key: Uint8Array): Uint8Array[] | undefined {
    const i = arrayIndex(key);
    if (i >= this.maxEntries) return undefined;
    const out: Uint8Array[] = [];
    for (let c = 0; c < this.slots; c++) {
      const off = this.valueOffset(i, c);
      out.push(this.values.subarray(off, off + this.valueSize));
    }
    return out;
  }

  /** kernel: array_map_update_elem's checks, in its order. Returns the index or -errno. */
  private check(key: Uint8Array, flags: number): number {
    if (flags >= 2 ** 32 || (flags & ~UpdateFlags.F_LOCK) >>> 0 > UpdateFlags.EXIST) return -Errno.EINVAL;
    const i = arrayIndex(key);
    if (i >= this.maxEntries) return -Errno.E2BIG;
    if (flags & UpdateFlags.NOEXIST) return -Errno.EEXIST;
    if (flags & UpdateFlags.F_LOCK) return -Errno.EINVAL; // no bpf_spin_lock in the value
    return i;
  }

  /** kernel: bpf_percpu_array_update, the syscall path of per-CPU arrays. */
  private checkPerCpuSyscall(key: Uint8Array, flags: number): number {
    if (flags > UpdateFlags.EXIST) return -Errno.EINVAL;
    const i = arrayIndex(key);
    if (i >= this.maxEntries) return -Errno.E2BIG;
    if (flags === UpdateFlags.NOEXIST) return -Errno.EEXIST;
    return i;
  }

  update(key: Uint8Array, value: Uint8Array, flags: MapFlagsArg = 0, cpu = 0): number {
    if (value.length < this.valueSize)
      throw new RangeError(`value of ${value.length} bytes, values have ${this.valueSize}`);
    if (this.perCpu && (cpu < 0 || cpu >= this.cpus)) throw new RangeError(`cpu ${cpu} of ${this.cpus}`);
    const i = this.check(key, smallFlags(flags));
    if (i < 0) return i;
    this.values.set(value.subarray(0, this.valueSize), this.valueOffset(i, this.perCpu ? cpu : 0));
    return 0;
  }

  updateAllCpus(key: Uint8Array, values: readonly Uint8Array[] | Uint8Array, flags: MapFlagsArg = 0): number {
    const f = smallFlags(flags);
    const i = this.perCpu ? this.checkPerCpuSyscall(key, f) : this.check(key, f);
    if (i < 0) return i;
    for (let c = 0; c < this.slots; c++) {
      const v =
        values instanceof Uint8Array
          ? this.perCpu
            ? values.subarray(c * this.stride, c * this.stride + this.valueSize)
            : values
          : values[c];
      if (v === undefined || v.length < this.valueSize)
        throw new RangeError(`missing or short value for CPU ${c}`);
      this.values.set(v.subarray(0, this.valueSize), this.valueOffset(i, c));
    }
    return 0;
  }

  delete(_key: Uint8Array): number {
    return -Errno.EINVAL; // array_map_delete_elem: elements of an array cannot be deleted
  }

  getNextKey(key?: Uint8Array): Uint8Array | undefined {
    // array_map_get_next_key: a missing or out-of-range key starts at 0.
    const i = key === undefined ? 0xffffffff : arrayIndex(key);
    if (i >= this.maxEntries) return indexKey(0);
    if (i === this.maxEntries - 1) return undefined;
    return indexKey(i + 1);
  }

  *keys(): IterableIterator<Uint8Array> {
    for (let i = 0; i < this.maxEntries; i++) yield indexKey(i);
  }

  clear(): void {
    this.values.fill(0);
  }
}
