import { compile } from "../../index.js";
import { refuse, type Io } from "../report.js";

/**
 * `tsbpf check probe.ts`: every diagnostic of the program at once (syntax, types, the DSL subset,
 * lowering), as `file:line:col: error TSBnnnn: message` with a code frame; exit 1 on errors.
 */
export function checkCommand(io: Io, file: string): number {
  const compiled = compile(file);
  if (!compiled.ok) return refuse(io, compiled.diagnostics);
  const { programs, maps } = compiled.value.spec;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  io.out(`${file}: ok (${plural(programs.length, "program")}, ${plural(maps.length, "map")})`);
  return 0;
}
