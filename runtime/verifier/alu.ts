import { Alu, type Instruction, type OpForm } from "../isa/index.js";
import { isConst, knownBounds, s64, syncBounds, unknownBounds, zext32, type Bounds } from "./bounds.js";
import { failure, VerifierCode, type Failure } from "./codes.js";
import { newId, type Env } from "./env.js";
import { MAX_VAR_OFF } from "./mem.js";
import { copyReg, isPointer, regTypeName, scalarReg, type RegState } from "./reg.js";
import { mov32, scalarAlu } from "./scalar-alu.js";
import { curFrame, type VerifierState } from "./state.js";
import { U32 } from "./tnum.js";

/** Arithmetic instructions (kernel: check_alu_op, adjust_reg_min_max_vals, adjust_ptr_min_max_vals). */

const ALU_NAME: Record<number, string> = {
  [Alu.ADD]: "+=",
  [Alu.SUB]: "-=",
  [Alu.MUL]: "*=",
  [Alu.DIV]: "/=",
  [Alu.OR]: "|=",
  [Alu.AND]: "&=",
  [Alu.LSH]: "<<=",
  [Alu.RSH]: ">>=",
  [Alu.MOD]: "%=",
  [Alu.XOR]: "^=",
  [Alu.ARSH]: "s>>=",
  [Alu.NEG]: "neg",
  [Alu.END]: "endian",
};

export function checkAlu(
  env: Env,
  st: VerifierState,
  insn: Instruction,
  form: OpForm,
  readReg: (r: number) => Failure | undefined,
): Failure | undefined {
  const regs = curFrame(st).regs;
  const bits = form.is64 ? 64 : 32;
  const srcIsReg = form.src.kind === "reg";
  if (srcIsReg) {
    const f = readReg(insn.src);
    if (f) return f;
  }
  if (form.kind !== "mov" && form.kind !== "movsx") {
    const f = readReg(insn.dst);
    if (f) return f;
  }
  if (insn.dst === 10) {
    return failure(
      VerifierCode.FRAME_POINTER_WRITE,
      "frame pointer is read only",
      "r10 is the frame pointer: copy it to another register (r2 = r10) and change that",
      10,
    );
  }
  // every value handed to set is a register built here (never one a state holds), so it is marked in place
  const set = (r: RegState) => {
    r.written = true;
    regs[insn.dst] = r;
  };

  switch (form.kind) {
    case "mov": {
      if (!srcIsReg)
        return (
          set(scalarReg(knownBounds(bits === 64 ? BigInt(insn.imm) : BigInt(insn.imm >>> 0)))),
          undefined
        );
      const src = regs[insn.src]!;
      if (bits === 64) return (set(copyReg(src)), undefined);
      // 32-bit move of a pointer keeps nothing of it (privileged: an unknown scalar)
      return (set(scalarReg(src.type === "scalar" ? mov32(src.bounds) : unknown32())), undefined);
    }
    case "movsx": {
      const src = regs[insn.src]!;
      // sign extension: exact for constants, unknown otherwise (kernel: coerce_reg_to_size_sx is more precise)
      if (src.type === "scalar" && isConst(src.bounds)) {
        const v = BigInt.asIntN(form.size, src.bounds.varOff.value);
        return (set(scalarReg(knownBounds(bits === 64 ? v : BigInt.asUintN(32, v)))), undefined);
      }
      return (set(scalarReg(bits === 64 ? unknownBounds() : unknown32())), undefined);
    }
    case "neg":
    case "end":
    case "bswap":
      // kernel tracking of these is version dependent; an unknown scalar is never narrower
      return (set(scalarReg(bits === 64 || form.kind !== "neg" ? unknownBounds() : unknown32())), undefined);
    case "alu":
      break;
    default:
      throw new Error(`bug: checkAlu on ${form.kind}`);
  }

  const op = form.op;
  if (!srcIsReg) {
    if ((op === Alu.DIV || op === Alu.MOD) && insn.imm === 0) {
      return failure(
        VerifierCode.DIV_BY_ZERO,
        "div by zero",
        "dividing by the constant 0 is refused; at run time division by a zero register yields 0",
      );
    }
    if ((op === Alu.LSH || op === Alu.RSH || op === Alu.ARSH) && (insn.imm < 0 || insn.imm >= bits)) {
      return failure(
        VerifierCode.INVALID_SHIFT,
        `invalid shift ${insn.imm}`,
        `shift amounts must be 0..${bits - 1}`,
      );
    }
  }
  const dst = regs[insn.dst]!;
  const src: RegState = srcIsReg ? regs[insn.src]! : immReg(insn.imm, bits);

  if (isPointer(dst) && isPointer(src)) {
    // kernel: adjust_reg_min_max_vals — pointer minus pointer is a (privileged) scalar; nothing else
    if (op === Alu.SUB) return (set(scalarReg(bits === 64 ? unknownBounds() : unknown32())), undefined);
    return failure(
      VerifierCode.POINTER_ARITH,
      `R${insn.dst} pointer ${ALU_NAME[op]} pointer prohibited`,
      "only subtracting two pointers is allowed",
      insn.dst,
    );
  }
  if (isPointer(dst) || isPointer(src)) {
    const ptrIsDst = isPointer(dst);
    const r = pointerArith(env, insn.dst, ptrIsDst ? dst : src, ptrIsDst ? src : dst, op, bits, ptrIsDst);
    if ("code" in r) return r;
    return (set(r), undefined);
  }
  return (set(scalarReg(scalarAlu(dst.bounds, src.bounds, op, bits as 32 | 64))), undefined);
}

