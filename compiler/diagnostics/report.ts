import type { Node } from "ts-morph";
import { error, type Diagnostic, type SourceLocation } from "../../runtime/diag/diagnostic.js";

/** Source location of a ts-morph node (1-based, as editors show it), with its end. */
export function locationOf(node: Node): SourceLocation {
  const sf = node.getSourceFile();
  const start = sf.getLineAndColumnAtPos(node.getStart());
  const end = sf.getLineAndColumnAtPos(node.getEnd());
  return {
    file: sf.getFilePath(),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}

/**
 * Collects diagnostics for one compilation; every stage reports here so the user sees all
 * problems at once. A node reported twice with the same code is reported once.
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  error(code: string, node: Node | undefined, message: string, hint?: string): void {
    const location = node ? locationOf(node) : undefined;
    const key = `${code}@${location?.file}:${location?.line}:${location?.column}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push(
      error(code, message, { ...(location ? { location } : {}), ...(hint !== undefined ? { hint } : {}) }),
    );
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }
}
