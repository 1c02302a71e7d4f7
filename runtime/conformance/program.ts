import { ok, type Result } from "../diag/diagnostic.js";
import { assemble } from "../asm/index.js";
import { decodeProgram, type Instruction } from "../isa/index.js";
import type { ConformanceCase } from "./case.js";

/**
 * The program of a case: the `-- raw` bytes when present (they replace `-- asm`, README
 * "Sections"), else the `-- asm` text in the conformance dialect with real file lines.
 */
export function conformanceProgram(c: ConformanceCase): Result<Instruction[]> {
  if (c.raw) return decodeProgram(c.raw);
  if (!c.asm) return ok([]);
  return assemble(c.asm.text, { dialect: "conformance", file: c.file, firstLine: c.asm.firstLine });
}
