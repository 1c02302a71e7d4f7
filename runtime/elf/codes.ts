/**
 * ELF reader diagnostic codes (TSB0301–TSB0329 of the ELF/BTF reader range; BTF uses TSB0330–
 * TSB0359, the object loader TSB0360–TSB0399). Every one of them carries the byte offset of the
 * field or record that is wrong.
 */
export const ElfCode = {
  /** The file ends before a structure the header promises (ELF header, table, section data). */
  TRUNCATED: "TSB0301",
  /** Not an ELF file (magic), or not ELF64 / little-endian / version 1. */
  NOT_ELF: "TSB0302",
  /** An ELF file, but not for the BPF machine (EM_BPF = 247). */
  WRONG_MACHINE: "TSB0303",
  /** A table entry size (e_ehsize, e_shentsize, sh_entsize of symtab/rel) is not the ELF64 one. */
  ENTRY_SIZE: "TSB0304",
  /** e_shstrndx does not name a string table section. */
  BAD_SHSTRNDX: "TSB0305",
  /** A string offset (section or symbol name) is outside its string table or not terminated. */
  BAD_STRING: "TSB0306",
  /** A section's data lies (partly) past the end of the file. */
  SECTION_OUT_OF_BOUNDS: "TSB0307",
  /** A link/info field names a section that does not exist or has the wrong type. */
  BAD_LINK: "TSB0308",
  /** A symbol index in a relocation is outside the symbol table. */
  BAD_SYMBOL_INDEX: "TSB0309",
  /** A relocation offset lies outside the section it patches. */
  RELOCATION_OUT_OF_BOUNDS: "TSB0310",
  /** A 64-bit size or offset too large to be meaningful (beyond 2^53 or the file). */
  HUGE_VALUE: "TSB0311",
  /** Tables overlapping the ELF header or counts whose product overflows the file. */
  OVERLAP: "TSB0312",
  /** A symbol table or relocation section whose size is not a multiple of its entry size. */
  PARTIAL_ENTRY: "TSB0313",
} as const;
export type ElfCodeValue = (typeof ElfCode)[keyof typeof ElfCode];
