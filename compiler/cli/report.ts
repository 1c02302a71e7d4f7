import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { formatDiagnosticLine, type Diagnostic } from "../../runtime/diag/diagnostic.js";

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

/** Where CLI output goes; tests pass their own sinks. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : text + "\n"),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : text + "\n"),
};

/**
 * Prints diagnostics compiler-style: `file:line:col: error TSBnnnn: message`, then a code frame
 * when the file is readable text, then the hint.
 */
export function reportDiagnostics(
  io: Io,
  diagnostics: readonly Diagnostic[],
  sources = new Map<string, string>(),
): void {
  for (const d of diagnostics) {
    const lines = [formatDiagnosticLine(d)];
    const loc = d.location;
    if (loc) {
      let text = sources.get(loc.file);
      if (text === undefined) {
        try {
          text = readFileSync(loc.file, "latin1");
          sources.set(loc.file, text);
        } catch {
          text = undefined;
        }
      }
      if (text !== undefined) {
        const end =
          loc.endLine !== undefined ? { line: loc.endLine, column: loc.endColumn ?? loc.column } : undefined;
        lines.push(
          codeFrameColumns(
            text,
            { start: { line: loc.line, column: loc.column }, ...(end ? { end } : {}) },
            {
              highlightCode: false,
              linesAbove: 1,
              linesBelow: 1,
            },
          ),
        );
      }
    }
    if (d.hint) lines.push(`  hint: ${d.hint}`);
    io.err(lines.join("\n"));
  }
}

/** Prints diagnostics and returns exit status 1 ("the input was refused"). */
export function refuse(io: Io, diagnostics: readonly Diagnostic[]): number {
  reportDiagnostics(io, diagnostics);
  return 1;
}

/** Thrown by command code for a usage problem the user must fix (bad flag, missing file). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
