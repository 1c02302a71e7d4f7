import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCollectionSpec, type CollectionSpec } from "../../runtime/object/index.js";

function hasClang(): boolean {
  try {
    execFileSync("clang", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const CLANG = hasClang();
if (!CLANG) console.log("clang not found: skipping tests that compile examples/c/*.bpf.c");

const dir = CLANG ? mkdtempSync(join(tmpdir(), "tsbpf-sandbox-")) : "";

/** Compiles examples/c/<name>.bpf.c with clang as the examples' README says, and reads the object. */
export function compileExample(name: string): CollectionSpec {
  const out = join(dir, `${name}.o`);
  const src = join(import.meta.dirname, "../../examples/c", `${name}.bpf.c`);
  execFileSync("clang", [
    "-O2",
    "-g",
    "-target",
    "bpf",
    "-mcpu=v3",
    "-I/usr/include/x86_64-linux-gnu",
    "-c",
    src,
    "-o",
    out,
  ]);
  const spec = loadCollectionSpec(readFileSync(out), { file: out });
  if (!spec.ok) throw new Error(spec.diagnostics.map((d) => d.message).join("\n"));
  return spec.value;
}

/** Compiles a C source given inline (for helper tests that need clang-built code). */
export function compileSource(name: string, source: string): CollectionSpec {
  const src = join(dir, `${name}.bpf.c`);
  const out = join(dir, `${name}.o`);
  execFileSync("sh", ["-c", `cat > '${src}'`], { input: source });
  execFileSync("clang", [
    "-O2",
    "-g",
    "-target",
    "bpf",
    "-mcpu=v3",
    "-I/usr/include/x86_64-linux-gnu",
    "-c",
    src,
    "-o",
    out,
  ]);
  const spec = loadCollectionSpec(readFileSync(out), { file: out });
  if (!spec.ok) throw new Error(spec.diagnostics.map((d) => d.message).join("\n"));
  return spec.value;
}
