/** ELF constants a BPF object uses (System V gABI; llvm/BinaryFormat/ELF.h). */

export const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46] as const;
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
/** e_machine of eBPF objects. */
export const EM_BPF = 247;

export const ELF64_EHDR_SIZE = 64;
export const ELF64_SHDR_SIZE = 64;
export const ELF64_SYM_SIZE = 24;
export const ELF64_REL_SIZE = 16;
export const ELF64_RELA_SIZE = 24;

/** e_type */
export const ElfType = { NONE: 0, REL: 1, EXEC: 2, DYN: 3, CORE: 4 } as const;

/** sh_type */
export const SectionType = {
  NULL: 0,
  PROGBITS: 1,
  SYMTAB: 2,
  STRTAB: 3,
  RELA: 4,
  HASH: 5,
  DYNAMIC: 6,
  NOTE: 7,
  NOBITS: 8,
  REL: 9,
  DYNSYM: 11,
  SYMTAB_SHNDX: 18,
  LLVM_ADDRSIG: 0x6fff4c03,
} as const;

/** sh_flags bits */
export const SectionFlags = {
  WRITE: 0x1,
  ALLOC: 0x2,
  EXECINSTR: 0x4,
  MERGE: 0x10,
  STRINGS: 0x20,
} as const;

/** Special section indexes (st_shndx, e_shstrndx). */
export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;

/** ELF64_ST_TYPE */
export const SymbolType = { NOTYPE: 0, OBJECT: 1, FUNC: 2, SECTION: 3, FILE: 4, COMMON: 5, TLS: 6 } as const;
/** ELF64_ST_BIND */
export const SymbolBind = { LOCAL: 0, GLOBAL: 1, WEAK: 2 } as const;
/** ELF64_ST_VISIBILITY */
export const SymbolVisibility = { DEFAULT: 0, INTERNAL: 1, HIDDEN: 2, PROTECTED: 3 } as const;

/**
 * Relocation types of the BPF target (llvm/BinaryFormat/ELFRelocs/BPF.def; the kernel's
 * Documentation/bpf/llvm_reloc.rst explains each).
 */
export const BpfReloc = {
  NONE: 0,
  /** lddw: 64-bit immediate split over the two slots (maps, globals, function pointers). */
  R_BPF_64_64: 1,
  /** 64-bit data word (DWARF, `.maps` initial values). */
  R_BPF_64_ABS64: 2,
  /** 32-bit data word (`.BTF`, `.BTF.ext`, DWARF). */
  R_BPF_64_ABS32: 3,
  /** 32-bit data word that dynamic linkers leave alone (`.BTF`, `.BTF.ext`). */
  R_BPF_64_NODYLD32: 4,
  /** 32-bit pc-relative call target (`call` of a BPF-to-BPF function or an extern kfunc). */
  R_BPF_64_32: 10,
} as const;
