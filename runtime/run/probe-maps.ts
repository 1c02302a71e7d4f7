import type { BpfMap } from "../maps/types.js";
import { isEventMap, isKeyedMap } from "../testing/map-kinds.js";
import { ProbeMapView } from "../testing/probe-map.js";
import type { ProbeSource } from "../testing/source.js";
import type { Layout } from "../layout/types.js";
import type { PrintableMap } from "./map-print.js";

/** The maps a session prints (key/value maps and histograms), in declaration order. */
export function printableMaps(
  source: ProbeSource,
  raw: (name: string) => BpfMap | undefined,
): PrintableMap[] {
  const out: PrintableMap[] = [];
  for (const m of source.spec.maps) {
    if (!isKeyedMap(m)) continue;
    const info = source.maps[m.name] ?? { name: m.name };
    if (!info.key || !info.value) continue; // untyped maps of C objects without BTF: nothing to decode with
    const view = new ProbeMapView(info, () => {
      const map = raw(m.name);
      if (!map) throw new Error(`bug: no map ${m.name} in the session`);
      return map;
    });
    out.push({ name: m.name, view, ...(info.histogram ? { histogram: info.histogram } : {}) });
  }
  return out;
}

/** Ring buffers and perf event arrays with the record layout the source declared. */
export function eventMaps(source: ProbeSource): Array<{ name: string; type: number; layout?: Layout }> {
  return source.spec.maps.filter(isEventMap).map((m) => {
    const layout = source.maps[m.name]?.value;
    return { name: m.name, type: m.type, ...(layout ? { layout } : {}) };
  });
}
