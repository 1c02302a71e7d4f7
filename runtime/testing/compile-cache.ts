import { createHash } from "node:crypto";
import type { Result } from "../diag/diagnostic.js";
import type { Layout } from "../layout/types.js";
import type { HistScale } from "../maps/hist-format.js";
import type { CollectionSpec } from "../object/spec.js";

/** What load() needs from the compiler (compiler/index.ts `compile`'s output, structurally). */
export interface CompiledProbe {
  readonly spec: CollectionSpec;
  readonly layouts: {
    readonly maps: Readonly<
      Record<string, { readonly key?: Layout; readonly value?: Layout; readonly histogram?: HistScale }>
    >;
  };
}

export type CompileFn = (file: string) => Result<CompiledProbe>;

/**
 * Compiles a TypeScript probe once per content within the process: tests typically load the
 * same probe in every `beforeEach`, and the spec is inert data, so each load gets its own
 * sandbox (fresh maps) over the one compiled spec. Keyed by path and the entry file's bytes; a
 * change only in a module the entry imports is not seen until the process restarts.
 */
const cache = new Map<string, Result<CompiledProbe>>();

function keyOf(file: string, text: Uint8Array): string {
  return createHash("sha256").update(file).update("\0").update(text).digest("hex");
}

export function cachedCompile(file: string, text: Uint8Array, compile: CompileFn): Result<CompiledProbe> {
  const key = keyOf(file, text);
  let r = cache.get(key);
  if (!r) {
    r = compile(file);
    cache.set(key, r);
  }
  return r;
}

/** What this process already compiled for these bytes, if anything. */
export function recallCompiled(file: string, text: Uint8Array): Result<CompiledProbe> | undefined {
  return cache.get(keyOf(file, text));
}

/** Records a compile done elsewhere (read back from the disk cache). */
export function rememberCompiled(
  file: string,
  text: Uint8Array,
  r: Result<CompiledProbe>,
): Result<CompiledProbe> {
  cache.set(keyOf(file, text), r);
  return r;
}

/** Empties the cache (tests of the cache itself, watch mode tooling). */
export function clearCompileCache(): void {
  cache.clear();
}
