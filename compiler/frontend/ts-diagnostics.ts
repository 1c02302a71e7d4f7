import { ts, type Project, type SourceFile } from "ts-morph";
import { Code } from "../diagnostics/codes.js";
import type { Reporter } from "../diagnostics/report.js";

/**
 * TypeScript's own errors in the user's files: syntax errors (TSB1001) and type errors (TSB2001,
 * e.g. using a possibly-null record without a check). Returns false when the syntax is broken,
 * since nothing later can trust the tree then.
 */
/** "Cannot find module" errors: the module check reports these as TSB1009 with advice. */
const UNRESOLVED_MODULE = new Set([2307, 2591, 2792]);

export function tsDiagnostics(project: Project, files: readonly SourceFile[], reporter: Reporter): boolean {
  const program = project.getProgram().compilerObject;
  let syntaxOk = true;
  for (const sf of files) {
    const node = program.getSourceFile(sf.getFilePath());
    if (!node) continue;
    const syntactic = program.getSyntacticDiagnostics(node);
    if (syntactic.length) syntaxOk = false;
    for (const d of syntactic) add(reporter, Code.SYNTAX, d, sf);
    if (syntactic.length) continue;
    for (const d of program.getSemanticDiagnostics(node))
      if (!UNRESOLVED_MODULE.has(d.code)) add(reporter, Code.TYPE_ERROR, d, sf);
  }
  return syntaxOk;
}

function add(reporter: Reporter, code: string, d: ts.Diagnostic, sf: SourceFile): void {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const start = d.start ?? 0;
  const pos = sf.getLineAndColumnAtPos(start);
  const end = sf.getLineAndColumnAtPos(start + (d.length ?? 0));
  reporter.diagnostics.push({
    code,
    severity: "error",
    message: `${message} (TS${d.code})`,
    location: {
      file: sf.getFilePath(),
      line: pos.line,
      column: pos.column,
      endLine: end.line,
      endColumn: end.column,
    },
  });
}
