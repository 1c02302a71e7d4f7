import { error, type Diagnostic } from "../diag/diagnostic.js";
import { SectionFlags, SectionType, SymbolType, type ElfFile, type ElfSection } from "../elf/index.js";
import { decodeProgram, instructionAtSlot, slotIndex, type Instruction } from "../isa/index.js";
import { ObjectCode } from "./codes.js";

/** A function inside a code section: a program entry point or a subprogram. */
export interface CodeFunction {
  readonly name: string;
  readonly section: CodeSection;
  /** Instruction index range [first, end) in `section.insns`. */
  readonly first: number;
  readonly end: number;
  /** STB_GLOBAL/WEAK rather than STB_LOCAL (static). */
  readonly global: boolean;
  /** File offset of the function's symbol (for diagnostics). */
  readonly symbolOffset?: number;
}

/** An executable section, decoded once and shared by every program that uses its functions. */
export interface CodeSection {
  readonly section: ElfSection;
  readonly insns: readonly Instruction[];
  /** Slot (8-byte unit) of each instruction, and the slot count as the last element. */
  readonly slots: readonly number[];
  /** Instruction index at each slot; -1 for the second half of a lddw. */
  readonly insnAtSlot: Int32Array;
  /** Sorted by `first`. */
  readonly functions: readonly CodeFunction[];
}

/** True for sections clang puts code in (SHT_PROGBITS with SHF_EXECINSTR, as libbpf requires). */
export function isCodeSection(s: ElfSection): boolean {
  return s.type === SectionType.PROGBITS && (s.flags & SectionFlags.EXECINSTR) !== 0 && s.size > 0;
}

/**
 * Decodes every code section and splits it into functions by its STT_FUNC symbols (libbpf
 * bpf_object__add_programs: st_value is the byte offset, st_size the length). Functions must start
 * and end on instruction boundaries inside the section.
 */
export function readCodeSections(file: ElfFile, diagnostics: Diagnostic[]): CodeSection[] {
  const out: CodeSection[] = [];
  for (const section of file.sections) {
    if (!isCodeSection(section)) continue;
    const decoded = decodeProgram(section.data, { baseOffset: section.offset });
    if (!decoded.ok) {
      diagnostics.push(...decoded.diagnostics);
      continue;
    }
    const insns = decoded.value;
    const slots = slotIndex(insns);
    const insnAtSlot = instructionAtSlot(insns);
    const total = slots[insns.length]!;
    const functions: CodeFunction[] = [];
    const code: CodeSection = { section, insns, slots, insnAtSlot, functions };
    const symbols = file.symbols
      .filter((s) => s.sectionIndex === section.index && s.type === SymbolType.FUNC)
      .sort((a, b) => a.value - b.value);
    const symtab = file.sections.find((s) => s.type === SectionType.SYMTAB);
    for (let k = 0; k < symbols.length; k++) {
      const sym = symbols[k]!;
      const symbolOffset = symtab ? symtab.offset + sym.index * 24 : undefined;
      const at = symbolOffset !== undefined ? { byteOffset: symbolOffset } : {};
      const next = symbols[k + 1];
      const startSlot = sym.value / 8;
      const endByte = sym.size > 0 ? sym.value + sym.size : next ? next.value : total * 8;
      const endSlot = endByte / 8;
      if (
        !Number.isInteger(startSlot) ||
        !Number.isInteger(endSlot) ||
        startSlot >= total ||
        endSlot > total ||
        endSlot <= startSlot
      ) {
        diagnostics.push(
          error(
            ObjectCode.BAD_FUNCTION,
            `function '${sym.name}' at bytes ${sym.value}..${endByte} of section '${section.name}' (${total * 8} bytes) is not a whole run of instructions`,
            at,
          ),
        );
        continue;
      }
      const first = insnAtSlot[startSlot]!;
      const end = endSlot === total ? insns.length : insnAtSlot[endSlot]!;
      if (first < 0 || end < 0) {
        diagnostics.push(
          error(
            ObjectCode.BAD_FUNCTION,
            `function '${sym.name}' in '${section.name}' starts or ends inside a 16-byte lddw`,
            at,
          ),
        );
        continue;
      }
      const prev = functions[functions.length - 1];
      if (prev && first < prev.end) {
        diagnostics.push(
          error(
            ObjectCode.BAD_FUNCTION,
            `function '${sym.name}' overlaps '${prev.name}' in '${section.name}'`,
            at,
          ),
        );
        continue;
      }
      functions.push({
        name: sym.name,
        section: code,
        first,
        end,
        global: sym.bind !== 0,
        ...(symbolOffset !== undefined ? { symbolOffset } : {}),
      });
    }
    // Hand-written or stripped objects may have no function symbols: the section is one program.
    if (symbols.length === 0 && insns.length > 0) {
      functions.push({ name: section.name, section: code, first: 0, end: insns.length, global: true });
    }
    out.push(code);
  }
  return out;
}

/** The function whose first instruction is at this slot of the section, if any. */
export function functionAtSlot(code: CodeSection, slot: number): CodeFunction | undefined {
  if (!Number.isInteger(slot) || slot < 0 || slot >= code.insnAtSlot.length) return undefined;
  const i = code.insnAtSlot[slot]!;
  if (i < 0) return undefined;
  return code.functions.find((f) => f.first === i);
}
