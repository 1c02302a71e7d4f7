import { join } from "node:path";
import { compile, type CompileOptions, type CompileOutput } from "../../compiler/index.js";
import { formatDiagnosticLine, unwrap } from "../../runtime/diag/diagnostic.js";
import { int, type Layout } from "../../runtime/layout/index.js";
import { createSandbox, type Sandbox, type SandboxOptions } from "../../runtime/sandbox/index.js";

/**
 * Shared by the example tests (examples/<name>/<name>.test.ts) and the compiler's own tests:
 * compile a TypeScript program and load it into the sandbox (runtime/sandbox) with kernel-semantics
 * maps and helpers, with the compiler's map layouts attached so `sandbox.typed(name)` works.
 */

export const ROOT = join(import.meta.dirname, "../..");

/** Compiles a program file; compile errors fail the test with every diagnostic. */
export function build(file: string, options: CompileOptions = {}): CompileOutput {
  const r = compile(file, options);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n"));
  return r.value;
}

/** examples/<name>/<name>.ts */
export function exampleFile(name: string): string {
  return join(ROOT, "examples", name, `${name}.ts`);
}

export function buildExample(name: string, options: CompileOptions = {}): CompileOutput {
  return build(exampleFile(name), options);
}

/** Key and value layouts of every keyed map (histograms: u32 bucket → u64 count). */
export function layoutsOf(out: CompileOutput): Record<string, { key: Layout; value: Layout }> {
  const layouts: Record<string, { key: Layout; value: Layout }> = {};
  for (const [name, m] of Object.entries(out.layouts.maps)) {
    if (m.key && m.value) layouts[name] = { key: m.key, value: m.value };
    else if (m.kind === "Histogram") layouts[name] = { key: int(4, false), value: int(8, false) };
  }
  return layouts;
}

/** The compiled collection in the sandbox, typed map views ready. */
export function sandboxOf(out: CompileOutput, options: SandboxOptions = {}): Sandbox {
  return unwrap(createSandbox(out.spec, { layouts: layoutsOf(out), ...options }));
}
