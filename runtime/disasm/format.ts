import { formOf, type Instruction } from "../isa/index.js";
import { formatConformance } from "./conformance-format.js";
import { formatLlvm } from "./llvm-format.js";
import type { FormatOptions } from "./options.js";

/** llvm-objdump's slot column: the number right-aligned in 8 characters, a colon and a tab. */
export const slotPrefix = (slot: number): string => `${String(slot).padStart(8)}:\t`;

/**
 * One instruction as text (see FormatOptions). An instruction the opcode table does not know
 * prints as `<unknown>`, which is what llvm-objdump prints for it.
 */
export function formatInstruction(insn: Instruction, options: FormatOptions = {}): string {
  const form = formOf(insn);
  let text: string;
  if (!form) text = "<unknown>";
  else if (options.dialect === "conformance") text = formatConformance(insn, form);
  else text = formatLlvm(insn, form, options);
  return options.slot === undefined ? text : slotPrefix(options.slot) + text;
}
