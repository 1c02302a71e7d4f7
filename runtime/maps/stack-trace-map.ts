import type { MapSpec } from "../object/spec.js";
import { Errno, StackIdFlags } from "../uapi/bpf.js";
import { arrayIndex, indexKey } from "./array-map.js";
import { roundUpPow2 } from "./check.js";
import { hasFlagsOutside, smallFlags } from "./flags.js";
import { hashBytes } from "./hashing.js";
import type { BpfMap, MapFlagsArg } from "./types.js";

/**
 * BPF_MAP_TYPE_STACK_TRACE (kernel/bpf/stackmap.c): stacks of instruction pointers stored by
 * id = hash(stack) & (n_buckets - 1), n_buckets = roundup_pow_of_two(max_entries). There is no
 * real stack to walk in process: callers (the VM's bpf_get_stackid) pass a synthetic one.
 *
 * Kernel rules kept (__bpf_get_stackid): unknown flags → -EINVAL; a stack no longer than the
 * frames skipped → -EFAULT; stacks deeper than value_size / 8 keep their innermost frames; the
 * same stack gives the same id (BPF_F_FAST_STACK_CMP compares hashes only); another stack in the
 * id's bucket → -EEXIST unless BPF_F_REUSE_STACKID replaces it; max_entries stacks stored →
 * -ENOMEM. Userspace lookup copies the frames zero-padded; update → -EINVAL; delete of an id out
 * of range → -E2BIG (stack_map_delete_elem), of an empty id → -ENOENT.
 */
export class StackTraceMap implements BpfMap {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly cpus: number;
  readonly perCpu = false;
  readonly nBuckets: number;
  private readonly depth: number;
  /** Frames per bucket, 0 = empty. */
  private readonly nr: Int32Array;
  private readonly hashes: Uint32Array;
  /** Bucket id's frames as u64 little-endian at id * value_size, zero-padded. */
  readonly frames: Uint8Array;
  private readonly view: DataView;
  count = 0;

  constructor(spec: MapSpec, cpus: number) {
    this.name = spec.name;
    this.type = spec.type;
    this.keySize = spec.keySize;
    this.valueSize = spec.valueSize;
    this.maxEntries = spec.maxEntries;
    this.flags = spec.flags;
    this.cpus = cpus;
    this.nBuckets = roundUpPow2(spec.maxEntries);
    this.depth = spec.valueSize / 8;
    this.nr = new Int32Array(this.nBuckets);
    this.hashes = new Uint32Array(this.nBuckets);
    this.frames = new Uint8Array(this.nBuckets * spec.valueSize);
    this.view = new DataView(this.frames.buffer);
  }

  /** bpf_get_stackid with `ips` as the stack the program would see, innermost frame first. */
  getStackId(ips: readonly bigint[], flags: MapFlagsArg = 0): number {
    const f = smallFlags(flags);
    const known =
      StackIdFlags.SKIP_FIELD_MASK |
      StackIdFlags.USER_STACK |
      StackIdFlags.FAST_STACK_CMP |
      StackIdFlags.REUSE_STACKID;
    if (hasFlagsOutside(f, known)) return -Errno.EINVAL;
    const skip = f & StackIdFlags.SKIP_FIELD_MASK;
    // get_perf_callchain collects at most skip + value_size / 8 frames.
    const taken = ips.slice(0, skip + this.depth);
    if (taken.length <= skip) return -Errno.EFAULT;
    const frames = taken.slice(skip);
    const bytes = new Uint8Array(frames.length * 8);
    const bv = new DataView(bytes.buffer);
    frames.forEach((ip, i) => bv.setBigUint64(i * 8, BigInt.asUintN(64, ip), true));
    const hash = hashBytes(bytes, bytes.length);
    const id = hash & (this.nBuckets - 1);
    const present = this.nr[id]! > 0;
    const hashMatches = present && this.hashes[id] === hash;
    if (hashMatches && f & StackIdFlags.FAST_STACK_CMP) return id;
    if (hashMatches && this.nr[id] === frames.length && this.sameFrames(id, bytes)) return id;
    if (present && !(f & StackIdFlags.REUSE_STACKID)) return -Errno.EEXIST;
    if (!present && this.count >= this.maxEntries) return -Errno.ENOMEM; // pcpu_freelist_pop failed
    if (!present) this.count++;
    this.nr[id] = frames.length;
    this.hashes[id] = hash;
    this.frames.fill(0, id * this.valueSize, (id + 1) * this.valueSize);
    this.frames.set(bytes, id * this.valueSize);
    return id;
  }

  private sameFrames(id: number, bytes: Uint8Array): boolean {
    const base = id * this.valueSize;
    for (let i = 0; i < bytes.length; i++) if (this.frames[base + i] !== bytes[i]) return false;
    return true;
  }

  /** The frames stored under `id` (innermost first), or undefined. */
  stack(id: number): bigint[] | undefined {
    if (id < 0 || id >= this.nBuckets || this.nr[id] === 0) return undefined;
    const out: bigint[] = [];
    for (let i = 0; i < this.nr[id]!; i++)
      out.push(this.view.getBigUint64(id * this.valueSize + i * 8, true));
    return out;
  }

  lookup(key: Uint8Array, _cpu?: number): Uint8Array | undefined {
    const id = arrayIndex(key);
    if (id >= this.nBuckets || this.nr[id] === 0) return undefined;
    return this.frames.subarray(id * this.valueSize, (id + 1) * this.valueSize);
  }

  lookupAllCpus(key: Uint8Array): Uint8Array[] | undefined {
    const v = this.lookup(key);
    return v ? [v] : undefined;
  }

  update(_key: Uint8Array, _value: Uint8Array, _flags?: MapFlagsArg, _cpu?: number): number {
    return -Errno.EINVAL;
  }

  updateAllCpus(_key: Uint8Array, _values: readonly Uint8Array[] | Uint8Array, _flags?: MapFlagsArg): number {
    return -Errno.EINVAL;
  }

  delete(key: Uint8Array): number {
    const id = arrayIndex(key);
    if (id >= this.nBuckets) return -Errno.E2BIG;
    if (this.nr[id] === 0) return -Errno.ENOENT;
    this.nr[id] = 0;
    this.count--;
    return 0;
  }

  /** kernel: stack_map_get_next_key — next non-empty id; an absent or empty key starts at 0. */
  getNextKey(key?: Uint8Array): Uint8Array | undefined {
    let id = 0;
    if (key !== undefined) {
      const k = arrayIndex(key);
      id = k >= this.nBuckets || this.nr[k] === 0 ? 0 : k + 1;
    }
    while (id < this.nBuckets && this.nr[id] === 0) id++;
    return id < this.nBuckets ? indexKey(id) : undefined;
  }

  clear(): void {
    this.nr.fill(0);
    this.frames.fill(0);
    this.count = 0;
  }

  *keys(): IterableIterator<Uint8Array> {
    for (let id = 0; id < this.nBuckets; id++) if (this.nr[id]! > 0) yield indexKey(id);
  }
}
