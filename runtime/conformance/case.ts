/** One bpf_conformance `.data` file, parsed (shared/conformance/README.md, "File format"). */
export interface ConformanceCase {
  /** The file name the case was read from, as given to the parser. */
  readonly file: string;
  /**
   * The `-- asm` section: the file's lines from the first to the last program line (comments
   * and blank lines inside it kept, so line numbers stay real), and the 1-based file line of
   * its first line, for assembler diagnostics.
   */
  readonly asm?: { readonly text: string; readonly firstLine: number };
  /** The `-- raw` section as bytecode; when present it replaces `asm`. */
  readonly raw?: Uint8Array;
  /** The `-- mem` bytes; empty when the file has none. */
  readonly mem: Uint8Array;
  /** Expected r0 as an unsigned 64-bit number. */
  readonly result?: bigint;
  /** The `-- error` text (last line, possibly empty): the program must be refused. */
  readonly error?: string;
}
