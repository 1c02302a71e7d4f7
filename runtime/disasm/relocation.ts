/**
 * Relocation lines as `llvm-objdump -dr` prints them under an instruction:
 * `\t\t0000000000000010:  R_BPF_64_64\tcounts` (two tabs, the byte offset in the section as 16
 * hex digits, a colon and two spaces, the type name, a tab, the symbol). BPF objects use REL
 * sections, so there is no addend; a non-zero RELA addend is printed the way objdump does
 * (`sym+0x10`, `sym-0x8`).
 */

/** ELF relocation types of the BPF target (llvm/BinaryFormat/ELFRelocs/BPF.def). */
export const BPF_RELOCATION_NAMES: Readonly<Record<number, string>> = {
  0: "R_BPF_NONE",
  1: "R_BPF_64_64",
  2: "R_BPF_64_ABS64",
  3: "R_BPF_64_ABS32",
  4: "R_BPF_64_NODYLD32",
  10: "R_BPF_64_32",
};

export interface RelocationLine {
  /** Byte offset of the relocated instruction in its section (slot × 8). */
  readonly offset: number;
  /** ELF type number, or its name. */
  readonly type: number | string;
  readonly symbol: string;
  readonly addend?: number;
}

export function formatRelocation(r: RelocationLine): string {
  const type = typeof r.type === "string" ? r.type : (BPF_RELOCATION_NAMES[r.type] ?? `Unknown (${r.type})`);
  const offset = r.offset.toString(16).padStart(16, "0");
  let symbol = r.symbol;
  if (r.addend) symbol += r.addend > 0 ? `+0x${r.addend.toString(16)}` : `-0x${(-r.addend).toString(16)}`;
  return `\t\t${offset}:  ${type}\t${symbol}`;
}
