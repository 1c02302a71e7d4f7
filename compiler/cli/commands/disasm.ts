import { disassemble, disassembleObject } from "../../../runtime/disasm/index.js";
import { readElf } from "../../../runtime/elf/index.js";
import { inputKind, readFlatProgram, readInput } from "../input.js";
import { refuse, UsageError, type Io } from "../report.js";

export interface DisasmOptions {
  section?: string;
  /** Name printed in the object header (llvm-objdump prints the path it was given). */
  fileName?: string;
  dialect?: "llvm" | "conformance";
  rawInsn?: boolean;
}

/**
 * `tsbpf disasm FILE`: prints the listing in llvm-objdump's syntax (or the conformance dialect).
 * ELF objects are listed per section and function with relocations, as `llvm-objdump -dr` does;
 * raw bytecode (.bin), conformance files (.data) and assembler sources (.s) are one function.
 */
export function disasmCommand(io: Io, file: string, options: DisasmOptions): number {
  const bytes = readInput(file);
  if (!bytes.ok) return refuse(io, bytes.diagnostics);
  const kind = inputKind(file, bytes.value);
  if (kind === "elf") {
    const elf = readElf(bytes.value);
    if (!elf.ok) return refuse(io, elf.diagnostics);
    const listing = disassembleObject(elf.value, options.fileName ?? file, {
      ...(options.dialect ? { dialect: options.dialect } : {}),
      ...(options.section ? { sections: [options.section] } : {}),
      showRawInsn: options.rawInsn ?? false,
    });
    if (!listing.ok) return refuse(io, listing.diagnostics);
    io.out(listing.value.join("\n"));
    return 0;
  }
  if (kind === "typescript") {
    throw new UsageError("disassembling TypeScript needs the compiler, which is not wired into the CLI yet");
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
