import { disassemble, disassembleObject } from "../../../runtime/disasm/index.js";
import { readElf } from "../../../runtime/elf/index.js";
import type { CollectionSpec } from "../../../runtime/object/index.js";
import { compile } from "../../index.js";
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
    const compiled = compile(file);
    if (!compiled.ok) return refuse(io, compiled.diagnostics);
    io.out(disassembleSpec(compiled.value.spec, options).join("\n"));
    return 0;
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

/**
 * A compiled program's listing with its TypeScript interleaved, as `llvm-objdump -S` interleaves
 * C: before each instruction that starts a statement, `; <source line>` with its line number.
 */
export function disassembleSpec(spec: CollectionSpec, options: DisasmOptions): string[] {
  const lines: string[] = [];
  for (const program of spec.programs) {
    if (options.section && program.section !== options.section) continue;
    lines.push("", `Disassembly of section ${program.section}:`, "", `${"0".repeat(16)} <${program.name}>:`);
    const starts = new Map<number, string>();
    for (const info of program.lineInfo ?? []) {
      starts.set(info.insn, `; ${info.text.trim()}   [${info.file.replace(/^.*\//, "")}:${info.line}]`);
    }
    const text = disassemble(program.instructions, {
      ...(options.dialect ? { dialect: options.dialect } : {}),
      showRawInsn: options.rawInsn ?? false,
    });
    text.forEach((line, i) => {
      const source = starts.get(i);
      if (source) lines.push(source);
      lines.push(line);
    });
  }
  return lines;
}
