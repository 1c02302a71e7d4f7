import type { MapSpec } from "../object/spec.js";
import { Errno, MapFlags, MapType } from "../uapi/bpf.js";

/** Why the kernel's BPF_MAP_CREATE would refuse a spec: the errno it returns and the rule. */
export interface MapRefusal {
  readonly errno: number;
  readonly reason: string;
}

const F = MapFlags;
const ACCESS_MASK = F.RDONLY | F.WRONLY | F.RDONLY_PROG | F.WRONLY_PROG;
const HTAB_CREATE_FLAG_MASK = F.NO_PREALLOC | F.NO_COMMON_LRU | F.NUMA_NODE | ACCESS_MASK | F.ZERO_SEED;
const ARRAY_CREATE_FLAG_MASK = F.NUMA_NODE | F.MMAPABLE | ACCESS_MASK | F.PRESERVE_ELEMS | F.INNER_MAP;
const QUEUE_STACK_CREATE_FLAG_MASK = F.NUMA_NODE | ACCESS_MASK;
const STACK_CREATE_FLAG_MASK = F.NUMA_NODE | F.RDONLY | F.WRONLY | F.STACK_BUILD_ID;
const LPM_CREATE_FLAG_MASK = F.NO_PREALLOC | F.NUMA_NODE | ACCESS_MASK;
const BLOOM_CREATE_FLAG_MASK = F.NUMA_NODE | F.ZERO_SEED | ACCESS_MASK;
/** KMALLOC_MAX_SIZE on x86_64 with SLUB: 1 << (MAX_PAGE_ORDER 10 + PAGE_SHIFT 12). */
const KMALLOC_MAX_SIZE = 1 << 22;
/** PCPU_MIN_UNIT_SIZE: the largest per-CPU value the kernel allocates. */
const PCPU_MIN_UNIT_SIZE = 32 << 10;
/** sizeof(struct htab_elem) on x86_64. */
const HTAB_ELEM_SIZE = 48;
/** Default sysctl kernel.perf_event_max_stack. */
export const PERF_EVENT_MAX_STACK = 127;
export const PAGE_SIZE = 4096;

const refuse = (errno: number, reason: string): MapRefusal => ({ errno: -errno, reason });

/** kernel: bpf_map_flags_access_ok */
function accessOk(flags: number): boolean {
  return !((flags & F.RDONLY && flags & F.WRONLY) || (flags & F.RDONLY_PROG && flags & F.WRONLY_PROG));
}

/**
 * The attribute checks of each map type's `map_alloc_check` / `map_alloc` in the kernel
 * (htab_map_alloc_check, array_map_alloc_check, fd_array_map_alloc_check,
 * queue_stack_map_alloc_check, ringbuf_map_alloc, stack_map_alloc, trie_alloc,
 * bloom_map_alloc). Undefined when the kernel would create the map.
 */
