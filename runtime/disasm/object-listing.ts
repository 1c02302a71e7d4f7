import { fail, ok, type Result } from "../diag/diagnostic.js";
import {
  SectionFlags,
  SymbolType,
  relocationsFor,
  symbolDisplayName,
  symbolsIn,
  type ElfFile,
} from "../elf/index.js";
import { decodeProgram, formOf, width, type Instruction } from "../isa/index.js";

import { disassemble } from "./listing.js";
import type { ListingOptions } from "./options.js";

export interface ObjectListingOptions extends Omit<ListingOptions, "firstSlot" | "relocations"> {
  /** Print relocation lines under the instructions they patch (llvm-objdump -r; default true). */
  readonly relocations?: boolean;
  /** Only these sections (default: every executable section). */
  readonly sections?: readonly string[];
}

const hex16 = (n: number) => n.toString(16).padStart(16, "0");

/** Slot a jump lands on, or undefined for instructions that do not jump within the function. */
function jumpTarget(insn: Instruction, slot: number): number | undefined {
  const form = formOf(insn);
  if (!form || (form.kind !== "ja" && form.kind !== "jcond")) return undefined;
  return slot + 1 + (form.kind === "ja" && !form.is64 ? insn.imm : insn.off);
}

/**
 * The listing `llvm-objdump -d -r` prints for a BPF object: each executable section, its
 * function and local labels (`0000000000000000 <name>:`), instructions with their slot numbers,
 * jump targets annotated with the label they reach (`goto +3 <LBB0_2>`) and relocation lines.
 */
export function disassembleObject(
  file: ElfFile,
  fileName: string,
  options: ObjectListingOptions = {},
): Result<string[]> {
  const lines = ["", `${fileName}:\tfile format elf64-bpf`];
  for (const section of file.sections) {
    if ((section.flags & SectionFlags.EXECINSTR) === 0 || section.size === 0) continue;
    if (options.sections && !options.sections.includes(section.name)) continue;
    const decoded = decodeProgram(section.data, { baseOffset: section.offset });
    if (!decoded.ok) return fail(...decoded.diagnostics);
    // Label symbols by byte offset: functions win over local labels at the same place.
    const labels = new Map<number, string>();
    const symbols = symbolsIn(file, section.index).filter(
      (s) => s.type === SymbolType.FUNC || s.type === SymbolType.NOTYPE,
    );
    for (const s of symbols.filter((x) => x.type !== SymbolType.FUNC)) labels.set(s.value, s.name);
    for (const s of symbols.filter((x) => x.type === SymbolType.FUNC)) labels.set(s.value, s.name);
    const relocs = new Map(relocationsFor(file, section.index).map((r) => [r.offset, r]));
    const program = decoded.value.map((insn) => insn);
    let slot = 0;
    lines.push("", `Disassembly of section ${section.name}:`);
    for (let i = 0; i < program.length; i++) {
      const insn = program[i]!;
      const offset = slot * 8;
      const label = labels.get(offset);
      if (label !== undefined || slot === 0) lines.push("", `${hex16(offset)} <${label ?? section.name}>:`);
      const reloc = options.relocations !== false ? relocs.get(offset) : undefined;
      const withReloc: Instruction = reloc
        ? {
            ...insn,
            meta: {
              reloc: { symbol: symbolDisplayName(file, file.symbols[reloc.symbolIndex]!), type: reloc.type },
            },
          }
        : insn;
      const [text, ...rest] = disassemble([withReloc], { ...options, firstSlot: slot, relocations: !!reloc });
      const target = jumpTarget(insn, slot);
      const targetLabel = target === undefined ? undefined : labels.get(target * 8);
      lines.push(targetLabel === undefined ? text! : `${text} <${targetLabel}>`, ...rest);
      slot += width(insn);
    }
  }
  return ok(lines);
}
