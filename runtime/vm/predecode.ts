import { Alu, CallSrc, Cls, Op, opClass, opCode, opSource } from "../isa/opcodes.js";
import type { Instruction } from "../isa/instruction.js";
import { formOf } from "../isa/table.js";

/**
 * The interpreter's internal operation numbers. Most instructions keep their opcode byte; forms
 * that share a byte and differ by `off`/`imm`/`src` (sdiv, movsx, le/be/bswap sizes, local calls)
 * get numbers 0x100+ so that the interpreter's `switch` has one dense case per form (V8 compiles
 * a dense integer switch into a jump table). Case labels in interpreter.ts are these literals.
 */
export const XOp = {
  SDIV64_K: 0x100,
  SDIV64_X: 0x101,
  SMOD64_K: 0x102,
  SMOD64_X: 0x103,
  SDIV32_K: 0x104,
  SDIV32_X: 0x105,
  SMOD32_K: 0x106,
  SMOD32_X: 0x107,
  MOVSX8_64: 0x108,
  MOVSX16_64: 0x109,
  MOVSX32_64: 0x10a,
  MOVSX8_32: 0x10b,
  MOVSX16_32: 0x10c,
  LE16: 0x10d,
  LE32: 0x10e,
  LE64: 0x10f,
  BE16: 0x110,
  BE32: 0x111,
  BE64: 0x112,
  BSWAP16: 0x113,
  BSWAP32: 0x114,
  BSWAP64: 0x115,
  CALL_LOCAL: 0x116,
  /** Marks the second slot of a lddw; never executed. */
  LDDW_HI: 0x117,
  /** A kfunc call: refused at load, kept so the table is total. */
  CALL_KFUNC: 0x118,
} as const;

/** Fields per slot in the predecoded code array. */
export const STRIDE = 8;
export const F_OP = 0;
export const F_DST = 1;
export const F_SRC = 2;
export const F_OFF = 3;
export const F_IMM = 4;
/** lddw: high half of the constant; 64-bit ALU/JMP with an immediate: its sign extension. */
export const F_IMMHI = 5;
/** Jump and local-call target slot (pc + 1 + offset). */
export const F_TARGET = 6;
/**
 * The interpreter's dispatch word: its case number in bits 0–8 (DISPATCH_MASK), dst in bits 9–12
 * and src in bits 13–16, so that one load serves the `switch` and both register numbers. The
 * case number is the internal op, except that ALU64 and JMP operations with an immediate of 0 or
 * more get cases of their own (IMM_NONNEG_ALU64 / IMM_NONNEG_JMP + op >> 4) in which the
 * immediate's high half is the literal 0.
 */
export const F_DISPATCH = 7;
export const DISPATCH_MASK = 0x1ff;
export const IMM_NONNEG_ALU64 = 0x120;
export const IMM_NONNEG_JMP = 0x130;

/**
 * A register move followed by an ALU operation of the same width (`r3 = r1; r3 += 4`, what clang
 * emits for three-address arithmetic) runs as one interpreter case: FUSED_MOV + index, where the
 * index is FUSABLE's for the second instruction, plus 32 when the move is 32-bit. The second slot
 * keeps its own case for jumps that land on it.
 */
export const FUSED_MOV = 0x140;
export const FUSABLE: ReadonlyMap<number, number> = new Map(
  [0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0].flatMap((op, k) => [
    [0x07 | op, 2 * k],
    [0x0f | op, 2 * k + 1],
    [0x04 | op, 2 * k],
    [0x0c | op, 2 * k + 1],
  ]),
);

/**
 * A loop counter step followed by the loop test (`r3 += 1; if r3 < r1 goto`): an add of an
 * immediate (64-bit: of 0 or more) and a conditional jump on registers of the same width run as
 * one case, FUSED_ADD_JMP + (jump op >> 4), plus 16 for the 32-bit pair.
 */
export const FUSED_ADD_JMP = 0x180;

/**
 * A register move followed by an unsigned or equality conditional jump of the same width
 * (`r0 = r5; if r3 < r1 goto`, the copy clang leaves before a loop's back edge): FUSED_MOV_JMP +
 * (jump op >> 4), plus 16 for the 32-bit pair, plus 32 when a 64-bit jump compares with its
 * immediate (32-bit ones with an immediate are not fused). The set is small on purpose: V8
 * optimizes no function above 60 KB of bytecode, and every case adds to the interpreter's.
 */
export const FUSED_MOV_JMP = 0x1a0;

