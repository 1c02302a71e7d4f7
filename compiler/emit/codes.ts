/**
 * Diagnostics of the object writer and `tsbpf build` (TSB3501–TSB3549, part of the compiler's
 * TSB3xxx code generation range; the BTF serialiser's own are TSB0390–TSB0399).
 */
export const EmitCode = {
  /** A program cannot be laid out as object code (bad section, unresolvable call, kfunc). */
  BAD_PROGRAM: "TSB3501",
  /** A map definition BTF cannot express (map-in-map, initial values). */
  BAD_MAP: "TSB3502",
  /** Two objects of the object would get the same symbol name. */
  DUPLICATE_SYMBOL: "TSB3503",
  /** Global data that does not fit its section (a variable past the end, `.bss` with bytes). */
  BAD_DATA: "TSB3504",
  /** A relocation names a map or data section the collection does not have. */
  BAD_RELOCATION: "TSB3505",
  /** The output file cannot be written (directory missing, permission, disk full). */
  OUTPUT: "TSB3506",
  /** The output path is the input file or otherwise unusable. */
  BAD_OUTPUT_PATH: "TSB3507",
} as const;
export type EmitCodeValue = (typeof EmitCode)[keyof typeof EmitCode];
