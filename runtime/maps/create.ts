import { error, fail, ok, type Result } from "../diag/diagnostic.js";
import { LayoutCode } from "../layout/codes.js";
import type { MapSpec } from "../object/spec.js";
import { Errno, MapType } from "../uapi/bpf.js";
import { ArrayMap } from "./array-map.js";
import { BloomFilterMap } from "./bloom-filter-map.js";
import { checkMapSpec } from "./check.js";
import { HashMap } from "./hash-map.js";
import { LpmTrieMap } from "./lpm-trie-map.js";
import { LruHashMap } from "./lru-hash-map.js";
import { PerfEventArrayMap } from "./perf-event-array.js";
import { ProgArrayMap } from "./prog-array.js";
import { QueueStackMap } from "./queue-stack-map.js";
import { RingBufMap } from "./ringbuf-map.js";
import { StackTraceMap } from "./stack-trace-map.js";
import type { BpfMap, MapOptions } from "./types.js";

/** In-process maps keep their storage in one ArrayBuffer each; beyond this, refuse like -ENOMEM. */
const MAX_BYTES = 2 ** 32;

const errnoName = (errno: number): string =>
  Object.entries(Errno).find(([, v]) => v === -errno)?.[0] ?? String(-errno);

/**
 * Creates an in-process map from a spec (as the ELF reader or the compiler produced it), or says
 * why the kernel's BPF_MAP_CREATE would refuse it (TSB0751, naming the errno) or why tsbpf cannot
 * hold it in process (TSB0750).
 */
export function createMap(spec: MapSpec, options: MapOptions = {}): Result<BpfMap> {
  const cpus = options.cpus ?? 1;
  if (!Number.isInteger(cpus) || cpus < 1)
    throw new RangeError(`cpus must be a positive integer, got ${cpus}`);
  const refusal = checkMapSpec(spec);
  if (refusal) {
    const unsupported =
      refusal.errno === -Errno.EINVAL && refusal.reason.includes("not supported in process");
    return fail(
      error(
        unsupported ? LayoutCode.MAP_UNSUPPORTED : LayoutCode.MAP_INVALID,
        `map '${spec.name}': ${refusal.reason} (the kernel's BPF_MAP_CREATE fails with -${errnoName(refusal.errno)})`,
      ),
    );
  }
  const perCpu =
    spec.type === MapType.PERCPU_HASH ||
    spec.type === MapType.PERCPU_ARRAY ||
    spec.type === MapType.LRU_PERCPU_HASH;
  const bytes = spec.maxEntries * (spec.keySize + ((spec.valueSize + 7) & ~7) * (perCpu ? cpus : 1));
  if (bytes > MAX_BYTES) {
    return fail(
      error(
        LayoutCode.MAP_UNSUPPORTED,
        `map '${spec.name}': ${bytes} bytes of storage is too large to hold in process`,
      ),
    );
  }
  if (spec.type === MapType.PROG_ARRAY && options.resolveProgram) {
    const missing = (spec.initialValues ?? []).filter(
      (v) => options.resolveProgram?.(v.symbol) === undefined,
    );
    if (missing.length > 0) {
      return fail(
        ...missing.map((v) =>
          error(
            LayoutCode.MAP_INVALID,
            `map '${spec.name}': slot ${v.key} names program '${v.symbol}', which does not exist`,
          ),
        ),
      );
    }
  }
  return ok(instantiate(spec, cpus, options));
}

function instantiate(spec: MapSpec, cpus: number, options: MapOptions): BpfMap {
  switch (spec.type) {
    case MapType.HASH:
    case MapType.PERCPU_HASH:
      return new HashMap(spec, cpus);
    case MapType.LRU_HASH:
    case MapType.LRU_PERCPU_HASH:
      return new LruHashMap(spec, cpus);
    case MapType.ARRAY:
    case MapType.PERCPU_ARRAY:
      return new ArrayMap(spec, cpus);
    case MapType.QUEUE:
    case MapType.STACK:
      return new QueueStackMap(spec, cpus);
    case MapType.RINGBUF:
      return new RingBufMap(spec, cpus);
    case MapType.PERF_EVENT_ARRAY:
      return new PerfEventArrayMap(spec, cpus);
    case MapType.PROG_ARRAY: {
      const map = new ProgArrayMap(spec, cpus, options.resolveProgram);
      for (const { key, symbol } of spec.initialValues ?? []) {
        const program = options.resolveProgram?.(symbol);
        if (program !== undefined) map.setProgram(key, program);
      }
      return map;
    }
    case MapType.STACK_TRACE:
      return new StackTraceMap(spec, cpus);
    case MapType.LPM_TRIE:
      return new LpmTrieMap(spec, cpus);
    case MapType.BLOOM_FILTER:
      return new BloomFilterMap(spec, cpus);
    default:
      throw new Error(`createMap: checkMapSpec accepted unsupported type ${spec.type}`);
  }
}

/** Creates every map of a collection with one CPU count; all problems are reported together. */
export function createMaps(
  specs: readonly MapSpec[],
  options: MapOptions = {},
): Result<ReadonlyMap<string, BpfMap>> {
  const maps = new Map<string, BpfMap>();
  const diags = [];
  for (const spec of specs) {
    const r = createMap(spec, options);
    if (r.ok) maps.set(spec.name, r.value);
    else diags.push(...r.diagnostics);
  }
  return diags.length ? fail(...diags) : ok(maps);
}
