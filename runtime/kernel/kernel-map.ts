import { MapType, UpdateFlags } from "../uapi/bpf.js";
import { possibleCpus } from "./cpus.js";
import { type KernelResult, success } from "./errors.js";
import { type MapInfo, mapInfo } from "./info.js";
import {
  type MapCreateOptions,
  mapCreate,
  mapDelete,
  mapFreeze,
  mapGetNextKey,
  mapLookup,
  mapLookupAndDelete,
  mapUpdate,
} from "./map-commands.js";
import { objGet, objPin } from "./object-commands.js";
import { OwnedFd } from "./owned-fd.js";

const PER_CPU_TYPES: ReadonlySet<number> = new Set([
  MapType.PERCPU_HASH,
  MapType.PERCPU_ARRAY,
  MapType.LRU_PERCPU_HASH,
  MapType.PERCPU_CGROUP_STORAGE,
]);

/** Shape of a live map, as created or as BPF_OBJ_GET_INFO_BY_FD reports it. */
export interface KernelMapShape {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
}

/**
 * A map in the kernel, held by an fd (cilium/ebpf's Map). Keys and values are bytes in host order;
 * see codec.ts for integers. For per-CPU maps a value is `possibleCpus()` slots of
 * round_up(valueSize, 8) bytes, one per CPU, as the kernel copies them.
 */
export class KernelMap implements KernelMapShape {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  private readonly handle: OwnedFd;

  private constructor(fd: number, shape: KernelMapShape) {
    this.handle = new OwnedFd(fd);
    this.name = shape.name;
    this.type = shape.type;
    this.keySize = shape.keySize;
    this.valueSize = shape.valueSize;
    this.maxEntries = shape.maxEntries;
    this.flags = shape.flags;
  }

  /** BPF_MAP_CREATE. */
  static create(o: MapCreateOptions): KernelResult<KernelMap> {
    const fd = mapCreate(o);
    if (!fd.ok) return fd;
    return success(
      new KernelMap(fd.value, {
        name: o.name ?? "",
        type: o.type,
        keySize: o.keySize,
        valueSize: o.valueSize,
        maxEntries: o.maxEntries,
        flags: o.flags ?? 0,
      }),
    );
  }

  /** Takes ownership of an fd that refers to a map (its shape is read from the kernel). */
  static fromFd(fd: number): KernelResult<KernelMap> {
    const info = mapInfo(fd);
    if (!info.ok) return info;
    return success(new KernelMap(fd, info.value));
  }

  /** Opens a map pinned in bpffs (BPF_OBJ_GET). */
  static fromPin(path: string, flags = 0): KernelResult<KernelMap> {
    const fd = objGet(path, flags);
    if (!fd.ok) return fd;
    const map = KernelMap.fromFd(fd.value);
    if (!map.ok) {
      // Not a map (or no info): do not leak the fd we just got.
      new OwnedFd(fd.value).close();
    }
    return map;
  }

  get fd(): number {
    return this.handle.raw;
  }

  get closed(): boolean {
    return this.handle.closed;
  }

  get perCpu(): boolean {
    return PER_CPU_TYPES.has(this.type);
  }

  /** Bytes of one lookup result: valueSize, or the per-CPU block. */
  get valueBytes(): number {
    return this.perCpu ? Math.ceil(this.valueSize / 8) * 8 * possibleCpus() : this.valueSize;
  }

  /** The value for `key`, `undefined` when absent. Queue/stack: `key` undefined peeks. */
  lookup(key: Uint8Array | undefined, flags = 0): KernelResult<Uint8Array | undefined> {
    return mapLookup(this.handle.raw, key, this.valueBytes, flags);
  }

  update(key: Uint8Array, value: Uint8Array, flags: number = UpdateFlags.ANY): KernelResult<void> {
    return mapUpdate(this.handle.raw, key, value, flags);
  }

  delete(key: Uint8Array): KernelResult<void> {
    return mapDelete(this.handle.raw, key);
  }

  /** The key after `key` (the first key when undefined); `undefined` after the last. */
  nextKey(key?: Uint8Array): KernelResult<Uint8Array | undefined> {
    return mapGetNextKey(this.handle.raw, key, this.keySize);
  }

  /**
   * Every key, by BPF_MAP_GET_NEXT_KEY. A hash map changed concurrently may skip or repeat keys
   * (the kernel restarts from the first bucket when the current key disappears).
   */
  keys(): KernelResult<Uint8Array[]> {
    const out: Uint8Array[] = [];
    let key: Uint8Array | undefined;
    for (let guard = 0; guard <= this.maxEntries; guard++) {
      const next = this.nextKey(key);
      if (!next.ok) return next;
      if (next.value === undefined) return success(out);
      out.push(next.value);
      key = next.value;
    }
    return success(out);
  }

  /** Every (key, value) pair; keys deleted between the two calls are left out. */
  entries(): KernelResult<Array<[Uint8Array, Uint8Array]>> {
    const keys = this.keys();
    if (!keys.ok) return keys;
    const out: Array<[Uint8Array, Uint8Array]> = [];
    for (const k of keys.value) {
      const v = this.lookup(k);
      if (!v.ok) return v;
      if (v.value !== undefined) out.push([k, v.value]);
    }
    return success(out);
  }

  /** Queue/stack push (BPF_MAP_UPDATE_ELEM with no key; flags BPF_EXIST overwrites the oldest). */
  push(value: Uint8Array, flags: number = UpdateFlags.ANY): KernelResult<void> {
    return mapUpdate(this.handle.raw, undefined, value, flags);
  }

  /** Queue/stack pop (BPF_MAP_LOOKUP_AND_DELETE_ELEM with no key); `undefined` when empty. */
  pop(): KernelResult<Uint8Array | undefined> {
    return mapLookupAndDelete(this.handle.raw, undefined, this.valueBytes);
  }

  /** Hash map take-and-remove (BPF_MAP_LOOKUP_AND_DELETE_ELEM, kernel ≥ 5.14). */
  lookupAndDelete(key: Uint8Array): KernelResult<Uint8Array | undefined> {
    return mapLookupAndDelete(this.handle.raw, key, this.valueBytes);
  }

  /** BPF_MAP_FREEZE: user space can no longer write (programs still can unless RDONLY_PROG). */
  freeze(): KernelResult<void> {
    return mapFreeze(this.handle.raw);
  }

  pin(path: string): KernelResult<void> {
    return objPin(this.handle.raw, path);
  }

  info(): KernelResult<MapInfo> {
    return mapInfo(this.handle.raw);
  }

  close(): KernelResult<void> {
    return this.handle.close();
  }
}
