import { Alu } from "../isa/index.js";
import {
  boundsEqual,
  isConst,
  isConst32,
  knownBounds,
  S32_MAX,
  S32_MIN,
  S64_MAX,
  S64_MIN,
  s32,
  s64,
  syncBounds,
  u32,
  u64,
  unbound32,
  unbound64,
  unknownBounds,
  zext32,
  type Bounds,
} from "./bounds.js";
import {
  tnumAdd,
  tnumAnd,
  tnumArshift,
  tnumLshift,
  tnumMul,
  tnumOr,
  tnumRshift,
  tnumSub,
  tnumSubreg,
  tnumXor,
  U32,
  U64,
} from "./tnum.js";

/**
 * Range and tnum arithmetic on scalars (kernel: adjust_scalar_min_max_vals and the
 * scalar{32,}_min_max_* helpers). Where the kernel's reasoning is subtle, this does less: a
 * wider result is always sound, a narrower one than the kernel's is not (tsbpf could then skip a
 * branch the kernel explores and accept what the kernel refuses).
 */

/** kernel: is_safe_to_compute_dst_reg_range — which operations keep ranges. */
function safeToCompute(op: number, src: Bounds, bits: 32 | 64): boolean {
  switch (op) {
    case Alu.ADD:
    case Alu.SUB:
    case Alu.AND:
    case Alu.OR:
    case Alu.XOR:
    case Alu.MUL:
      return true;
    case Alu.LSH:
    case Alu.RSH:
    case Alu.ARSH: {
      const c = bits === 32 ? isConst32(src) : isConst(src);
      const amount = bits === 32 ? src.u32max : src.umax;
      return c && amount < BigInt(bits);
    }
    default:
      return false; // DIV, MOD (and anything else) give an unknown scalar
  }
}

/** Computes `dst op= src` for scalars in place. `bits` is 32 for ALU (w registers), 64 for ALU64. */
export function scalarAlu(dst: Bounds, src: Bounds, op: number, bits: 32 | 64): Bounds {
  // The result is a pure function of the operands, and a loop body applies the same operations to
  // the same bounds every iteration (an unknown u32 times a constant, masked, shifted): recent
  // results are kept and a hit costs about twenty bigint comparisons instead of the range and tnum
  // arithmetic plus three reg_bounds_sync passes.
  // (constants fold faster than they are looked up)
  if (dst.varOff.mask === 0n && src.varOff.mask === 0n) return scalarAluSlow(dst, src, op, bits);
  // scan from the last hit: a loop body's operations come back in the same order
  const n = aluMemo.length;
  for (let j = 0; j < n; j++) {
    const i = (aluMemoHit + j) % n;
    const m = aluMemo[i]!;
    if (m.op === op && m.bits === bits && boundsEqual(m.dst, dst) && boundsEqual(m.src, src)) {
      aluMemoHit = (i + 1) % n;
      return { ...m.out };
    }
  }
  const out = scalarAluSlow(dst, src, op, bits);
  aluMemo[aluMemoNext] = { op, bits, dst: { ...dst }, src: { ...src }, out: { ...out } };
  aluMemoNext = (aluMemoNext + 1) % ALU_MEMO_SIZE;
  return out;
}

interface AluMemo {
  readonly op: number;
  readonly bits: 32 | 64;
  readonly dst: Bounds;
  readonly src: Bounds;
  readonly out: Bounds;
}
const ALU_MEMO_SIZE = 16;
const aluMemo: AluMemo[] = [];
let aluMemoNext = 0;
let aluMemoHit = 0;

function scalarAluSlow(dst: Bounds, src: Bounds, op: number, bits: 32 | 64): Bounds {
  if (!safeToCompute(op, src, bits)) {
    const r = unknownBounds();
    if (bits === 32) (zext32(r), syncBounds(r));
    return r;
  }
  // Constant folding is exact and always at most as wide as the kernel's result.
  if (bits === 64 && isConst(dst) && isConst(src))
    return knownBounds(fold(64, op, dst.varOff.value, src.varOff.value));
  if (bits === 32 && isConst32(dst) && isConst32(src)) {
    return knownBounds(fold(32, op, dst.varOff.value & U32, src.varOff.value & U32));
  }
  return bits === 64 ? alu64(dst, src, op) : alu32(dst, src, op);
}

/** Folds two constants exactly at `bits` (RFC 9669 §4.1: results wrap; shift counts are in range). */
function fold(bits: 32 | 64, op: number, a: bigint, b: bigint): bigint {
  const wrap = bits === 64 ? u64 : u32;
  switch (op) {
    case Alu.ADD:
      return wrap(a + b);
    case Alu.SUB:
      return wrap(a - b);
    case Alu.MUL:
      return wrap(a * b);
    case Alu.AND:
      return a & b;
    case Alu.OR:
      return a | b;
    case Alu.XOR:
      return a ^ b;
    case Alu.LSH:
      return wrap(a << b);
    case Alu.RSH:
      return a >> b;
    case Alu.ARSH:
      return wrap((bits === 64 ? s64(a) : s32(a)) >> b);
  }
  throw new Error(`bug: fold${bits} op ${op}`);
}