/** Whether a move (0xbf / 0xbc) and the jump `next` after it run as one FUSED_MOV_JMP case. */
export function movJumpFusable(mov: number, next: number): boolean {
  if (next >= 0x100 || !MOV_JMP_OPS.has(next & 0xf0)) return false;
  return mov === 0xbf ? (next & 7) === 0x05 : next === ((next & 0xf0) | 0x0e);
}
const MOV_JMP_OPS: ReadonlySet<number> = new Set([0x10, 0x20, 0x30, 0x50, 0xa0, 0xb0]);

/**
 * An accumulation step before a counted loop's test (`r2 += r3; r3 += 1; if r3 < r1 goto`, the
 * body of a sum): a 64-bit add of registers followed by a FUSED_ADD_JMP pair of 64-bit operations
 * whose jump is one of movJumpFusable's: FUSED_ACC_LOOP + (jump op >> 4), three instructions in
 * one case.
 */
export const FUSED_ACC_LOOP = 0x1e0;

/**
 * Two loads of the same size in a row (`r0 = *(u8 *)(r5 + 1); r6 = *(u8 *)(r5 + 0)`, bytes of a
 * packet field): FUSED_LOAD_PAIR + 0 (u8), 1 (u16), 2 (u32), 3 (u64).
 */
export const FUSED_LOAD_PAIR = 0x1f0;
const LOAD_PAIR: ReadonlyMap<number, number> = new Map([
  [0x71, 0],
  [0x69, 1],
  [0x61, 2],
  [0x79, 3],
]);

/**
 * A shift left by an immediate followed by an or of registers of the same width (`r6 <<= 8;
 * r6 |= r0`, assembling a big-endian value from bytes): FUSED_SHL_OR (64-bit), + 1 (32-bit).
 */
export const FUSED_SHL_OR = 0x1f4;

/** Conditional jumps (not ja, call or exit) by operation bits, the second half of fused pairs. */
function isJcond(opBits: number): boolean {
  return opBits !== 0x00 && opBits !== 0x80 && opBits !== 0x90 && opBits <= 0xd0;
}

/** The interpreter's case number for an instruction with internal op `xop` and immediate `imm`. */
export function dispatchOf(xop: number, imm: number): number {
  if (imm >= 0 && xop < 0x100 && (xop & 0x0f) === 0x07 && xop !== 0x87 && xop !== 0xd7) {
    return IMM_NONNEG_ALU64 + (xop >> 4);
  }
  if (
    imm >= 0 &&
    xop < 0x100 &&
    (xop & 0x0f) === 0x05 &&
    xop !== 0x05 &&
    xop < 0xe0 &&
    xop !== 0x85 &&
    xop !== 0x95
  ) {
    return IMM_NONNEG_JMP + (xop >> 4);
  }
  return xop;
}

function xopOf(i: Instruction): number {
  const form = formOf(i);
  if (!form) return -1;
  const cls = opClass(i.opcode);
  const is64 = cls === Cls.ALU64;
  switch (form.kind) {
    case "alu":
      if (i.off === 1 && (opCode(i.opcode) === Alu.DIV || opCode(i.opcode) === Alu.MOD)) {
        const div = opCode(i.opcode) === Alu.DIV;
        const x = opSource(i.opcode) !== 0 ? 1 : 0;
        return (is64 ? (div ? XOp.SDIV64_K : XOp.SMOD64_K) : div ? XOp.SDIV32_K : XOp.SMOD32_K) + x;
      }
      return i.opcode;
    case "movsx":
      if (is64) return i.off === 8 ? XOp.MOVSX8_64 : i.off === 16 ? XOp.MOVSX16_64 : XOp.MOVSX32_64;
      return i.off === 8 ? XOp.MOVSX8_32 : XOp.MOVSX16_32;
    case "end": {
      const be = opSource(i.opcode) !== 0;
      const k = i.imm === 16 ? 0 : i.imm === 32 ? 1 : 2;
      return (be ? XOp.BE16 : XOp.LE16) + k;
    }
    case "bswap":
      return XOp.BSWAP16 + (i.imm === 16 ? 0 : i.imm === 32 ? 1 : 2);
    case "call":
      if (i.src === CallSrc.LOCAL) return XOp.CALL_LOCAL;
      if (i.src === CallSrc.KFUNC) return XOp.CALL_KFUNC;
      return Op.CALL;
    default:
      return i.opcode;
  }
}

/**
 * Lays a program out by slot (so jump offsets index it directly) in one Int32Array, STRIDE
 * fields per slot. `lddwValues` supplies resolved constants of pseudo lddw (map, global) by
 * instruction index; plain lddw use their own immediate.
 */
