/** BTF reader diagnostic codes (TSB0330–TSB0359 of the ELF/BTF reader range). */
export const BtfCode = {
  /** The blob ends before the header, the type section or a type record is complete. */
  TRUNCATED: "TSB0330",
  /** Wrong magic (0xeB9F), version or header length. */
  BAD_HEADER: "TSB0331",
  /** The type or string section lies outside the blob, or the two overlap. */
  SECTION_OUT_OF_BOUNDS: "TSB0332",
  /** A name offset outside the string table or not NUL-terminated. */
  BAD_STRING: "TSB0333",
  /** A type kind tsbpf does not know (BTF_KIND_* above ENUM64). */
  UNKNOWN_KIND: "TSB0334",
  /** A type refers to a type id that does not exist. */
  BAD_TYPE_ID: "TSB0335",
  /** A field whose value the format forbids (INT bits, reserved bits, string table not starting with NUL). */
  BAD_FIELD: "TSB0336",
  /** `.BTF.ext` header or one of its info sections is malformed. */
  BAD_EXT: "TSB0337",
  /** More types than BTF ids can number (2^31), or more than the blob could hold. */
  TOO_MANY: "TSB0338",
} as const;
export type BtfCodeValue = (typeof BtfCode)[keyof typeof BtfCode];
