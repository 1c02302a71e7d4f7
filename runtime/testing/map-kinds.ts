import type { MapSpec } from "../object/spec.js";
import { MapType } from "../uapi/bpf.js";

/** Maps whose elements a test reads by key (`probe.maps.NAME`). */
const KEYED: ReadonlySet<number> = new Set([
  MapType.HASH,
  MapType.ARRAY,
  MapType.PERCPU_HASH,
  MapType.PERCPU_ARRAY,
  MapType.STACK_TRACE,
  MapType.LRU_HASH,
  MapType.LRU_PERCPU_HASH,
  MapType.LPM_TRIE,
]);

/** Maps that carry records to userspace (`probe.events.NAME`). */
const STREAMS: ReadonlySet<number> = new Set([MapType.RINGBUF, MapType.PERF_EVENT_ARRAY]);

export function isKeyedMap(m: MapSpec): boolean {
  return KEYED.has(m.type) && m.keySize > 0;
}

export function isEventMap(m: MapSpec): boolean {
  return STREAMS.has(m.type);
}
