import { assemble, type AsmDialect } from "../../runtime/asm/index.js";
import { formatDiagnosticLine, type Diagnostic } from "../../runtime/diag/diagnostic.js";
import { encodeProgram } from "../../runtime/isa/index.js";

/** Assembles and returns the bytecode as space-separated hex bytes, or throws the diagnostics. */
export function hexOf(source: string, dialect: AsmDialect): string {
  const r = assemble(source, { dialect, file: "t.s" });
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n"));
  return hex(encodeProgram(r.value));
}

export const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

/** The diagnostics of a source that must be refused. */
export function refusal(source: string, dialect: AsmDialect): readonly Diagnostic[] {
  const r = assemble(source, { dialect, file: "t.s" });
  if (r.ok) throw new Error(`assembled, expected a refusal: ${source}`);
  return r.diagnostics;
}
