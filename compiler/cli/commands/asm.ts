import { writeFileSync, renameSync } from "node:fs";
import { error } from "../../../runtime/diag/diagnostic.js";
import { encodeProgram } from "../../../runtime/isa/encode.js";
import { describeOutcome, runConformanceCase } from "../../../runtime/vm/conformance-runner.js";
import { conformanceHelpers } from "../../../runtime/vm/conformance-helpers.js";
import { createVm } from "../../../runtime/vm/vm.js";
import { inputKind, readFlatProgram, readInput } from "../input.js";
import { refuse, reportDiagnostics, UsageError, type Io } from "../report.js";

/** Checks `tsbpf asm` makes beyond assembling (TSB0010–). */
export const AsmCheckCode = { EXPECTATION: "TSB0010" } as const;

export interface AsmOptions {
  output?: string;
  dialect?: "llvm" | "conformance";
}

/** `tsbpf asm FILE -o OUT`: assembles LLVM or bpf_conformance syntax into raw little-endian bytecode. */
export function asmCommand(io: Io, file: string, options: AsmOptions): number {
  if (!options.output) throw new UsageError("asm needs an output file: tsbpf asm FILE -o OUT.bin");
  const bytes = readInput(file);
  if (!bytes.ok) return refuse(io, bytes.diagnostics);
  const kind = inputKind(file, bytes.value);
  if (kind !== "asm" && kind !== "conformance") {
    throw new UsageError(`asm reads assembler text (.s) or conformance files (.data), not ${kind} input`);
  }
  const program = readFlatProgram(file, bytes.value, kind, options.dialect);
  if (!program.ok) return refuse(io, program.diagnostics);
  // Refuse programs that cannot run at all (jumps out of range, registers read before they are
  // written, ...): the same structural checks the VM makes at load time.
  const loaded = createVm(program.value.instructions, {
    name: file,
    helpers: conformanceHelpers,
    initialized: [1, 2, 3, 4, 5, 10],
  });
  if (!loaded.ok) return refuse(io, loaded.diagnostics);
  // A conformance file is a test case: its own expectation must hold for it to be a valid input.
  const c = program.value.conformance;
  if (c?.result !== undefined) {
    const outcome = runConformanceCase(c, "interpreter");
    if (outcome.kind !== "pass") {
      const message = `the program does not meet the file's '-- result': ${describeOutcome(outcome)}`;
      return refuse(io, [
        error(AsmCheckCode.EXPECTATION, message, { location: { file, line: 1, column: 1 } }),
      ]);
    }
  }
  writeAtomically(options.output, encodeProgram(program.value.instructions));
  return 0;
}

/** Writes through a temporary file so a failed write never leaves a half-written output. */
export function writeAtomically(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
