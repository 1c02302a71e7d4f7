import type { SourceLocation } from "../diag/diagnostic.js";
import type { LoadedProgram } from "../vm/load.js";

/**
 * The source line of slot `pc`. BTF line info (and the compiler's) records a line where it
 * starts; the instructions after it belong to that line until the next record, as the kernel's
 * verifier log and llvm-objdump -S attribute them. The VM keeps only the records themselves.
 */
export function lineAt(
  program: LoadedProgram,
  pc: number,
): { readonly location: SourceLocation; readonly source?: string } | undefined {
  for (let s = Math.min(pc, program.locations.length - 1); s >= 0; s--) {
    const location = program.locations[s];
    if (location) {
      const source = program.sourceLines[s];
      return source === undefined ? { location } : { location, source };
    }
  }
  return undefined;
}
