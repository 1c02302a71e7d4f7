import type { SourceLocation } from "../diag/diagnostic.js";
import { formatInstruction } from "../disasm/format.js";
import type { LoadedProgram } from "../vm/load.js";
import type { TraceEvent } from "../vm/vm.js";
import { lineAt } from "./line-at.js";

/** One executed instruction of a traced run. */
export interface TraceStep {
  /** Slot of the instruction in its program (the number llvm-objdump prints). */
  readonly pc: number;
  /** The program it belongs to (tail calls change it). */
  readonly program: string;
  /** The instruction in llvm-objdump syntax. */
  readonly insn: string;
  /** r0–r10 before it ran. */
  readonly regs: readonly bigint[];
  /** The source position it was compiled from, when the program carries line info. */
  readonly location?: SourceLocation;
  /** That source line's text. */
  readonly source?: string;
}

/** Builds trace steps from VM trace events; `programOf` finds a (tail-called) program by name. */
export class TraceRecorder {
  readonly steps: TraceStep[] = [];
  private readonly programOf: (name: string) => LoadedProgram | undefined;

  constructor(programOf: (name: string) => LoadedProgram | undefined) {
    this.programOf = programOf;
  }

  readonly record = (e: TraceEvent): void => {
    const p = this.programOf(e.program);
    const index = p ? p.insnAtSlot[e.pc] : -1;
    const insn = p && index !== undefined && index >= 0 ? p.instructions[index] : undefined;
    const line = p ? lineAt(p, e.pc) : undefined;
    const location = line?.location;
    const source = line?.source;
    this.steps.push({
      pc: e.pc,
      program: e.program,
      insn: insn ? formatInstruction(insn) : "?",
      regs: e.regs,
      ...(location ? { location } : {}),
      ...(source !== undefined ? { source: source.trim() } : {}),
    });
  };
}

/**
 * A trace as text: one line per instruction (`pc: instruction`), and the source line above each
 * run of instructions compiled from it, as `tsbpf disasm` interleaves them.
 */
export function formatTrace(steps: readonly TraceStep[]): string {
  const out: string[] = [];
  let last = "";
  for (const s of steps) {
    const where = s.location ? `${s.location.file}:${s.location.line}` : "";
    if (where && where !== last) {
      const file = s.location!.file.split("/").pop();
      out.push(`; ${file}:${s.location!.line}: ${s.source ?? ""}`);
      last = where;
    }
    out.push(`${String(s.pc).padStart(5)}: ${s.insn}`);
  }
  return out.join("\n") + (out.length ? "\n" : "");
}
