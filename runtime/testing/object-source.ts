import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { int, opaque } from "../layout/build.js";
import type { IntSize, Layout } from "../layout/types.js";
import type { HistScale } from "../maps/hist-format.js";
import { loadCollectionSpec } from "../object/load.js";
import type { MapSpec } from "../object/spec.js";
import { btfLayout, btfLayoutByName, parseObjectBtf } from "./btf-layout.js";
import { TestingCode } from "./codes.js";
import type { MapInfo } from "./map-info.js";
import { isEventMap } from "./map-kinds.js";
import type { ProbeSource, SourceOptions } from "./source.js";

/** An integer layout for a key or value of `size` bytes when nothing better is known. */
function fallbackLayout(size: number): Layout {
  return size === 1 || size === 2 || size === 4 || size === 8 ? int(size as IntSize, false) : opaque(size);
}

/**
 * A clang-built (or tsbpf-built) BPF ELF object as a probe: its spec, and map layouts from its BTF,
 * the `records` and `histograms` options filling in what BTF leaves out. Kept apart from
 * source.ts so that loading a TypeScript probe never imports the ELF and BTF readers.
 */
export function objectSource(file: string, bytes: Uint8Array, options: SourceOptions): Result<ProbeSource> {
  const spec = loadCollectionSpec(bytes, { file });
  if (!spec.ok) return spec;
  const btf = parseObjectBtf(spec.value.btf);
  const diagnostics: Diagnostic[] = [];
  const layoutOf = (m: MapSpec, id: number | undefined, size: number): Layout | undefined => {
    if (size === 0) return undefined;
    if (btf && id) {
      const l = btfLayout(btf, id);
      if (l.ok) return l.value;
      diagnostics.push(...l.diagnostics.map((d) => ({ ...d, message: `map ${m.name}: ${d.message}` })));
      return undefined;
    }
    return fallbackLayout(size);
  };
  const maps: Record<string, MapInfo> = {};
  for (const m of spec.value.maps) {
    let value = layoutOf(m, m.valueType, m.valueSize);
    const wanted = options.records?.[m.name];
    if (wanted !== undefined) {
      if (!isEventMap(m))
        diagnostics.push(
          error(TestingCode.MAP, `records: ${m.name} is not a ring buffer or perf event array`),
        );
      else if (typeof wanted === "string") {
        const l = btf
          ? btfLayoutByName(btf, wanted)
          : fail<Layout>(error(TestingCode.BTF_LAYOUT, `records: ${file} has no BTF to find ${wanted} in`));
        if (l.ok) value = l.value;
        else diagnostics.push(...l.diagnostics);
      } else value = wanted;
    } else if (isEventMap(m)) value = undefined; // perf arrays hold fds; ring buffers have no value type
    const h = options.histograms?.[m.name];
    const histogram: HistScale | undefined = h === "log2" ? { kind: "log2" } : h;
    const key = layoutOf(m, m.keyType, m.keySize);
    maps[m.name] = {
      name: m.name,
      ...(key ? { key } : {}),
      ...(value ? { value } : {}),
      ...(histogram ? { histogram } : {}),
    };
  }
  for (const name of [...Object.keys(options.records ?? {}), ...Object.keys(options.histograms ?? {})]) {
    if (!maps[name]) diagnostics.push(error(TestingCode.MAP, `${file} has no map named ${name}`));
  }
  if (diagnostics.length) return fail(...diagnostics);
  return ok({ file, kind: "object", spec: spec.value, maps });
}