function alu64(d: Bounds, s: Bounds, op: number): Bounds {
  const r: Bounds = { ...d };
  unbound32(r); // 32-bit knowledge is re-derived from the tnum and the 64-bit ranges
  switch (op) {
    case Alu.ADD: {
      // kernel: scalar_min_max_add
      const smin = d.smin + s.smin;
      const smax = d.smax + s.smax;
      if (smin < S64_MIN || smax > S64_MAX) ((r.smin = S64_MIN), (r.smax = S64_MAX));
      else ((r.smin = smin), (r.smax = smax));
      const umin = d.umin + s.umin;
      const umax = d.umax + s.umax;
      if (umax > U64) ((r.umin = 0n), (r.umax = U64));
      else ((r.umin = umin), (r.umax = umax));
      r.varOff = tnumAdd(d.varOff, s.varOff);
      break;
    }
    case Alu.SUB: {
      // kernel: scalar_min_max_sub
      const smin = d.smin - s.smax;
      const smax = d.smax - s.smin;
      if (smin < S64_MIN || smax > S64_MAX) ((r.smin = S64_MIN), (r.smax = S64_MAX));
      else ((r.smin = smin), (r.smax = smax));
      if (d.umin < s.umax) ((r.umin = 0n), (r.umax = U64));
      else ((r.umin = d.umin - s.umax), (r.umax = d.umax - s.umin));
      r.varOff = tnumSub(d.varOff, s.varOff);
      break;
    }
    case Alu.MUL: {
      // kernel: scalar_min_max_mul (the older, narrower-applicability form)
      r.varOff = tnumMul(d.varOff, s.varOff);
      if (d.smin < 0n || s.smin < 0n || d.umax > U32 || s.umax > U32) unbound64(r);
      else {
        r.umin = d.umin * s.umin;
        r.umax = d.umax * s.umax;
        r.smin = r.umin;
        r.smax = r.umax;
        if (r.umax > S64_MAX) ((r.smin = S64_MIN), (r.smax = S64_MAX));
      }
      break;
    }
    case Alu.AND: {
      // kernel: scalar_min_max_and
      r.varOff = tnumAnd(d.varOff, s.varOff);
      r.umin = r.varOff.value;
      r.umax = d.umax < s.umax ? d.umax : s.umax;
      if (d.smin < 0n || s.smin < 0n) ((r.smin = S64_MIN), (r.smax = S64_MAX));
      else ((r.smin = r.umin), (r.smax = r.umax));
      break;
    }
    case Alu.OR: {
      // kernel: scalar_min_max_or
      r.varOff = tnumOr(d.varOff, s.varOff);
      r.umin = d.umin > s.umin ? d.umin : s.umin;
      r.umax = r.varOff.value | r.varOff.mask;
      if (d.smin < 0n || s.smin < 0n) ((r.smin = S64_MIN), (r.smax = S64_MAX));
      else ((r.smin = r.umin), (r.smax = r.umax));
      break;
    }
    case Alu.XOR: {
      // kernel: scalar_min_max_xor
      r.varOff = tnumXor(d.varOff, s.varOff);
      r.umin = r.varOff.value;
      r.umax = r.varOff.value | r.varOff.mask;
      if (d.smin >= 0n && s.smin >= 0n) ((r.smin = r.umin), (r.smax = r.umax));
      else ((r.smin = S64_MIN), (r.smax = S64_MAX));
      break;
    }
    case Alu.LSH: {
      // kernel: scalar_min_max_lsh (signed bounds left to the tnum)
      const sh = Number(s.umax);
      unbound64(r);
      if (d.umax <= U64 >> BigInt(sh)) {
        r.umin = d.umin << BigInt(sh);
        r.umax = d.umax << BigInt(sh);
      }
      r.varOff = tnumLshift(d.varOff, sh);
      break;
    }
    case Alu.RSH: {
      // kernel: scalar_min_max_rsh
      const sh = Number(s.umax);
      unbound64(r);
      r.umin = d.umin >> BigInt(sh);
      r.umax = d.umax >> BigInt(sh);
      r.varOff = tnumRshift(d.varOff, sh);
      break;
    }
    case Alu.ARSH: {
      // kernel: scalar_min_max_arsh
      const sh = Number(s.umax);
      unbound64(r);
      r.smin = d.smin >> BigInt(sh);
      r.smax = d.smax >> BigInt(sh);
      r.varOff = tnumArshift(d.varOff, sh, 64);
      break;
    }
  }
  syncBounds(r);
  return r;
}

