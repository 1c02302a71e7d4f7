/** Assembler diagnostic codes (TSB0201–TSB0279; the conformance reader has TSB0281–TSB0289). */
export const AsmCode = {
  /** No instruction has this mnemonic / the line matches no instruction syntax. */
  UNKNOWN_INSTRUCTION: "TSB0201",
  /** Wrong number of operands for the mnemonic. */
  OPERAND_COUNT: "TSB0202",
  /** A register operand that is not r0–r10 (or %r0–%r10). */
  BAD_REGISTER: "TSB0203",
  /** An operand of the wrong kind (register where a number is needed, missing brackets, …). */
  BAD_OPERAND: "TSB0204",
  /** A number that cannot be read. */
  BAD_NUMBER: "TSB0205",
  /** A 32-bit immediate out of range. */
  IMM_RANGE: "TSB0206",
  /** A 64-bit immediate out of range. */
  IMM64_RANGE: "TSB0207",
  /** A memory or jump offset that does not fit the signed 16-bit field. */
  OFFSET_RANGE: "TSB0208",
  /** The same label defined twice. */
  DUPLICATE_LABEL: "TSB0210",
  /** A jump or call to a label that is never defined. */
  UNDEFINED_LABEL: "TSB0211",
  /** A label too far away for the offset field of the jump. */
  TARGET_RANGE: "TSB0212",
  /** LLVM syntax mixing 32-bit (wN) and 64-bit (rN) registers where the instruction needs one width. */
  REGISTER_WIDTH: "TSB0213",
  /** An operand that must repeat another (LLVM `r1 = be16 r1`, `r0 = cmpxchg_64(…, r0, …)`). */
  OPERAND_MISMATCH: "TSB0214",
  /** An llvm-objdump line that objdump itself could not decode (`<unknown>`). */
  UNDECODABLE: "TSB0215",
} as const;
