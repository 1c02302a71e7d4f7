/** How to print instructions. */
export interface FormatOptions {
  /**
   * `llvm` (default): the text llvm-objdump 14 prints (`r0 = *(u32 *)(r1 + 4)`), with the
   * ISA v4 spellings of LLVM 17+ where LLVM 14 has none. `conformance`: bpf_conformance/uBPF
   * syntax (`ldxw %r0, [%r1+4]`), which the conformance assembler reads back.
   */
  readonly dialect?: "llvm" | "conformance";
  /** When given, the result is a whole listing line: the slot number as `%8d:\t`, then the text. */
  readonly slot?: number;
  /**
   * llvm: print what `llvm-objdump --mattr=+alu32` prints: `wN` for the value of narrow loads,
   * stores and 32-bit atomics. Without it, LLVM 14 prints `rN` there (and cannot decode 32-bit
   * atomics other than add at all; those are printed in the alu32 form either way).
   */
  readonly alu32?: boolean;
  /**
   * llvm: LLVM prints helper, local (BPF-to-BPF) and kfunc calls all as `call N`, so the text
   * loses which one it was. With this set, local calls print as `call pc+N` (the kernel's
   * spelling) and kfunc calls as `call kfunc N`, which the llvm-dialect assembler reads back to
   * the same bytes. Off by default so the text matches llvm-objdump.
   */
  readonly distinctCalls?: boolean;
}

export interface ListingOptions extends Omit<FormatOptions, "slot"> {
  /** Slot number of the first instruction (default 0). */
  readonly firstSlot?: number;
  /** Print the raw bytes before the text, as llvm-objdump does without `--no-show-raw-insn`. */
  readonly showRawInsn?: boolean;
  /** After an instruction whose `meta.reloc` is set, print the relocation line as `llvm-objdump -r` does. */
  readonly relocations?: boolean;
}
