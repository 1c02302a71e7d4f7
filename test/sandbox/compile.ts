import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCollectionSpec, type CollectionSpec } from "../../runtime/object/index.js";
import { clangBpf, requireTool, scratchDir } from "../support/tools.js";

export const CLANG = requireTool("clang", "tests that compile examples/c/*.bpf.c");

function load(object: string): CollectionSpec {
  const spec = loadCollectionSpec(readFileSync(object), { file: object });
  if (!spec.ok) throw new Error(spec.diagnostics.map((d) => d.message).join("\n"));
  return spec.value;
}

/** Compiles examples/c/<name>.bpf.c with clang and reads the object. */
export function compileExample(name: string): CollectionSpec {
  return load(clangBpf(join(import.meta.dirname, "../../examples/c", `${name}.bpf.c`)));
}

/** Compiles a C source given inline (for helper tests that need clang-built code). */
export function compileSource(name: string, source: string): CollectionSpec {
  const src = join(scratchDir(), `${name}.bpf.c`);
  writeFileSync(src, source);
  return load(clangBpf(src));
}
