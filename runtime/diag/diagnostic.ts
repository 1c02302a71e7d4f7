/**
 * The one diagnostic type of tsbpf. The compiler (TSB1xxx–TSB3xxx), the verifier (TSB4xxx) and the
 * tools that read programs — decoder, assembler, ELF reader, VM loader (TSB0xxx) — all report
 * through it, so the CLI prints every kind of error the same way.
 */
export type Severity = "error" | "warning" | "note";

/** A position in a text file. Lines and columns are 1-based, as editors show them. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** 1-based end position when the problem spans a range. */
  readonly endLine?: number;
  readonly endColumn?: number;
}

export interface Diagnostic {
  /** Stable code such as "TSB0101"; tests and docs refer to it. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where in a text source (TypeScript, assembler) the problem is. */
  readonly location?: SourceLocation;
  /** Byte offset in a binary input (bytecode, ELF), when that is what locates it. */
  readonly byteOffset?: number;
  /** What to do instead, in words. */
  readonly hint?: string;
}

export function error(
  code: string,
  message: string,
  where: { location?: SourceLocation; byteOffset?: number; hint?: string } = {},
): Diagnostic {
  return { code, severity: "error", message, ...where };
}

/** A computation that either produced a value or was refused with diagnostics. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings?: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(...diagnostics: Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}

/**
 * Thrown only to carry diagnostics across an API that returns plain values (e.g. the test harness
 * `load()`); everything inside tsbpf passes `Result`s. The CLI turns it back into printed diagnostics.
 */
export class DiagnosticError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnosticLine).join("\n"));
    this.name = "DiagnosticError";
    this.diagnostics = diagnostics;
  }
}

/** Unwraps a result or throws its diagnostics as a DiagnosticError. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new DiagnosticError(result.diagnostics);
}

/** `file:line:col: error TSBnnnn: message`, the compiler-style one-line form. */
export function formatDiagnosticLine(d: Diagnostic): string {
  let where = "";
  if (d.location) where = `${d.location.file}:${d.location.line}:${d.location.column}: `;
  else if (d.byteOffset !== undefined) where = `offset 0x${d.byteOffset.toString(16)}: `;
  return `${where}${d.severity} ${d.code}: ${d.message}`;
}
