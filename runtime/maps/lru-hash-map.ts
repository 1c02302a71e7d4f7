import type { MapSpec } from "../object/spec.js";
import { Errno, MapFlags, MapType, UpdateFlags } from "../uapi/bpf.js";
import { HashMapBase } from "./hash-base.js";

/**
 * BPF_MAP_TYPE_LRU_HASH and BPF_MAP_TYPE_LRU_PERCPU_HASH (hashtab.c over bpf_lru_list.c).
 *
 * Eviction policy (tsbpf's, in the kernel's spirit): exactly max_entries preallocated elements
 * kept in least-recently-used order. A program's lookup (bpf_map_lookup_elem) and an update of a
 * present key count as uses; userspace lookups and iteration do not (the kernel's syscall path
 * does not set the reference bit either). An update that needs an element when none is free
 * evicts the least recently used element first.
 *
 * Kernel behaviours kept on purpose:
 * - every update except a per-CPU map's BPF_EXIST first takes a fresh element (prealloc_lru_pop)
 *   before looking at the key, so on a full map even an update of a present key, or one that then
 *   fails with -EEXIST, evicts the least recently used element (which may be that very key);
 * - with BPF_F_NO_COMMON_LRU each CPU has its own list of max_entries / cpus elements (max_entries
 *   rounded to a multiple of the CPU count, as htab_map_alloc does) and evicts only from it;
 * - flags above BPF_EXIST (BPF_F_LOCK included) → -EINVAL; NOEXIST/EXIST → -EEXIST/-ENOENT.
 * The kernel's lists are approximate (per-CPU free caches, batch shrinking of the inactive list
 * by reference bits); tsbpf's exact order is one the kernel's can produce, not always the same one.
 */
export class LruHashMap extends HashMapBase {
  /** Number of LRU lists: 1 (common) or one per CPU (BPF_F_NO_COMMON_LRU). */
  private readonly lists: number;
  private readonly perList: number;
  /** LRU order, most recent first: doubly linked, with sentinel nodes capacity + list. */
  private readonly prev: Int32Array;
  private readonly nextUse: Int32Array;
  private readonly free: Int32Array;
  private readonly freeTop: Int32Array;
  /** Elements evicted so far (observable in tests). */
  evictions = 0;

  constructor(spec: MapSpec, cpus: number) {
    const perCpu = spec.type === MapType.LRU_PERCPU_HASH;
    const percpuLru = (spec.flags & MapFlags.NO_COMMON_LRU) !== 0;
    let maxEntries = spec.maxEntries;
    if (percpuLru) {
      // htab_map_alloc: every CPU's list gets the same, non-zero number of elements.
      maxEntries = Math.ceil(maxEntries / cpus) * cpus;
      if (maxEntries < spec.maxEntries) maxEntries = Math.floor(spec.maxEntries / cpus) * cpus;
    }
    super(spec, cpus, perCpu, maxEntries, maxEntries);
    this.lists = percpuLru ? cpus : 1;
    this.perList = maxEntries / this.lists;
    this.prev = new Int32Array(maxEntries + this.lists);
    this.nextUse = new Int32Array(maxEntries + this.lists);
    this.free = new Int32Array(maxEntries);
    this.freeTop = new Int32Array(this.lists);
    this.resetLists();
  }

  private resetLists(): void {
    const cap = this.maxEntries;
    for (let l = 0; l < this.lists; l++) {
      const s = cap + l;
      this.prev[s] = s;
      this.nextUse[s] = s;
      const base = l * this.perList;
      for (let i = 0; i < this.perList; i++) this.free[base + i] = base + this.perList - 1 - i;
      this.freeTop[l] = this.perList;
    }
  }

  private listOf(e: number): number {
    return Math.floor(e / this.perList);
  }

  private unlinkUse(e: number): void {
    const p = this.prev[e]!;
    const n = this.nextUse[e]!;
    this.nextUse[p] = n;
    this.prev[n] = p;
  }

  private linkFront(e: number): void {
    const s = this.maxEntries + this.listOf(e);
    const first = this.nextUse[s]!;
    this.prev[e] = s;
    this.nextUse[e] = first;
    this.prev[first] = e;
    this.nextUse[s] = e;
  }

  protected override touch(e: number): void {
    this.unlinkUse(e);
    this.linkFront(e);
  }

  /** kernel: prealloc_lru_pop — a free element of `cpu`'s list, evicting its least recent if none. */
  private pop(cpu: number): number {
    const l = this.lists === 1 ? 0 : cpu;
    if (this.freeTop[l]! > 0) {
      const top = --this.freeTop[l]!;
      return this.free[l * this.perList + top]!;
    }
    const s = this.maxEntries + l;
    const victim = this.prev[s]!;
    if (victim === s) return -1;
    this.unlinkUse(victim);
    this.table.unlink(victim);
    this.count--;
    this.evictions++;
    return victim;
  }

  /** kernel: bpf_lru_push_free — back to its own list's free elements. */
  private pushFree(e: number, inUse: boolean): void {
    if (inUse) this.unlinkUse(e);
    const l = this.listOf(e);
    this.free[l * this.perList + this.freeTop[l]!] = e;
    this.freeTop[l]!++;
  }

  protected store(
    key: Uint8Array,
    values: readonly Uint8Array[],
    cpu: number,
    flags: number,
    runCpu: number,
  ): number {
    if (flags > UpdateFlags.EXIST) return -Errno.EINVAL;
    const t = this.table;
    const h = t.hash(key);
    let fresh = -1;
    if (!this.perCpu || flags !== UpdateFlags.EXIST) {
      fresh = this.pop(runCpu);
      if (fresh < 0) return -Errno.ENOMEM;
    }
    const old = t.find(key, h);
    const err = HashMapBase.checkFlags(old >= 0, flags);
    if (err) {
      if (fresh >= 0) this.pushFree(fresh, false);
      return err;
    }
    if (this.perCpu && old >= 0) {
      this.touch(old);
      this.writeValues(old, values, cpu, false);
      if (fresh >= 0) this.pushFree(fresh, false);
      return 0;
    }
    this.writeValues(fresh, values, cpu, true);
    t.insertHead(fresh, key, h);
    this.linkFront(fresh);
    if (old >= 0) {
      t.unlink(old);
      this.pushFree(old, true);
    } else {
      this.count++;
    }
    return 0;
  }

  delete(key: Uint8Array): number {
    const t = this.table;
    const e = t.find(key, t.hash(key));
    if (e < 0) return -Errno.ENOENT;
    t.unlink(e);
    this.pushFree(e, true);
    this.count--;
    return 0;
  }

  clear(): void {
    this.table.reset();
    this.values.fill(0);
    this.resetLists();
    this.count = 0;
  }

  /** Keys from most to least recently used (for tests and debugging). */
  *usageOrder(): IterableIterator<Uint8Array> {
    for (let l = 0; l < this.lists; l++) {
      const s = this.maxEntries + l;
      for (let e = this.nextUse[s]!; e !== s; e = this.nextUse[e]!) yield this.table.keyView(e);
    }
  }
}
