import { writeFileSync, renameSync } from "node:fs";
import { encodeProgram } from "../../../runtime/isa/encode.js";
import { inputKind, readFlatProgram, readInput } from "../input.js";
import { reportDiagnostics, UsageError, type Io } from "../report.js";

export interface AsmOptions {
  output?: string;
  dialect?: "llvm" | "conformance";
}

/** `tsbpf asm FILE -o OUT`: assembles LLVM or bpf_conformance syntax into raw little-endian bytecode. */
export function asmCommand(io: Io, file: string, options: AsmOptions): number {
  if (!options.output) throw new UsageError("asm needs an output file: tsbpf asm FILE -o OUT.bin");
  const bytes = readInput(file);
  if (!bytes.ok) return (reportDiagnostics(io, bytes.diagnostics), 1);
  const kind = inputKind(file, bytes.value);
  if (kind !== "asm" && kind !== "conformance") {
    throw new UsageError(`asm reads assembler text (.s) or conformance files (.data), not ${kind} input`);
  }
  const program = readFlatProgram(file, bytes.value, kind, options.dialect);
  if (!program.ok) return (reportDiagnostics(io, program.diagnostics), 1);
  writeAtomically(options.output, encodeProgram(program.value.instructions));
  return 0;
}

/** Writes through a temporary file so a failed write never leaves a half-written output. */
export function writeAtomically(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
