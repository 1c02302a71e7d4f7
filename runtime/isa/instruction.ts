import type { SourceLocation } from "../diag/diagnostic.js";
import { Op } from "./opcodes.js";

/**
 * The one instruction type of tsbpf (assembler, disassembler, codegen, ELF, verifier and VM all
 * pass it around). Fields are the decoded values of RFC 9669 §3.1: `off` is a signed 16-bit
 * number, `imm` a signed 32-bit number. A 64-bit immediate load (`lddw`) is a single instruction
 * that occupies two 8-byte slots; its high 32 bits are in `immHi`.
 */
export interface Instruction {
  readonly opcode: number;
  readonly dst: number;
  /** Source register, or the pseudo source of `lddw` and `call`. */
  readonly src: number;
  readonly off: number;
  readonly imm: number;
  /** High 32 bits (signed) of a 64-bit immediate load; absent on every other instruction. */
  readonly immHi?: number;
  /** Where the instruction came from and what refers to it; never encoded. */
  readonly meta?: InstructionMeta;
}

export interface InstructionMeta {
  /** TypeScript (or assembler) statement this instruction starts. */
  readonly source?: SourceLocation;
  /** Text of the source line, as `.BTF.ext` line info carries it. */
  readonly sourceLine?: string;
  /** Symbol a relocation binds this instruction to (map, global, function). */
  readonly reloc?: { readonly symbol: string; readonly type: number; readonly section?: string };
}

/** Slots (8-byte units) an instruction occupies. */
export function width(insn: Instruction): 1 | 2 {
  return insn.opcode === Op.LDDW ? 2 : 1;
}

export function isWide(insn: Instruction): boolean {
  return insn.opcode === Op.LDDW;
}

/** Creates an instruction; missing fields are zero. */
export function insn(
  opcode: number,
  fields: {
    dst?: number;
    src?: number;
    off?: number;
    imm?: number;
    immHi?: number;
    meta?: InstructionMeta;
  } = {},
): Instruction {
  const result: Instruction = {
    opcode,
    dst: fields.dst ?? 0,
    src: fields.src ?? 0,
    off: fields.off ?? 0,
    imm: fields.imm ?? 0,
    ...(opcode === Op.LDDW ? { immHi: fields.immHi ?? 0 } : {}),
    ...(fields.meta ? { meta: fields.meta } : {}),
  };
  return result;
}

/** A `lddw dst, value` with the given pseudo source. */
export function lddw(dst: number, value: bigint, src = 0): Instruction {
  const v = BigInt.asUintN(64, value);
  return insn(Op.LDDW, {
    dst,
    src,
    imm: Number(BigInt.asIntN(32, v)),
    immHi: Number(BigInt.asIntN(32, v >> 32n)),
  });
}

/** The unsigned 64-bit constant of a `lddw`. */
export function lddwValue(insn: Instruction): bigint {
  return (BigInt(insn.imm >>> 0) | (BigInt((insn.immHi ?? 0) >>> 0) << 32n)) & 0xffff_ffff_ffff_ffffn;
}

/** Slot index of each instruction, plus the total slot count as the last element. */
export function slotIndex(program: readonly Instruction[]): number[] {
  const slots = new Array<number>(program.length + 1);
  let slot = 0;
  for (let i = 0; i < program.length; i++) {
    slots[i] = slot;
    slot += width(program[i]!);
  }
  slots[program.length] = slot;
  return slots;
}

/** Maps slot numbers back to instruction indexes; -1 for the second slot of a `lddw`. */
export function instructionAtSlot(program: readonly Instruction[]): Int32Array {
  const slots = slotIndex(program);
  const map = new Int32Array(slots[program.length]!).fill(-1);
  for (let i = 0; i < program.length; i++) map[slots[i]!] = i;
  return map;
}
