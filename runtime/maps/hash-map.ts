import type { MapSpec } from "../object/spec.js";
import { Errno, MapType, UpdateFlags } from "../uapi/bpf.js";
import { HashMapBase } from "./hash-base.js";

/**
 * BPF_MAP_TYPE_HASH and BPF_MAP_TYPE_PERCPU_HASH (kernel/bpf/hashtab.c, preallocated).
 *
 * Kernel rules kept:
 * - flags other than ANY/NOEXIST/EXIST → -EINVAL; BPF_F_LOCK → -EINVAL (no bpf_spin_lock in
 *   the value: tsbpf maps carry no BTF record of one);
 * - NOEXIST on a present key → -EEXIST, EXIST on an absent key → -ENOENT (check_flags);
 * - a new key when max_entries are present → -E2BIG (the preallocated freelist is empty);
 * - replacing the value of a present key in a (non-per-CPU) hash map takes a spare element, links
 *   it at the bucket head and frees the old one (alloc_htab_elem's extra_elems): a view obtained
 *   before the update keeps showing the old value until that element is reused, and the key
 *   moves to the front of its bucket. Per-CPU maps update in place (pcpu_copy_value).
 * - delete of an absent key → -ENOENT.
 */
export class HashMap extends HashMapBase {
  private readonly free: Int32Array;
  private freeTop: number;
  /** The spare element for replacements (kernel: one per CPU in htab->extra_elems). */
  private extra: number;

  constructor(spec: MapSpec, cpus: number) {
    const perCpu = spec.type === MapType.PERCPU_HASH;
    // Per-CPU maps update in place and need no spare (htab_has_extra_elems).
    super(spec, cpus, perCpu, spec.maxEntries, spec.maxEntries + (perCpu ? 0 : 1));
    this.free = new Int32Array(spec.maxEntries);
    this.freeTop = 0;
    this.extra = perCpu ? -1 : spec.maxEntries;
    this.resetFree();
  }

  private resetFree(): void {
    const n = this.maxEntries;
    for (let i = 0; i < n; i++) this.free[i] = n - 1 - i; // pops 0, 1, 2, …
    this.freeTop = n;
  }

  protected store(key: Uint8Array, values: readonly Uint8Array[], cpu: number, flags: number): number {
    if (flags > UpdateFlags.EXIST) {
      // (map_flags & ~BPF_F_LOCK) > BPF_EXIST, or BPF_F_LOCK without a spin lock: both -EINVAL.
      return -Errno.EINVAL;
    }
    const t = this.table;
    const h = t.hash(key);
    const old = t.find(key, h);
    const err = HashMapBase.checkFlags(old >= 0, flags);
    if (err) return err;
    if (this.perCpu) {
      if (old >= 0) {
        this.writeValues(old, values, cpu, false);
        return 0;
      }
      if (this.freeTop === 0) return -Errno.E2BIG;
      const e = this.free[--this.freeTop]!;
      this.writeValues(e, values, cpu, true);
      t.insertHead(e, key, h);
      this.count++;
      return 0;
    }
    let e: number;
    if (old >= 0) {
      e = this.extra;
      this.extra = old;
    } else {
      if (this.freeTop === 0) return -Errno.E2BIG;
      e = this.free[--this.freeTop]!;
      this.count++;
    }
    this.writeValues(e, values, -1, true);
    t.insertHead(e, key, h);
    if (old >= 0) t.unlink(old);
    return 0;
  }

  delete(key: Uint8Array): number {
    const t = this.table;
    const e = t.find(key, t.hash(key));
    if (e < 0) return -Errno.ENOENT;
    t.unlink(e);
    this.free[this.freeTop++] = e;
    this.count--;
    return 0;
  }

  clear(): void {
    this.table.reset();
    this.values.fill(0);
    this.resetFree();
    if (!this.perCpu) this.extra = this.maxEntries;
    this.count = 0;
  }
}