export function predecode(
  program: readonly Instruction[],
  lddwValues: ReadonlyMap<number, bigint> = new Map(),
): Int32Array {
  let slots = 0;
  for (const i of program) slots += i.opcode === Op.LDDW ? 2 : 1;
  const code = new Int32Array(slots * STRIDE);
  let pc = 0;
  for (let n = 0; n < program.length; n++) {
    const i = program[n]!;
    const b = pc * STRIDE;
    code[b + F_OP] = xopOf(i);
    code[b + F_DST] = i.dst;
    code[b + F_SRC] = i.src;
    code[b + F_OFF] = i.off;
    code[b + F_IMM] = i.imm;
    code[b + F_IMMHI] = i.imm >> 31;
    const cls = opClass(i.opcode);
    if (i.opcode === Op.JA32) code[b + F_TARGET] = pc + 1 + i.imm;
    else if (code[b + F_OP] === XOp.CALL_LOCAL) code[b + F_TARGET] = pc + 1 + i.imm;
    else if (cls === Cls.JMP || cls === Cls.JMP32) code[b + F_TARGET] = pc + 1 + i.off;
    code[b + F_DISPATCH] = dispatchOf(code[b + F_OP]!, i.imm) | (i.dst << 9) | (i.src << 13);
    if (i.opcode === Op.LDDW) {
      const v = lddwValues.get(n);
      if (v !== undefined) {
        code[b + F_IMM] = Number(BigInt.asIntN(32, v));
        code[b + F_IMMHI] = Number(BigInt.asIntN(32, v >> 32n));
      } else code[b + F_IMMHI] = i.immHi ?? 0;
      code[b + STRIDE + F_OP] = XOp.LDDW_HI;
      pc += 2;
    } else pc += 1;
  }
  // moves fused with the ALU operation after them (same width: mov64 with ALU64, mov32 with ALU)
  for (let at = 0; at + 1 < pc; at++) {
    const b = at * STRIDE;
    const op = code[b + F_OP]!;
    const next = code[b + STRIDE + F_OP]!;
    const regs = (code[b + F_DST]! << 9) | (code[b + F_SRC]! << 13);
    if (op === 0x0f && at + 2 < pc && next === 0x07 && code[b + STRIDE + F_IMM]! >= 0) {
      const third = code[b + 2 * STRIDE + F_OP]!;
      if (third === ((third & 0xf0) | 0x0d) && movJumpFusable(0xbf, third)) {
        code[b + F_DISPATCH] = (FUSED_ACC_LOOP + (third >> 4)) | regs;
      }
      continue;
    }
    const pair = LOAD_PAIR.get(op);
    if (pair !== undefined && next === op) {
      code[b + F_DISPATCH] = (FUSED_LOAD_PAIR + pair) | regs;
      continue;
    }
    if ((op === 0x67 && next === 0x4f) || (op === 0x64 && next === 0x4c)) {
      code[b + F_DISPATCH] = (FUSED_SHL_OR + (op === 0x64 ? 1 : 0)) | regs;
      continue;
    }
    if ((op === 0x07 && code[b + F_IMM]! >= 0) || op === 0x04) {
      // conditional jumps on two registers: JMP (0x0d | op) with ALU64, JMP32 (0x0e | op) with ALU
      const isJcondX =
        next < 0x100 && (next & 0x0f) === (op === 0x07 ? 0x0d : 0x0e) && next !== 0x0d && next !== 0x0e;
      const jop = next & 0xf0;
      if (isJcondX && isJcond(jop)) {
        code[b + F_DISPATCH] =
          (FUSED_ADD_JMP + (op === 0x04 ? 16 : 0) + (jop >> 4)) | (code[b + F_DST]! << 9);
      }
      continue;
    }
    if (op !== 0xbf && op !== 0xbc) continue;
    const k = FUSABLE.get(next);
    if (k !== undefined && (next & 7) === (op & 7)) {
      code[b + F_DISPATCH] = (FUSED_MOV + (op === 0xbc ? 32 : 0) + k) | regs;
      continue;
    }
    // the same width: mov64 with JMP (class 5), mov32 with JMP32 (class 6)
    if (movJumpFusable(op, next)) {
      const index = (op === 0xbc ? 16 : 0) + (next & 0x08 ? 0 : 32) + (next >> 4);
      code[b + F_DISPATCH] = (FUSED_MOV_JMP + index) | regs;
    }
  }
  return code;
}
