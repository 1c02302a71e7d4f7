import { hashBytes } from "./hashing.js";
import { roundUpPow2 } from "./check.js";

/**
 * The kernel's hash table shape (kernel/bpf/hashtab.c) in flat typed arrays: a power-of-two array
 * of bucket heads (`roundup_pow_of_two(max_entries)` buckets), preallocated elements numbered
 * 0…capacity-1 whose keys live in one slab, and per-element `next` links. New elements go to the
 * head of their bucket (hlist_nulls_add_head_rcu), iteration walks buckets in order and each
 * bucket from its head (htab_map_get_next_key) — so iteration order, and what happens to an
 * iteration when its current key is deleted, match the kernel's.
 *
 * About 12 bytes per element plus the key and value bytes: no JavaScript object per element.
 */
export class HashTable {
  readonly keySize: number;
  readonly capacity: number;
  readonly nBuckets: number;
  private readonly mask: number;
  readonly buckets: Int32Array;
  readonly next: Int32Array;
  readonly hashes: Uint32Array;
  readonly keys: Uint8Array;

  constructor(keySize: number, capacity: number, maxEntries: number) {
    this.keySize = keySize;
    this.capacity = capacity;
    this.nBuckets = roundUpPow2(maxEntries);
    this.mask = this.nBuckets - 1;
    this.buckets = new Int32Array(this.nBuckets).fill(-1);
    this.next = new Int32Array(capacity).fill(-1);
    this.hashes = new Uint32Array(capacity);
    this.keys = new Uint8Array(capacity * keySize);
  }

  hash(key: Uint8Array): number {
    if (key.length < this.keySize)
      throw new RangeError(`key of ${key.length} bytes, map keys have ${this.keySize}`);
    return hashBytes(key, this.keySize);
  }

  /** Element holding `key` (whose hash is `h`), or -1 (kernel: lookup_nulls_elem_raw). */
  find(key: Uint8Array, h: number): number {
    const keys = this.keys;
    const ks = this.keySize;
    for (let e = this.buckets[h & this.mask]!; e >= 0; e = this.next[e]!) {
      if (this.hashes[e] !== h) continue;
      const base = e * ks;
      let i = 0;
      while (i < ks && keys[base + i] === key[i]) i++;
      if (i === ks) return e;
    }
    return -1;
  }

  /** Stores the key in element `e` and links it at the head of its bucket. */
  insertHead(e: number, key: Uint8Array, h: number): void {
    this.keys.set(key.subarray(0, this.keySize), e * this.keySize);
    this.hashes[e] = h;
    const b = h & this.mask;
    this.next[e] = this.buckets[b]!;
    this.buckets[b] = e;
  }

  /** Unlinks element `e` from its bucket (hlist_nulls_del_rcu). */
  unlink(e: number): void {
    const b = this.hashes[e]! & this.mask;
    let cur = this.buckets[b]!;
    if (cur === e) {
      this.buckets[b] = this.next[e]!;
    } else {
      while (cur >= 0 && this.next[cur] !== e) cur = this.next[cur]!;
      if (cur < 0) throw new Error(`hash table: element ${e} is not in its bucket`);
      this.next[cur] = this.next[e]!;
    }
    this.next[e] = -1;
  }

  /** First element of the first non-empty bucket at or after `bucket`, or -1. */
  firstFrom(bucket: number): number {
    for (let b = bucket; b < this.nBuckets; b++) {
      const e = this.buckets[b]!;
      if (e >= 0) return e;
    }
    return -1;
  }

  /** The element after `e` in iteration order (kernel: htab_map_get_next_key), or -1. */
  after(e: number): number {
    const n = this.next[e]!;
    if (n >= 0) return n;
    return this.firstFrom((this.hashes[e]! & this.mask) + 1);
  }

  keyView(e: number): Uint8Array {
    return this.keys.subarray(e * this.keySize, (e + 1) * this.keySize);
  }

  reset(): void {
    this.buckets.fill(-1);
    this.next.fill(-1);
  }
}
