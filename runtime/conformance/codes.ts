/**
 * Diagnostic codes of the bpf_conformance `.data` reader (TSB0281–TSB0289, the top of the
 * assembler range: a `.data` file is an assembler source with a few data sections around it).
 */
export const ConformanceCode = {
  /** A `--` line whose keyword is none of the known sections (upstream skips such files). */
  UNKNOWN_SECTION: "TSB0281",
  /** Neither `-- result` nor `-- error`: nothing to check the program against. */
  NO_EXPECTATION: "TSB0282",
  /** No instruction in `-- asm` and no `-- raw` section. */
  NO_PROGRAM: "TSB0283",
  /** `-- result` is not a number. */
  BAD_RESULT: "TSB0284",
  /** A `-- mem` token is not a hex byte. */
  BAD_MEMORY: "TSB0285",
  /** A `-- raw` token is not a 64-bit number or a hex byte. */
  BAD_RAW: "TSB0286",
  /** The same section twice. */
  DUPLICATE_SECTION: "TSB0287",
} as const;
