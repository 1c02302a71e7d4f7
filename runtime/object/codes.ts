/** Object loader diagnostic codes (TSB0360–TSB0399 of the ELF/BTF reader range). */
export const ObjectCode = {
  /** A code section whose bytes are not whole instructions, or a function symbol outside it. */
  BAD_FUNCTION: "TSB0360",
  /** A relocation on an instruction that cannot take one, or mid-instruction. */
  BAD_RELOCATION: "TSB0361",
  /** A relocation naming a symbol tsbpf cannot resolve (extern variable, unknown section). */
  UNRESOLVED_SYMBOL: "TSB0362",
  /** A BPF-to-BPF call or function pointer that does not land on a function's first instruction. */
  BAD_CALL_TARGET: "TSB0363",
  /** A `.maps` definition libbpf would reject (parse_btf_map_def). */
  BAD_BTF_MAP: "TSB0364",
  /** A legacy `maps` section entry libbpf would reject. */
  BAD_LEGACY_MAP: "TSB0365",
  /** `.maps` present but no BTF to describe it (compile with -g). */
  MISSING_BTF: "TSB0366",
  /** A program libbpf would not load: static program, unknown section (warning). */
  BAD_PROGRAM: "TSB0367",
  /** A map reference or `.maps` initial value that names no map or program. */
  UNKNOWN_MAP: "TSB0368",
  /** `.BTF` / `.BTF.ext` info that does not match the code (line info past a function). */
  BAD_DEBUG_INFO: "TSB0369",
  /** Unknown program section name: loaded as BPF_PROG_TYPE_UNSPEC (warning). */
  UNKNOWN_SECTION: "TSB0370",
  /** A `.bss`-like section too large to allocate (a corrupt sh_size). */
  DATA_TOO_LARGE: "TSB0371",
} as const;
