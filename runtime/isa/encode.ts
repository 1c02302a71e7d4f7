import type { Instruction } from "./instruction.js";
import { width } from "./instruction.js";
import { Op } from "./opcodes.js";

/** Bytes of one 8-byte slot (RFC 9669 §3.1, little-endian). */
export const SLOT_BYTES = 8;

/**
 * Writes one instruction (8 or 16 bytes) at `pos`. Fields are written as their bit patterns:
 * `off` as 16 bits, `imm` as 32, registers as 4-bit nibbles (dst low, src high).
 */
export function encodeInstruction(insn: Instruction, view: DataView, pos: number): number {
  view.setUint8(pos, insn.opcode & 0xff);
  view.setUint8(pos + 1, (insn.dst & 0x0f) | ((insn.src & 0x0f) << 4));
  view.setInt16(pos + 2, (insn.off << 16) >> 16, true);
  view.setInt32(pos + 4, insn.imm | 0, true);
  if (insn.opcode !== Op.LDDW) return pos + SLOT_BYTES;
  view.setUint32(pos + 8, 0, true);
  view.setInt32(pos + 12, (insn.immHi ?? 0) | 0, true);
  return pos + 2 * SLOT_BYTES;
}

/** Encodes a program into its raw little-endian bytecode. */
export function encodeProgram(program: readonly Instruction[]): Uint8Array {
  let slots = 0;
  for (const i of program) slots += width(i);
  const bytes = new Uint8Array(slots * SLOT_BYTES);
  const view = new DataView(bytes.buffer);
  let pos = 0;
  for (const i of program) pos = encodeInstruction(i, view, pos);
  return bytes;
}
