import { readFileSync } from "node:fs";
import { codeFrameColumns } from "@babel/code-frame";
import { formatDiagnosticLine, type Diagnostic } from "../../runtime/diag/diagnostic.js";

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
