import { disassemble } from "../../../runtime/disasm/index.js";
import { inputKind, readFlatProgram, readInput } from "../input.js";
import { refuse, reportDiagnostics, UsageError, type Io } from "../report.js";

export interface DisasmOptions {
  dialect?: "llvm" | "conformance";
  rawInsn?: boolean;
}

/**
 * `tsbpf disasm FILE`: prints the listing in llvm-objdump's syntax (or the conformance dialect).
 * Raw bytecode (.bin), conformance files (.data) and assembler sources (.s) are one function.
 */
export function disasmCommand(io: Io, file: string, options: DisasmOptions): number {
  const bytes = readInput(file);
  if (!bytes.ok) return refuse(io, bytes.diagnostics);
  const kind = inputKind(file, bytes.value);
  if (kind === "elf" || kind === "typescript") {
    throw new UsageError(
      `disassembling ${kind === "elf" ? "ELF objects" : "TypeScript"} needs the object reader`,
    );
  }
  const program = readFlatProgram(file, bytes.value, kind);
  if (!program.ok) return refuse(io, program.diagnostics);
  const lines = disassemble(program.value.instructions, {
    ...(options.dialect ? { dialect: options.dialect } : {}),
    showRawInsn: options.rawInsn ?? false,
  });
  io.out(lines.join("\n"));
  return 0;
}
