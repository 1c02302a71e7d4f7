import type { MapSpec } from "../object/spec.js";
import { Errno } from "../uapi/bpf.js";
import { roundUpPow2 } from "./check.js";
import { smallFlags } from "./flags.js";
import { hashBytes } from "./hashing.js";
import type { BpfMap, MapFlagsArg } from "./types.js";

/**
 * BPF_MAP_TYPE_BLOOM_FILTER (kernel/bpf/bloom_filter.c): push adds a value, peek answers 0 for
 * "maybe present" and -ENOENT for "certainly absent". The bit array is sized as the kernel sizes
 * it (max_entries × hashes × 7/5 bits, a power of two, at least 64); the hash functions differ, so
 * false positives fall on other values than in the kernel.
 *
 * Kernel rules kept: push with flags other than BPF_ANY → -EINVAL; pop → -EOPNOTSUPP;
 * lookup → NULL; update → -EINVAL; delete and get_next_key → -EOPNOTSUPP.
 */
export class BloomFilterMap implements BpfMap {
  readonly name: string;
  readonly type: number;
  readonly keySize = 0;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly cpus: number;
  readonly perCpu = false;
  readonly nrHashes: number;
  private readonly bits: Uint8Array;
  private readonly bitMask: number;
  /** Values pushed (the kernel does not track this; kept for `count`). */
  count = 0;

  /** `nrHashes`: the low 4 bits of map_extra; 0 means the kernel's default of 5. */
  constructor(spec: MapSpec, cpus: number, nrHashes = 0) {
    this.name = spec.name;
    this.type = spec.type;
    this.valueSize = spec.valueSize;
    this.maxEntries = spec.maxEntries;
    this.flags = spec.flags;
    this.cpus = cpus;
    this.nrHashes = nrHashes === 0 ? 5 : nrHashes;
    let nrBits = Math.floor((spec.maxEntries * this.nrHashes) / 5) * 7;
    nrBits = nrBits > 2 ** 31 ? 2 ** 31 : nrBits <= 64 ? 64 : roundUpPow2(nrBits);
    this.bits = new Uint8Array(nrBits / 8);
    this.bitMask = nrBits - 1;
  }

  private bit(value: Uint8Array, i: number): number {
    return hashBytes(value, this.valueSize, i) & this.bitMask;
  }

  push(value: Uint8Array, flags: MapFlagsArg = 0): number {
    if (smallFlags(flags) !== 0) return -Errno.EINVAL;
    for (let i = 0; i < this.nrHashes; i++) {
      const b = this.bit(value, i);
      this.bits[b >>> 3]! |= 1 << (b & 7);
    }
    this.count++;
    return 0;
  }

  peek(value: Uint8Array): number {
    for (let i = 0; i < this.nrHashes; i++) {
      const b = this.bit(value, i);
      if (!(this.bits[b >>> 3]! & (1 << (b & 7)))) return -Errno.ENOENT;
    }
    return 0;
  }

  pop(_out: Uint8Array): number {
    return -Errno.EOPNOTSUPP;
  }

  lookup(_key: Uint8Array, _cpu?: number): Uint8Array | undefined {
    return undefined;
  }

  update(_key: Uint8Array, _value: Uint8Array, _flags?: MapFlagsArg, _cpu?: number): number {
    return -Errno.EINVAL;
  }

  delete(_key: Uint8Array): number {
    return -Errno.EOPNOTSUPP;
  }

  getNextKey(_key?: Uint8Array): Uint8Array | undefined {
    return undefined;
  }

  lookupAllCpus(_key: Uint8Array): Uint8Array[] | undefined {
    return undefined;
  }

  /** The syscall's BPF_MAP_UPDATE_ELEM pushes (bpf_map_update_value). */
  updateAllCpus(
    _key: Uint8Array,
    values: readonly Uint8Array[] | Uint8Array,
    flags: MapFlagsArg = 0,
  ): number {
    const v = values instanceof Uint8Array ? values : values[0];
    if (!v) throw new RangeError("no value");
    return this.push(v, flags);
  }

  clear(): void {
    this.bits.fill(0);
    this.count = 0;
  }

  *keys(): IterableIterator<Uint8Array> {}
}