/**
 * The constant scalar of an immediate operand. It is only read (never stored in a state), so one
 * object per value is kept: loops execute the same immediates over and over.
 */
function immReg(imm: number, bits: number): RegState {
  const cache = bits === 64 ? imm64 : imm32;
  let r = cache.get(imm);
  if (!r) {
    if (cache.size > 4096) cache.clear();
    r = scalarReg(knownBounds(bits === 64 ? BigInt(imm) : BigInt(imm >>> 0)));
    cache.set(imm, r);
  }
  return r;
}
const imm64 = new Map<number, RegState>();
const imm32 = new Map<number, RegState>();

function unknown32(): Bounds {
  const b = unknownBounds();
  zext32(b);
  syncBounds(b);
  return b;
}

/** kernel: adjust_ptr_min_max_vals. */
function pointerArith(
  env: Env,
  dstno: number,
  ptr: RegState,
  off: RegState,
  op: number,
  bits: number,
  ptrIsDst: boolean,
): RegState | Failure {
  const type = regTypeName(ptr);
  if (bits !== 64) {
    if (op === Alu.SUB) return scalarReg(unknown32());
    return failure(
      VerifierCode.POINTER_ARITH,
      `R${dstno} 32-bit pointer arithmetic prohibited`,
      "do pointer arithmetic with 64-bit registers (r, not w)",
      dstno,
    );
  }
  if (ptr.maybeNull) {
    return failure(
      VerifierCode.NULL_POINTER,
      `R${dstno} pointer arithmetic on ${type} prohibited, null-check it first`,
      "compare the pointer with 0 before doing arithmetic on it",
      dstno,
    );
  }
  const known = isConst(off.bounds);
  const val = s64(off.bounds.varOff.value);
  switch (ptr.type) {
    case "ctx":
    case "map_value":
    case "stack":
    case "pkt":
    case "pkt_meta":
    case "mem":
      break;
    default:
      // CONST_PTR_TO_MAP tolerates only `+= 0`
      if (ptr.type === "map_ptr" && known && val === 0n && op === Alu.ADD) return copyReg(ptr);
      return failure(
        VerifierCode.POINTER_ARITH,
        `R${dstno} pointer arithmetic on ${type} prohibited`,
        `${type} pointers cannot be moved: use them as they are`,
        dstno,
      );
  }
  // kernel: check_reg_sane_offset
  if (known && (val >= BigInt(MAX_VAR_OFF) || val <= -BigInt(MAX_VAR_OFF))) {
    return failure(
      VerifierCode.POINTER_ARITH,
      `math between ${type} pointer and ${val} is not allowed`,
      undefined,
      dstno,
    );
  }
  if (!known && off.bounds.smin === -(1n << 63n)) {
    return failure(
      VerifierCode.POINTER_ARITH,
      `math between ${type} pointer and register with unbounded min value is not allowed`,
      "bound the offset (e.g. with &= or an unsigned comparison) before adding it to a pointer",
      dstno,
    );
  }
  if (!known && off.bounds.smin <= -BigInt(MAX_VAR_OFF)) {
    return failure(
      VerifierCode.POINTER_ARITH,
      `value ${off.bounds.smin} makes ${type} pointer be out of bounds`,
      "bound the offset before adding it to a pointer",
      dstno,
    );
  }
  if (op === Alu.ADD) {
    const r = copyReg(ptr);
    if (known) {
      const noff = ptr.off + Number(val);
      if (noff >= MAX_VAR_OFF || noff <= -MAX_VAR_OFF) {
        return failure(
          VerifierCode.POINTER_ARITH,
          `${type} pointer offset ${noff} is not allowed`,
          undefined,
          dstno,
        );
      }
      r.off = noff;
      return r;
    }
    r.bounds = scalarAlu(ptr.bounds, off.bounds, Alu.ADD, 64);
    if (ptr.type === "pkt" || ptr.type === "pkt_meta") {
      r.id = newId(env); // a packet pointer with a new variable part needs its own range check
      r.range = 0;
    }
    return r;
  }
  if (op === Alu.SUB) {
    if (!ptrIsDst) {
      return failure(
        VerifierCode.POINTER_ARITH,
        `R${dstno} tried to subtract pointer from scalar`,
        undefined,
        dstno,
      );
    }
    const r = copyReg(ptr);
    if (known && val !== -(1n << 63n)) {
      const noff = ptr.off - Number(val);
      if (noff >= MAX_VAR_OFF || noff <= -MAX_VAR_OFF) {
        return failure(
          VerifierCode.POINTER_ARITH,
          `${type} pointer offset ${noff} is not allowed`,
          undefined,
          dstno,
        );
      }
      r.off = noff;
      return r;
    }
    if (ptr.type === "stack") {
      return failure(
        VerifierCode.POINTER_ARITH,
        `R${dstno} subtraction from stack pointer prohibited`,
        undefined,
        dstno,
      );
    }
    r.bounds = scalarAlu(ptr.bounds, off.bounds, Alu.SUB, 64);
    if (ptr.type === "pkt" || ptr.type === "pkt_meta") {
      r.id = newId(env);
      r.range = 0;
    }
    return r;
  }
  if (op === Alu.AND || op === Alu.OR || op === Alu.XOR) {
    return failure(
      VerifierCode.POINTER_ARITH,
      `R${dstno} bitwise operator ${ALU_NAME[op]} on pointer prohibited`,
      undefined,
      dstno,
    );
  }
  return failure(
    VerifierCode.POINTER_ARITH,
    `R${dstno} pointer arithmetic with ${ALU_NAME[op]} operator prohibited`,
    undefined,
    dstno,
  );
}

export { U32 };
