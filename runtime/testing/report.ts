import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  DiagnosticError,
  error,
  formatDiagnosticLine,
  type Diagnostic,
  type SourceLocation,
} from "../diag/diagnostic.js";
import { formatFault, type VmFault } from "../vm/fault.js";
import { TestingCode } from "./codes.js";

type CodeFrameColumns = typeof import("@babel/code-frame").codeFrameColumns;
let frameColumns: CodeFrameColumns | undefined;

/**
 * @babel/code-frame (with the identifier tables it loads, ~7 ms) only when a diagnostic has a
 * frame to print: a session that succeeds never needs it (launch time, issue #9). It is CommonJS,
 * so requiring it keeps this function synchronous.
 */
function codeFrameColumns(...args: Parameters<CodeFrameColumns>): string {
  frameColumns ??= (createRequire(import.meta.url)("@babel/code-frame") as typeof import("@babel/code-frame"))
    .codeFrameColumns;
  return frameColumns(...args);
}

/**
 * Failures as a person reads them: the one-line diagnostic, then the source lines around the
 * program line that failed (TypeScript for tsbpf programs, C for clang objects built with -g),
 * then the hint. Errors carry the source position as their top stack frame, so vitest's own
 * code frame points at the probe's line too.
 */

const sourceCache = new Map<string, string | null>();

function sourceText(file: string): string | undefined {
  let text = sourceCache.get(file);
  if (text === undefined) {
    try {
      text = readFileSync(file, "utf8");
    } catch {
      text = null;
    }
    sourceCache.set(file, text);
  }
  return text ?? undefined;
}

/** The lines around `loc` with a caret under its column, or undefined when the file is unreadable. */
export function codeFrame(loc: SourceLocation): string | undefined {
  const text = sourceText(loc.file);
  if (text === undefined) return undefined;
  const end =
    loc.endLine !== undefined ? { line: loc.endLine, column: loc.endColumn ?? loc.column } : undefined;
  return codeFrameColumns(
    text,
    { start: { line: loc.line, column: loc.column }, ...(end ? { end } : {}) },
    { highlightCode: false, linesAbove: 2, linesBelow: 1 },
  );
}

/** A diagnostic with its code frame and hint. */
export function formatDiagnostic(d: Diagnostic): string {
  const lines = [formatDiagnosticLine(d)];
  const frame = d.location ? codeFrame(d.location) : undefined;
  if (frame) lines.push(frame);
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join("\n");
}

/** A VM fault with the failing source line's code frame. */
export function formatFaultReport(f: VmFault): string {
  const lines = [formatFault(f)];
  if (f.location) {
    const frame = codeFrame(f.location);
    if (frame) {
      // formatFault already quoted the source line; the frame shows it in context instead
      lines[0] = formatFault({ ...f, sourceLine: undefined } as VmFault);
      lines.push(frame);
    }
  }
  return lines.join("\n");
}

/** Puts `loc` on top of the error's stack, where vitest looks for the line to show. */
function pointStackAt(e: Error, loc: SourceLocation | undefined, fn: string): void {
  if (!loc || !e.stack) return;
  const nl = e.stack.indexOf("\n    at ");
  const frames = nl >= 0 ? e.stack.slice(nl) : "";
  e.stack = `${e.name}: ${e.message}\n    at ${fn} (${loc.file}:${loc.line}:${loc.column})${frames}`;
}

/** A program stopped with a VM fault where the test expected it to finish. */
export class ProbeFaultError extends DiagnosticError {
  readonly fault: VmFault;
  constructor(fault: VmFault) {
    const d = error(TestingCode.FAULT, fault.message, fault.location ? { location: fault.location } : {});
    super([d]);
    this.name = "ProbeFaultError";
    this.fault = fault;
    this.message = `${fault.program} faulted: ${formatFaultReport(fault)}\n  (pass { allowFault: true } to run() to get the fault as r.fault instead)`;
    pointStackAt(this, fault.location, fault.program);
  }
}

/** load() refused the source: compile errors, a verifier rejection, an unreadable object. */
export class ProbeLoadError extends DiagnosticError {
  constructor(what: string, diagnostics: readonly Diagnostic[]) {
    super(diagnostics);
    this.name = "ProbeLoadError";
    this.message = `${what}\n${diagnostics.map(formatDiagnostic).join("\n")}`;
    pointStackAt(this, diagnostics.find((d) => d.location)?.location, "load");
  }
}
