import { error, type Diagnostic, type SourceLocation } from "../diag/diagnostic.js";
import type { AsmItem } from "./items.js";
import { editDistance } from "../diag/closest.js";

/** One source line being assembled: where it is, and where its pieces are. */
export class LineContext {
  readonly items: AsmItem[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly file: string,
    readonly line: number,
    /** The full line, for messages that quote it. */
    readonly text: string,
  ) {}

  /** Location of `length` characters starting at 1-based `column`. */
  at(column: number, length = 0): SourceLocation {
    return {
      file: this.file,
      line: this.line,
      column,
      ...(length > 0 ? { endLine: this.line, endColumn: column + length } : {}),
    };
  }

  fail(code: string, message: string, column: number, length = 0, hint?: string): undefined {
    this.diagnostics.push(
      error(code, message, { location: this.at(column, length), ...(hint ? { hint } : {}) }),
    );
    return undefined;
  }
}

/** A piece of a line with its 1-based column. */
export interface Token {
  readonly text: string;
  readonly column: number;
}

/** The closest candidate within distance 2, for a hint. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
