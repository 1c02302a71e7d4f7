/** Map update flags as the VM passes them (r4 of bpf_map_update_elem is a u64). */
export type MapFlagsArg = number | bigint;

/**
 * An in-process eBPF map with the kernel's semantics, keyed by raw bytes. Every map type
 * implements this; operations a type does not have answer as the kernel does (e.g. `delete` on an
 * array is -EINVAL, `lookup` on a ring buffer is undefined).
 *
 * Calls mirror the helpers a BPF program makes (`cpu` = the CPU the program runs on, default 0);
 * `lookupAllCpus` / `updateAllCpus` mirror the bpf(2) syscall's view of per-CPU maps.
 * Keys and values shorter than keySize / valueSize are caller bugs and throw a RangeError; extra
 * bytes are ignored (only the first keySize / valueSize bytes are read).
 */
export interface BpfMap {
  readonly name: string;
  /** MapType.* */
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  /** As the kernel reports it after creation (LRU with BPF_F_NO_COMMON_LRU rounds to CPUs). */
  readonly maxEntries: number;
  readonly flags: number;
  /** CPUs of the map set this map belongs to. */
  readonly cpus: number;
  /** True for per-CPU maps: one value per CPU. */
  readonly perCpu: boolean;
  /** Number of elements present (arrays: maxEntries). */
  readonly count: number;

  /**
   * bpf_map_lookup_elem: a LIVE view into the map's storage (writes through it are seen by later
   * lookups, as through a program's map value pointer), or undefined. Per-CPU maps return `cpu`'s
   * value (bpf_map_lookup_percpu_elem with a CPU out of range → undefined).
   */
  lookup(key: Uint8Array, cpu?: number): Uint8Array | undefined;
  /** bpf_map_update_elem: 0 or -errno. Per-CPU maps update `cpu`'s value (new elements zero the others). */
  update(key: Uint8Array, value: Uint8Array, flags?: MapFlagsArg, cpu?: number): number;
  /** bpf_map_delete_elem: 0 or -errno. */
  delete(key: Uint8Array): number;
  /**
   * BPF_MAP_GET_NEXT_KEY: the key after `key` in the map's order, the first key when `key` is
   * undefined (and, for hash maps, when `key` is absent), undefined at the end (-ENOENT) or when
   * the map type has no keys. Returns a copy.
   */
  getNextKey(key?: Uint8Array): Uint8Array | undefined;
  /**
   * BPF_MAP_LOOKUP_ELEM from userspace: live views, one per CPU for per-CPU maps (one otherwise).
   * Does not count as a use for LRU eviction, as the kernel's syscall path does not.
   */
  lookupAllCpus(key: Uint8Array): Uint8Array[] | undefined;
  /**
   * BPF_MAP_UPDATE_ELEM from userspace: per-CPU maps take one value per CPU (or the syscall's one
   * buffer of cpus × round_up(valueSize, 8) bytes); other maps take one value.
   */
  updateAllCpus(key: Uint8Array, values: readonly Uint8Array[] | Uint8Array, flags?: MapFlagsArg): number;
  /** Removes every element (arrays: zeroes every value, since their elements cannot be deleted). */
  clear(): void;
  /** Keys in getNextKey order, as live views that are valid until the map changes. */
  keys(): IterableIterator<Uint8Array>;
}

export interface MapOptions {
  /** CPUs for per-CPU maps, per-CPU LRU lists and perf event arrays (default 1). */
  readonly cpus?: number;
  /**
   * Resolves a program array's initial slots (MapSpec.initialValues symbols) and `update` values
   * (program ids) to program references for tail calls.
   */
  readonly resolveProgram?: (ref: string | number) => unknown;
}
