import { Alu, Atomic, Jmp } from "../isa/index.js";

/**
 * The operator spellings of LLVM's BPF syntax (llvm/lib/Target/BPF/BPFInstrInfo.td), shared by
 * the llvm-dialect assembler and the disassembler so the two cannot drift apart.
 */

/** `dst OP= src`: operator → ALU operation and whether offset 1 (signed, ISA v4) is set. */
export const LLVM_ALU_OPS: ReadonlyArray<readonly [string, number, 0 | 1]> = [
  ["+", Alu.ADD, 0],
  ["-", Alu.SUB, 0],
  ["*", Alu.MUL, 0],
  ["/", Alu.DIV, 0],
  ["|", Alu.OR, 0],
  ["&", Alu.AND, 0],
  ["<<", Alu.LSH, 0],
  [">>", Alu.RSH, 0],
  ["%", Alu.MOD, 0],
  ["^", Alu.XOR, 0],
  ["s>>", Alu.ARSH, 0],
  ["s/", Alu.DIV, 1],
  ["s%", Alu.MOD, 1],
];

/** `if dst OP src goto`: operator → jump operation. */
export const LLVM_JMP_OPS: ReadonlyArray<readonly [string, number]> = [
  ["==", Jmp.JEQ],
  ["!=", Jmp.JNE],
  [">", Jmp.JGT],
  [">=", Jmp.JGE],
  ["<", Jmp.JLT],
  ["<=", Jmp.JLE],
  ["s>", Jmp.JSGT],
  ["s>=", Jmp.JSGE],
  ["s<", Jmp.JSLT],
  ["s<=", Jmp.JSLE],
  ["&", Jmp.JSET],
];

/** `lock *(uN *)(…) OP= src`: operator → atomic operation (no fetch). */
export const LLVM_ATOMIC_OPS: ReadonlyArray<readonly [string, number, string]> = [
  ["+", Atomic.ADD, "add"],
  ["|", Atomic.OR, "or"],
  ["&", Atomic.AND, "and"],
  ["^", Atomic.XOR, "xor"],
];

/** Access size in bytes → the C type LLVM prints in `*(u32 *)`; `s` types are sign-extending loads. */
export const LLVM_SIZE_TYPES: Readonly<Record<number, string>> = { 1: "u8", 2: "u16", 4: "u32", 8: "u64" };
export const LLVM_SIGNED_SIZE_TYPES: Readonly<Record<number, string>> = { 1: "s8", 2: "s16", 4: "s32" };