function alu32(d: Bounds, s: Bounds, op: number): Bounds {
  const r: Bounds = { ...d };
  unbound64(r);
  const dv = tnumSubreg(d.varOff);
  const sv = tnumSubreg(s.varOff);
  switch (op) {
    case Alu.ADD: {
      // kernel: scalar32_min_max_add
      const smin = d.s32min + s.s32min;
      const smax = d.s32max + s.s32max;
      if (smin < S32_MIN || smax > S32_MAX) ((r.s32min = S32_MIN), (r.s32max = S32_MAX));
      else ((r.s32min = smin), (r.s32max = smax));
      if (d.u32max + s.u32max > U32) ((r.u32min = 0n), (r.u32max = U32));
      else ((r.u32min = d.u32min + s.u32min), (r.u32max = d.u32max + s.u32max));
      r.varOff = tnumAdd(dv, sv);
      break;
    }
    case Alu.SUB: {
      const smin = d.s32min - s.s32max;
      const smax = d.s32max - s.s32min;
      if (smin < S32_MIN || smax > S32_MAX) ((r.s32min = S32_MIN), (r.s32max = S32_MAX));
      else ((r.s32min = smin), (r.s32max = smax));
      if (d.u32min < s.u32max) ((r.u32min = 0n), (r.u32max = U32));
      else ((r.u32min = d.u32min - s.u32max), (r.u32max = d.u32max - s.u32min));
      r.varOff = tnumSub(dv, sv);
      break;
    }
    case Alu.MUL: {
      r.varOff = tnumMul(dv, sv);
      if (d.s32min < 0n || s.s32min < 0n || d.u32max > 0xffffn || s.u32max > 0xffffn) unbound32(r);
      else {
        r.u32min = d.u32min * s.u32min;
        r.u32max = d.u32max * s.u32max;
        if (r.u32max > S32_MAX) ((r.s32min = S32_MIN), (r.s32max = S32_MAX));
        else ((r.s32min = r.u32min), (r.s32max = r.u32max));
      }
      break;
    }
    case Alu.AND: {
      r.varOff = tnumAnd(dv, sv);
      r.u32min = r.varOff.value & U32;
      r.u32max = d.u32max < s.u32max ? d.u32max : s.u32max;
      if (d.s32min < 0n || s.s32min < 0n) ((r.s32min = S32_MIN), (r.s32max = S32_MAX));
      else ((r.s32min = r.u32min), (r.s32max = r.u32max));
      break;
    }
    case Alu.OR: {
      r.varOff = tnumOr(dv, sv);
      r.u32min = d.u32min > s.u32min ? d.u32min : s.u32min;
      r.u32max = (r.varOff.value | r.varOff.mask) & U32;
      if (d.s32min < 0n || s.s32min < 0n) ((r.s32min = S32_MIN), (r.s32max = S32_MAX));
      else ((r.s32min = r.u32min), (r.s32max = r.u32max));
      break;
    }
    case Alu.XOR: {
      r.varOff = tnumXor(dv, sv);
      r.u32min = r.varOff.value & U32;
      r.u32max = (r.varOff.value | r.varOff.mask) & U32;
      if (d.s32min >= 0n && s.s32min >= 0n) ((r.s32min = r.u32min), (r.s32max = r.u32max));
      else ((r.s32min = S32_MIN), (r.s32max = S32_MAX));
      break;
    }
    case Alu.LSH: {
      const sh = Number(s.u32max);
      unbound32(r);
      if (d.u32max <= U32 >> BigInt(sh)) {
        r.u32min = d.u32min << BigInt(sh);
        r.u32max = d.u32max << BigInt(sh);
      }
      r.varOff = tnumSubreg(tnumLshift(dv, sh));
      break;
    }
    case Alu.RSH: {
      const sh = Number(s.u32max);
      unbound32(r);
      r.u32min = d.u32min >> BigInt(sh);
      r.u32max = d.u32max >> BigInt(sh);
      r.varOff = tnumRshift(dv, sh);
      break;
    }
    case Alu.ARSH: {
      const sh = Number(s.u32max);
      unbound32(r);
      r.s32min = d.s32min >> BigInt(sh);
      r.s32max = d.s32max >> BigInt(sh);
      r.varOff = tnumArshift(dv, sh, 32);
      break;
    }
  }
  // A 32-bit operation zero-extends into the full register (kernel: zext_32_to_64).
  r.varOff = tnumSubreg(r.varOff);
  syncBounds(r);
  zext32(r);
  syncBounds(r);
  return r;
}

/** `dst = src` as a 32-bit move: the low half, zero-extended (kernel: check_alu_op, BPF_MOV ALU32). */
export function mov32(src: Bounds): Bounds {
  const r: Bounds = { ...src };
  unbound64(r);
  r.varOff = tnumSubreg(src.varOff);
  zext32(r);
  syncBounds(r);
  return r;
}