export function checkMapSpec(spec: MapSpec): MapRefusal | undefined {
  const { type, keySize, valueSize, maxEntries, flags } = spec;
  const T = MapType;
  switch (type) {
    case T.HASH:
    case T.PERCPU_HASH:
    case T.LRU_HASH:
    case T.LRU_PERCPU_HASH: {
      const lru = type === T.LRU_HASH || type === T.LRU_PERCPU_HASH;
      const percpu = type === T.PERCPU_HASH || type === T.LRU_PERCPU_HASH;
      if (flags & ~HTAB_CREATE_FLAG_MASK || !accessOk(flags))
        return refuse(Errno.EINVAL, "unknown or conflicting map_flags");
      if (!lru && flags & F.NO_COMMON_LRU)
        return refuse(Errno.EINVAL, "BPF_F_NO_COMMON_LRU is only for LRU maps");
      if (lru && flags & F.NO_PREALLOC) return refuse(Errno.ENOTSUPP, "LRU maps are always preallocated");
      if (maxEntries === 0 || keySize === 0 || valueSize === 0)
        return refuse(Errno.EINVAL, "max_entries, key_size and value_size must be non-zero");
      if (keySize + valueSize >= KMALLOC_MAX_SIZE - HTAB_ELEM_SIZE)
        return refuse(Errno.E2BIG, "key and value too large");
      if (percpu && roundUp8(valueSize) > PCPU_MIN_UNIT_SIZE)
        return refuse(Errno.E2BIG, "per-CPU value too large");
      return undefined;
    }
    case T.ARRAY:
    case T.PERCPU_ARRAY:
    case T.PROG_ARRAY:
    case T.PERF_EVENT_ARRAY: {
      const fd = type === T.PROG_ARRAY || type === T.PERF_EVENT_ARRAY;
      if (fd && valueSize !== 4) return refuse(Errno.EINVAL, "value_size of an fd array must be 4");
      if (fd && flags & F.MMAPABLE) return refuse(Errno.EINVAL, "fd arrays cannot be mmapable");
      if (maxEntries === 0 || keySize !== 4 || valueSize === 0)
        return refuse(Errno.EINVAL, "arrays need key_size 4 and non-zero max_entries and value_size");
      if (flags & ~ARRAY_CREATE_FLAG_MASK || !accessOk(flags))
        return refuse(Errno.EINVAL, "unknown or conflicting map_flags");
      if (type !== T.ARRAY && flags & (F.MMAPABLE | F.INNER_MAP))
        return refuse(Errno.EINVAL, "BPF_F_MMAPABLE and BPF_F_INNER_MAP are only for BPF_MAP_TYPE_ARRAY");
      if (type !== T.PERF_EVENT_ARRAY && flags & F.PRESERVE_ELEMS)
        return refuse(Errno.EINVAL, "BPF_F_PRESERVE_ELEMS is only for perf event arrays");
      if (valueSize > KMALLOC_MAX_SIZE) return refuse(Errno.E2BIG, "value too large");
      if (type === T.PERCPU_ARRAY && roundUp8(valueSize) > PCPU_MIN_UNIT_SIZE)
        return refuse(Errno.E2BIG, "per-CPU value too large");
      return undefined;
    }
    case T.QUEUE:
    case T.STACK:
      if (
        maxEntries === 0 ||
        keySize !== 0 ||
        valueSize === 0 ||
        flags & ~QUEUE_STACK_CREATE_FLAG_MASK ||
        !accessOk(flags)
      )
        return refuse(Errno.EINVAL, "queue/stack maps need key_size 0, non-zero value_size and max_entries");
      if (valueSize > KMALLOC_MAX_SIZE) return refuse(Errno.E2BIG, "value too large");
      return undefined;
    case T.RINGBUF:
      if (flags & ~F.NUMA_NODE) return refuse(Errno.EINVAL, "unknown map_flags");
      if (keySize !== 0 || valueSize !== 0)
        return refuse(Errno.EINVAL, "ring buffers need key_size and value_size 0");
      if (!isPow2(maxEntries) || maxEntries % PAGE_SIZE !== 0)
        return refuse(Errno.EINVAL, "ring buffer size must be a power of 2 and a multiple of the page size");
      return undefined;
    case T.STACK_TRACE: {
      if (flags & ~STACK_CREATE_FLAG_MASK) return refuse(Errno.EINVAL, "unknown map_flags");
      if (flags & F.STACK_BUILD_ID)
        return refuse(Errno.EINVAL, "build-id stack maps are not supported in process");
      if (maxEntries === 0 || keySize !== 4 || valueSize < 8 || valueSize % 8 !== 0)
        return refuse(
          Errno.EINVAL,
          "stack trace maps need key_size 4 and value_size a non-zero multiple of 8",
        );
      if (valueSize / 8 > PERF_EVENT_MAX_STACK)
        return refuse(Errno.EINVAL, "more frames than perf_event_max_stack");
      if (maxEntries > 2 ** 31) return refuse(Errno.E2BIG, "too many entries");
      return undefined;
    }
    case T.LPM_TRIE:
      if (maxEntries === 0 || !(flags & F.NO_PREALLOC) || flags & ~LPM_CREATE_FLAG_MASK || !accessOk(flags))
        return refuse(Errno.EINVAL, "LPM tries need BPF_F_NO_PREALLOC and non-zero max_entries");
      if (keySize < 5 || keySize > 4 + 256 || valueSize < 1 || valueSize > KMALLOC_MAX_SIZE - 64)
        return refuse(Errno.EINVAL, "LPM key is a u32 prefix length and 1–256 data bytes; value_size ≥ 1");
      return undefined;
    case T.BLOOM_FILTER:
      if (
        keySize !== 0 ||
        valueSize === 0 ||
        maxEntries === 0 ||
        flags & ~BLOOM_CREATE_FLAG_MASK ||
        !accessOk(flags)
      )
        return refuse(Errno.EINVAL, "bloom filters need key_size 0 and non-zero value_size and max_entries");
      return undefined;
    default:
      return refuse(Errno.EINVAL, `map type ${type} is not supported in process`);
  }
}

export function roundUp8(n: number): number {
  return (n + 7) & ~7;
}

/** Works beyond 2^31, unlike `n & (n - 1)`. */
export function isPow2(n: number): boolean {
  return Number.isInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/** roundup_pow_of_two */
export function roundUpPow2(n: number): number {
  return n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n));
}
