import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { compile, type CompileOutput } from "../../compiler/index.js";
import { writeObject } from "../../compiler/emit/index.js";
import type { Result } from "../../runtime/diag/diagnostic.js";
import { scratchDir } from "../support/tools.js";

/** Runs a tool; returns its exit status and output (never throws). */
export function run(
  tool: string,
  args: readonly string[],
): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(tool, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  return {
    status: r.status ?? -1,
    stdout: r.stdout ?? "",
    stderr: (r.stderr ?? "") + (r.error ? String(r.error) : ""),
  };
}

const FIXTURES = join(import.meta.dirname, "fixtures");

const compiled = new Map<string, Result<CompileOutput>>();

/** Compiles a program once per test process. */
export function compiledOnce(path: string): Result<CompileOutput> {
  let r = compiled.get(path);
  if (!r) {
    r = compile(path);
    compiled.set(path, r);
  }
  return r;
}

/** Writes `bytes` to a fresh file in the test's scratch folder. */
export function scratchFile(name: string, bytes: Uint8Array): string {
  const path = join(scratchDir(), name);
  writeFileSync(path, bytes);
  return path;
}

/** Compiles and writes a program's object; undefined (with the reason) when it does not compile. */
export function objectOf(
  path: string,
  options: { debug?: boolean } = {},
): { bytes: Uint8Array; output: CompileOutput } | { skip: string } {
  const c = compiledOnce(path);
  if (!c.ok) {
    const why = c.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ");
    // This folder's fixtures must compile; samples and examples belong to the compiler's work in progress.
    if (path.startsWith(FIXTURES)) throw new Error(`${path} does not compile: ${why}`);
    return { skip: `does not compile yet: ${why}` };
  }
  const w = writeObject(c.value, options);
  if (!w.ok) throw new Error(w.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return { bytes: w.value, output: c.value };
}
