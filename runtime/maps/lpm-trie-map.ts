import type { MapSpec } from "../object/spec.js";
import { Errno, UpdateFlags } from "../uapi/bpf.js";
import { smallFlags } from "./flags.js";
import type { BpfMap, MapFlagsArg } from "./types.js";

interface Entry {
  readonly prefixLen: number;
  /** The key as given (u32 prefix length, then the data bytes). */
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

/**
 * BPF_MAP_TYPE_LPM_TRIE (kernel/bpf/lpm_trie.c). Keys are `struct bpf_lpm_trie_key`: a u32
 * prefix length (host order) and key_size - 4 data bytes (network order). Not preallocated in the
 * kernel either (BPF_F_NO_PREALLOC is required), so entries are separate buffers here.
 *
 * Kernel rules kept: lookup returns the value of the longest stored prefix that matches the key's
 * first key.prefixlen bits; update with flags above BPF_EXIST or a prefix longer than the data →
 * -EINVAL, NOEXIST/EXIST → -EEXIST/-ENOENT, a new prefix when max_entries are stored → -ENOSPC;
 * delete of an absent prefix → -ENOENT; get_next_key walks the trie in post-order (more specific
 * prefixes before the prefixes that contain them, 0-bits before 1-bits) and starts from the
 * leftmost entry when the key is absent.
 */
export class LpmTrieMap implements BpfMap {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly cpus: number;
  readonly perCpu = false;
  private readonly maxPrefix: number;
  private readonly entries = new Map<string, Entry>();
  private sorted: Entry[] | undefined;

  constructor(spec: MapSpec, cpus: number) {
    this.name = spec.name;
    this.type = spec.type;
    this.keySize = spec.keySize;
    this.valueSize = spec.valueSize;
    this.maxEntries = spec.maxEntries;
    this.flags = spec.flags;
    this.cpus = cpus;
    this.maxPrefix = (spec.keySize - 4) * 8;
  }

  get count(): number {
    return this.entries.size;
  }

  private static prefixLen(key: Uint8Array): number {
    return (key[0]! | (key[1]! << 8) | (key[2]! << 16) | (key[3]! << 24)) >>> 0;
  }

  /** Canonical id of the first `len` bits of the key's data. */
  private id(key: Uint8Array, len: number): string {
    let s = `${len}:`;
    const full = len >> 3;
    for (let i = 0; i < full; i++) s += key[4 + i]!.toString(16).padStart(2, "0");
    const rest = len & 7;
    if (rest) s += (key[4 + full]! & (0xff << (8 - rest)) & 0xff).toString(16).padStart(2, "0");
    return s;
  }

  private check(key: Uint8Array): void {
    if (key.length < this.keySize)
      throw new RangeError(`key of ${key.length} bytes, keys have ${this.keySize}`);
  }

  lookup(key: Uint8Array, _cpu?: number): Uint8Array | undefined {
    this.check(key);
    const limit = Math.min(LpmTrieMap.prefixLen(key), this.maxPrefix);
    for (let len = limit; len >= 0; len--) {
      const e = this.entries.get(this.id(key, len));
      if (e) return e.value;
    }
    return undefined;
  }

  update(key: Uint8Array, value: Uint8Array, flags: MapFlagsArg = 0, _cpu?: number): number {
    this.check(key);
    if (value.length < this.valueSize) throw new RangeError(`value of ${value.length} bytes`);
    const f = smallFlags(flags);
    if (f > UpdateFlags.EXIST) return -Errno.EINVAL;
    const len = LpmTrieMap.prefixLen(key);
    if (len > this.maxPrefix) return -Errno.EINVAL;
    const id = this.id(key, len);
    const old = this.entries.get(id);
    // trie_update_elem / trie_check_add_elem order: EXIST on a new prefix before the size check.
    if (old && f === UpdateFlags.NOEXIST) return -Errno.EEXIST;
    if (!old && f === UpdateFlags.EXIST) return -Errno.ENOENT;
    if (!old && this.entries.size >= this.maxEntries) return -Errno.ENOSPC;
    // The kernel replaces the node with a new one: views of the old value keep the old bytes.
    this.entries.set(id, {
      prefixLen: len,
      key: key.slice(0, this.keySize),
      value: value.slice(0, this.valueSize),
    });
    this.sorted = undefined;
    return 0;
  }

  delete(key: Uint8Array): number {
    this.check(key);
    const len = LpmTrieMap.prefixLen(key);
    if (len > this.maxPrefix) return -Errno.EINVAL;
    if (!this.entries.delete(this.id(key, len))) return -Errno.ENOENT;
    this.sorted = undefined;
    return 0;
  }

  private bit(e: Entry, i: number): number {
    return (e.key[4 + (i >> 3)]! >> (7 - (i & 7))) & 1;
  }

  private order(): Entry[] {
    if (this.sorted) return this.sorted;
    this.sorted = [...this.entries.values()].sort((a, b) => {
      const n = Math.min(a.prefixLen, b.prefixLen);
      for (let i = 0; i < n; i++) {
        const d = this.bit(a, i) - this.bit(b, i);
        if (d !== 0) return d;
      }
      return b.prefixLen - a.prefixLen; // post-order: the contained (longer) prefix first
    });
    return this.sorted;
  }

  getNextKey(key?: Uint8Array): Uint8Array | undefined {
    const order = this.order();
    if (order.length === 0) return undefined;
    if (key === undefined) return order[0]!.key.slice();
    this.check(key);
    const len = LpmTrieMap.prefixLen(key);
    const cur = len > this.maxPrefix ? undefined : this.entries.get(this.id(key, len));
    if (!cur) return order[0]!.key.slice();
    const next = order[order.indexOf(cur) + 1];
    return next?.key.slice();
  }

  /** The syscall's BPF_MAP_LOOKUP_ELEM on a trie is the same longest-prefix match. */
  lookupAllCpus(key: Uint8Array): Uint8Array[] | undefined {
    const v = this.lookup(key);
    return v ? [v] : undefined;
  }

  updateAllCpus(key: Uint8Array, values: readonly Uint8Array[] | Uint8Array, flags: MapFlagsArg = 0): number {
    const v = values instanceof Uint8Array ? values : values[0];
    if (!v) throw new RangeError("no value");
    return this.update(key, v, flags);
  }

  clear(): void {
    this.entries.clear();
    this.sorted = undefined;
  }

  *keys(): IterableIterator<Uint8Array> {
    for (const e of this.order()) yield e.key;
  }
}
