import type { CollectionSpec } from "./spec.js";
import { MapType } from "../uapi/bpf.js";

/**
 * libbpf sizes a perf event array declared without max_entries to the number of possible CPUs
 * at load (map_set_def_max_entries); the kernel refuses max_entries 0. tsbpf's `PerfEventArray`
 * leaves it 0, so both backends apply the same rule with their CPU count.
 */
export function sizePerfArrays(spec: CollectionSpec, cpus: number): CollectionSpec {
  if (!spec.maps.some((m) => m.type === MapType.PERF_EVENT_ARRAY && m.maxEntries === 0)) return spec;
  return {
    ...spec,
    maps: spec.maps.map((m) =>
      m.type === MapType.PERF_EVENT_ARRAY && m.maxEntries === 0 ? { ...m, maxEntries: cpus } : m,
    ),
  };
}
