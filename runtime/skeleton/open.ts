import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { error, fail, ok, type Result } from "../diag/diagnostic.js";
import { loadCollection, type KernelCollection } from "../kernel/collection.js";
import { possibleCpus } from "../kernel/cpus.js";
import type { KernelProgram } from "../kernel/kernel-program.js";
import { decode } from "../layout/decode.js";
import type { Layout, LayoutValue } from "../layout/types.js";
import { typedMap, type TypedMap } from "../maps/typed-map.js";
import { loadCollectionSpec } from "../object/index.js";
import { KernelMapView } from "../kernel/map-view.js";
import { KernelRingbufReader } from "../kernel/ringbuf-reader.js";
import { sizePerfArrays } from "../object/perf-arrays.js";
import { MapType } from "../uapi/bpf.js";

/** Skeleton diagnostics (TSB0601–TSB0620). */
export const SkeletonCode = { OBJECT: "TSB0601", LOAD: "TSB0602", LAYOUT: "TSB0603" } as const;

/** What a generated `probe.skel.ts` embeds: each map's key/value (or record) layout. */
export interface SkeletonLayouts {
  readonly maps: Readonly<Record<string, { readonly key?: Layout; readonly value?: Layout }>>;
}

/** Records of a ring buffer, decoded with the layout the source declared. */
export interface SkeletonEvents<T> {
  /** Takes every record submitted so far, oldest first. */
  drain(): T[];
}

export interface OpenedSkeleton {
  readonly maps: Readonly<Record<string, TypedMap<unknown, unknown>>>;
  readonly events: Readonly<Record<string, SkeletonEvents<unknown>>>;
  readonly programs: Readonly<Record<string, KernelProgram>>;
  /** The underlying live collection (maps and programs by name, global data). */
  readonly collection: KernelCollection;
  /** Detaches and releases every program, map and link of the object. */
  close(): void;
}

function objectBytes(object: string | URL | Uint8Array): Result<Uint8Array> {
  if (object instanceof Uint8Array) return ok(object);
  const path = object instanceof URL ? fileURLToPath(object) : object;
  try {
    return ok(new Uint8Array(readFileSync(path)));
  } catch (e) {
    return fail(error(SkeletonCode.OBJECT, `cannot read ${path}: ${(e as Error).message}`));
  }
}

/**
 * Loads an object built by `tsbpf build` into the kernel (through runtime/kernel's loader) and
 * wraps its maps and ring buffers in typed accessors built from the layouts the generated
 * skeleton carries. Generated `*.skel.ts` files call this; it is usable directly too.
 */
export function openSkeleton(
  object: string | URL | Uint8Array,
  layouts: SkeletonLayouts,
): Result<OpenedSkeleton> {
  const bytes = objectBytes(object);
  if (!bytes.ok) return bytes;
  const spec = loadCollectionSpec(bytes.value);
  if (!spec.ok) return spec;
  const loaded = loadCollection(sizePerfArrays(spec.value, possibleCpus()));
  if (!loaded.ok) {
    const log = loaded.log?.trim().split("\n").slice(-20).join("\n");
    return fail(error(SkeletonCode.LOAD, loaded.message, log ? { hint: `verifier log (end):\n${log}` } : {}));
  }
  const collection = loaded.value;
  const maps: Record<string, TypedMap<unknown, unknown>> = {};
  const events: Record<string, SkeletonEvents<unknown>> = {};
  const readers: KernelRingbufReader[] = [];
  for (const m of spec.value.maps) {
    const kmap = collection.map(m.name);
    const layout = layouts.maps[m.name];
    if (!kmap || !layout) continue;
    if (m.type === MapType.RINGBUF) {
      const reader = KernelRingbufReader.open(kmap);
      if (!reader.ok) {
        collection.close();
        return fail(error(SkeletonCode.LOAD, `cannot map ring buffer ${m.name}: ${reader.message}`));
      }
      readers.push(reader.value);
      const record = layout.value;
      events[m.name] = {
        drain: (): unknown[] =>
          reader.value
            .consume()
            .map((bytes): LayoutValue | Uint8Array => (record ? decode(record, bytes) : bytes)),
      };
      continue;
    }
    if (!layout.key || !layout.value) continue;
    const typed = typedMap(new KernelMapView(kmap), layout.key, layout.value);
    if (!typed.ok) {
      collection.close();
      return fail(
        error(SkeletonCode.LAYOUT, `map ${m.name}: ${typed.diagnostics.map((d) => d.message).join("; ")}`),
      );
    }
    maps[m.name] = typed.value;
  }
  const programs: Record<string, KernelProgram> = {};
  for (const [name, program] of collection.programs) programs[name] = program;
  let closed = false;
  return ok({
    maps,
    events,
    programs,
    collection,
    close() {
      if (closed) return;
      closed = true;
      for (const r of readers) r.close();
      collection.close();
    },
  });
}
