import { encodeInstruction, width, type Instruction } from "../isa/index.js";
import { formatInstruction, slotPrefix } from "./format.js";
import type { ListingOptions } from "./options.js";
import { formatRelocation } from "./relocation.js";

const hexBytes = (insn: Instruction): string => {
  const bytes = new Uint8Array(width(insn) * 8);
  encodeInstruction(insn, new DataView(bytes.buffer), 0);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
};

/**
 * A program in llvm-objdump's line layout: one string per instruction, `%8d:\t` slot number
 * (a `lddw` counts two slots), optional raw bytes and a tab, then the text. With `relocations`,
 * an instruction carrying `meta.reloc` is followed by one more string, its relocation line.
 */
export function disassemble(program: readonly Instruction[], options: ListingOptions = {}): string[] {
  const lines: string[] = [];
  let slot = options.firstSlot ?? 0;
  for (const insn of program) {
    const raw = options.showRawInsn ? hexBytes(insn) + "\t" : "";
    lines.push(slotPrefix(slot) + raw + formatInstruction(insn, { ...options, slot: undefined }));
    const reloc = insn.meta?.reloc;
    if (options.relocations && reloc) {
      lines.push(formatRelocation({ offset: slot * 8, type: reloc.type, symbol: reloc.symbol }));
    }
    slot += width(insn);
  }
  return lines;
}
