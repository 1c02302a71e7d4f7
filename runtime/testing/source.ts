import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { int, opaque } from "../layout/build.js";
import type { IntSize, Layout } from "../layout/types.js";
import type { HistScale } from "../maps/hist-format.js";
import { loadCollectionSpec } from "../object/load.js";
import type { CollectionSpec, MapSpec } from "../object/spec.js";
import { btfLayout, btfLayoutByName, parseObjectBtf } from "./btf-layout.js";
import { TestingCode } from "./codes.js";
import {
  cachedCompile,
  recallCompiled,
  rememberCompiled,
  type CompiledProbe,
  type CompileFn,
} from "./compile-cache.js";
import { localFiles, readCompiled, writeCompiled } from "./disk-cache.js";
import type { MapInfo } from "./map-info.js";
import { isEventMap } from "./map-kinds.js";

/** A probe ready to load into a backend: its spec and how to read each map. */
export interface ProbeSource {
  /** Absolute path of the source or object. */
  readonly file: string;
  readonly kind: "typescript" | "object";
  readonly spec: CollectionSpec;
  readonly maps: Readonly<Record<string, MapInfo>>;
}

export interface SourceOptions {
  /**
   * Record types of ring buffers and perf event arrays in C objects (clang leaves them out of
   * BTF): a Layout, or the name of a struct in the object's BTF.
   */
  readonly records?: Readonly<Record<string, Layout | string>>;
  /** Maps of a C object to read and print as histograms (bucket index → u64 count). */
  readonly histograms?: Readonly<Record<string, HistScale | "log2">>;
  /** The TypeScript compiler (default: tsbpf's, imported on first use). */
  readonly compile?: CompileFn;
}

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];

export function sourcePath(source: string | URL): string {
  return source instanceof URL || source.startsWith("file:") ? fileURLToPath(source) : resolve(source);
}

/**
 * The compiler, loaded lazily: the runtime's only edge to it, and objects (and probes found in
 * the disk cache) never pay for ts-morph. A probe that is one file compiles with `compileSource`
 * in the compiler's shared project, where the stdlib and lib declarations are parsed once per
 * process rather than per probe; one importing local modules gets a fresh project, since the
 * shared one keeps modules it read and would not see them change.
 */
async function defaultCompile(): Promise<CompileFn> {
  const { compile, compileSource } = await import("../../compiler/index.js");
  return (file) => {
    const text = readFileSync(file);
    return localFiles(file, text)?.length === 1
      ? compileSource(new TextDecoder().decode(text), file)
      : compile(file);
  };
}

/** A probe compiled by tsbpf's compiler: this process's cache, then the disk's, then the compiler. */
async function compileWithDefault(file: string, bytes: Uint8Array): Promise<Result<CompiledProbe>> {
  const known = recallCompiled(file, bytes);
  if (known) return known;
  const stored = readCompiled(file, bytes);
  if (stored) return rememberCompiled(file, bytes, ok(stored));
  const r = cachedCompile(file, bytes, await defaultCompile());
  if (r.ok) writeCompiled(file, bytes, r.value);
  return r;
}

/** Reads a `.ts` program (compiling it, cached by content) or a BPF ELF object. */
export async function readProbeSource(
  source: string | URL,
  options: SourceOptions = {},
): Promise<Result<ProbeSource>> {
  const file = sourcePath(source);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fail(
      error(TestingCode.SOURCE, `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  const isElf = ELF_MAGIC.every((b, i) => bytes[i] === b);
  if (isElf) return objectSource(file, bytes, options);
  if (!/\.(m|c)?tsx?$/.test(file))
    return fail(
      error(TestingCode.SOURCE, `${file} is neither a TypeScript program nor a BPF ELF object`, {
        hint: "load a probe.ts or a clang-built probe.bpf.o",
      }),
    );
  const compiled = options.compile
    ? cachedCompile(file, bytes, options.compile)
    : await compileWithDefault(file, bytes);
  if (!compiled.ok) return compiled;
  const maps: Record<string, MapInfo> = {};
  for (const m of compiled.value.spec.maps) {
    const l = compiled.value.layouts.maps[m.name];
    maps[m.name] = {
      name: m.name,
      ...(l?.key ? { key: l.key } : {}),
      ...(l?.value ? { value: l.value } : {}),
      ...(l?.histogram ? { histogram: l.histogram } : {}),
    };
  }
  return ok({ file, kind: "typescript", spec: compiled.value.spec, maps });
}

/** An integer layout for a key or value of `size` bytes when nothing better is known. */
function fallbackLayout(size: number): Layout {
  return size === 1 || size === 2 || size === 4 || size === 8 ? int(size as IntSize, false) : opaque(size);
}

function objectSource(file: string, bytes: Uint8Array, options: SourceOptions): Result<ProbeSource> {
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
