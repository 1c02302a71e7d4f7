import { error, type Diagnostic } from "../diag/diagnostic.js";
import {
  BpfReloc,
  relocationsFor,
  SHN_UNDEF,
  SymbolType,
  type ElfFile,
  type ElfSymbol,
} from "../elf/index.js";
import { CallSrc, Op } from "../isa/index.js";
import { ObjectCode } from "./codes.js";
import { functionAtSlot, type CodeFunction, type CodeSection } from "./code.js";

/** What a relocated instruction of a code section refers to, before programs are linked. */
export type SectionReloc = (
  | { readonly kind: "map"; readonly map: string }
  | { readonly kind: "mapValue"; readonly map: string; readonly offset: number }
  | { readonly kind: "kfunc"; readonly name: string }
  | { readonly kind: "call" | "func"; readonly target: CodeFunction }
) & { readonly symbol: string; readonly elfType: number; readonly symbolSection?: string };

/** Where maps and globals live, so a relocation's symbol can be told apart (libbpf bpf_program__record_reloc). */
export interface RelocationTargets {
  readonly code: ReadonlyMap<number, CodeSection>;
  /** Section index of `.maps` → maps by name and by offset. */
  readonly btfMapsSection?: number;
  readonly btfMaps: ReadonlyArray<{ readonly name: string; readonly offset: number; readonly size: number }>;
  /** Section index of legacy `maps`. */
  readonly legacyMapsSection?: number;
  readonly legacyMaps: ReadonlyArray<{
    readonly name: string;
    readonly offset: number;
    readonly size: number;
  }>;
  /** Section indexes of `.data*`, `.rodata*`, `.bss*`. */
  readonly dataSections: ReadonlySet<number>;
}

/**
 * Classifies every relocation of one code section by its instruction and symbol, as libbpf's
 * bpf_program__record_reloc does:
 * - `call` with src = 1 (BPF-to-BPF) → the function at symbol + (imm + 1) slots: for a global
 *   function imm is -1, for a static one the symbol is the section and imm its slot - 1;
 * - `call` of an undefined symbol → a kfunc by name;
 * - `lddw` of a symbol in `.maps` / `maps` → that map; in a data section → its bytes at
 *   symbol value + imm; in a code section → a function pointer at symbol value + imm bytes.
 */
export function classifyRelocations(
  file: ElfFile,
  code: CodeSection,
  targets: RelocationTargets,
  diagnostics: Diagnostic[],
): Map<number, SectionReloc> {
  const out = new Map<number, SectionReloc>();
  const section = code.section;
  for (const r of relocationsFor(file, section.index)) {
    const at = { byteOffset: section.offset + r.offset };
    const sym: ElfSymbol = file.symbols[r.symbolIndex]!;
    const symSection = sym.sectionIndex < file.sections.length ? file.sections[sym.sectionIndex] : undefined;
    const symName = sym.type === SymbolType.SECTION ? (symSection?.name ?? "") : sym.name;
    const slot = r.offset / 8;
    const idx = Number.isInteger(slot) && slot < code.insnAtSlot.length ? code.insnAtSlot[slot]! : -1;
    if (idx < 0) {
      diagnostics.push(
        error(
          ObjectCode.BAD_RELOCATION,
          `relocation for '${symName}' at ${section.name}+${r.offset} is not at an instruction`,
          at,
        ),
      );
      continue;
    }
    const insn = code.insns[idx]!;
    const base = {
      symbol: symName,
      elfType: r.type,
      ...(symSection && sym.sectionIndex !== SHN_UNDEF ? { symbolSection: symSection.name } : {}),
    };
    const problem = (code: string, message: string) => diagnostics.push(error(code, message, at));

    if (insn.opcode === Op.CALL) {
      if (r.type !== BpfReloc.R_BPF_64_32) {
        problem(
          ObjectCode.BAD_RELOCATION,
          `call at ${section.name}+${r.offset} has relocation type ${r.type}, not R_BPF_64_32`,
        );
        continue;
      }
      if (sym.sectionIndex === SHN_UNDEF) {
        out.set(idx, { kind: "kfunc", name: sym.name, ...base });
        continue;
      }
      if (insn.src !== CallSrc.LOCAL) {
        problem(ObjectCode.BAD_RELOCATION, `relocation on a helper call at ${section.name}+${r.offset}`);
        continue;
      }
      const targetCode = targets.code.get(sym.sectionIndex);
      const targetSlot = sym.value / 8 + insn.imm + 1;
      const target = targetCode ? functionAtSlot(targetCode, targetSlot) : undefined;
      if (!target) {
        problem(
          ObjectCode.BAD_CALL_TARGET,
          `call to '${symName}' at ${section.name}+${r.offset} does not land on the start of a function (slot ${targetSlot})`,
        );
        continue;
      }
      out.set(idx, { kind: "call", target, ...base });
      continue;
    }
    if (insn.opcode !== Op.LDDW) {
      problem(
        ObjectCode.BAD_RELOCATION,
        `relocation for '${symName}' on an instruction (opcode 0x${insn.opcode.toString(16)}) that takes none`,
      );
      continue;
    }
    if (r.type !== BpfReloc.R_BPF_64_64) {
      problem(
        ObjectCode.BAD_RELOCATION,
        `lddw at ${section.name}+${r.offset} has relocation type ${r.type}, not R_BPF_64_64`,
      );
      continue;
    }
    if (sym.sectionIndex === SHN_UNDEF) {
      problem(
        ObjectCode.UNRESOLVED_SYMBOL,
        `'${sym.name}' is an extern (__ksym / __kconfig); tsbpf does not resolve extern variables`,
      );
      continue;
    }
    if (sym.sectionIndex === targets.btfMapsSection || sym.sectionIndex === targets.legacyMapsSection) {
      const maps = sym.sectionIndex === targets.btfMapsSection ? targets.btfMaps : targets.legacyMaps;
      const offset = sym.value + (sym.type === SymbolType.SECTION ? insn.imm : 0);
      const map =
        (sym.type !== SymbolType.SECTION ? maps.find((m) => m.name === sym.name) : undefined) ??
        maps.find((m) => m.offset === offset);
      if (!map) {
        problem(
          ObjectCode.UNKNOWN_MAP,
          `'${symName}' at ${section.name}+${r.offset} is not a map definition`,
        );
        continue;
      }
      out.set(idx, { kind: "map", map: map.name, ...base });
      continue;
    }
    if (targets.dataSections.has(sym.sectionIndex)) {
      out.set(idx, { kind: "mapValue", map: symSection!.name, offset: sym.value + insn.imm, ...base });
      continue;
    }
    const targetCode = targets.code.get(sym.sectionIndex);
    if (targetCode) {
      const byte = sym.value + insn.imm;
      const target = byte % 8 === 0 ? functionAtSlot(targetCode, byte / 8) : undefined;
      if (!target) {
        problem(
          ObjectCode.BAD_CALL_TARGET,
          `function pointer to '${symName}'+${insn.imm} at ${section.name}+${r.offset} is not the start of a function`,
        );
        continue;
      }
      out.set(idx, { kind: "func", target, ...base });
      continue;
    }
    problem(
      ObjectCode.UNRESOLVED_SYMBOL,
      `'${symName}' in section '${symSection?.name ?? sym.sectionIndex}' is neither a map, global data nor code`,
    );
  }
  return out;
}
