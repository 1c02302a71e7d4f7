import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { error, fail, ok, type Result } from "../diag/diagnostic.js";
import type { Layout } from "../layout/types.js";
import type { HistScale } from "../maps/hist-format.js";
import type { CollectionSpec } from "../object/spec.js";
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
  // objects are read by their own module, imported on use: the ELF, BTF and object readers are
  // ~30 modules a TypeScript probe never needs (launch time of `tsbpf run`, issue #9)
  if (isElf) return (await import("./object-source.js")).objectSource(file, bytes, options);
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
