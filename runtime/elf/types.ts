/**
 * The typed model of an ELF64 little-endian BPF relocatable object. Everything is decoded and
 * bounds-checked by `readElf`; numbers are plain JavaScript numbers because every offset and size
 * is checked against the file length (so none exceeds 2^53).
 */

export interface ElfHeader {
  /** e_type (1 = ET_REL for clang's objects). */
  readonly type: number;
  readonly machine: number;
  readonly version: number;
  readonly entry: number;
  readonly flags: number;
  /** File offset of the section header table. */
  readonly shoff: number;
  /** Section count, after ELF's extended numbering (e_shnum = 0 → section 0's sh_size). */
  readonly shnum: number;
  /** Index of the section-name string table (after SHN_XINDEX → section 0's sh_link). */
  readonly shstrndx: number;
}

export interface ElfSection {
  /** Index in the section header table (0 is the null section). */
  readonly index: number;
  readonly name: string;
  /** sh_type, see SectionType. */
  readonly type: number;
  /** sh_flags, see SectionFlags. */
  readonly flags: number;
  readonly addr: number;
  /** File offset of the data (meaningless for SHT_NOBITS). */
  readonly offset: number;
  /** sh_size: for SHT_NOBITS (.bss) the in-memory size, with no bytes in the file. */
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly addralign: number;
  readonly entsize: number;
  /** File offset of this section's header (for diagnostics). */
  readonly headerOffset: number;
  /** The section's bytes (a view into the input; empty for SHT_NOBITS and SHT_NULL). */
  readonly data: Uint8Array;
}

export interface ElfSymbol {
  /** Index in `.symtab` (0 is the null symbol). */
  readonly index: number;
  readonly name: string;
  readonly value: number;
  readonly size: number;
  /** ELF64_ST_TYPE, see SymbolType. */
  readonly type: number;
  /** ELF64_ST_BIND, see SymbolBind. */
  readonly bind: number;
  /** ELF64_ST_VISIBILITY, see SymbolVisibility. */
  readonly visibility: number;
  /** st_shndx: a section index, or SHN_UNDEF / SHN_ABS / SHN_COMMON. */
  readonly sectionIndex: number;
}

export interface ElfRelocation {
  /** Byte offset in the target section of the patched field. */
  readonly offset: number;
  /** ELF64_R_TYPE, see BpfReloc. */
  readonly type: number;
  /** ELF64_R_SYM: index into `ElfFile.symbols` (checked to be in range). */
  readonly symbolIndex: number;
  /** Only for SHT_RELA sections (BPF objects use SHT_REL, which has none). */
  readonly addend?: number;
}

/** One SHT_REL / SHT_RELA section and the section it patches. */
export interface ElfRelocationSection {
  /** Index of the `.rel*` section itself. */
  readonly index: number;
  /** sh_info: index of the section the entries patch. */
  readonly target: number;
  /** sh_link: index of the symbol table the entries refer to. */
  readonly symtab: number;
  readonly entries: readonly ElfRelocation[];
}

export interface ElfFile {
  readonly bytes: Uint8Array;
  readonly header: ElfHeader;
  /** All sections by index, `sections[0]` being the null section. */
  readonly sections: readonly ElfSection[];
  /** `.symtab` entries by index (`symbols[0]` is the null symbol); empty when there is no table. */
  readonly symbols: readonly ElfSymbol[];
  readonly relocations: readonly ElfRelocationSection[];
}
