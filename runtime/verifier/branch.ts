import { Jmp } from "../isa/index.js";
import { boundsEmpty, boundsEqual, isConst, isConst32, syncBounds, type Bounds } from "./bounds.js";
import { MAX_PACKET_OFF } from "./mem.js";
import { scalarReg, type RegState } from "./reg.js";
import { replaceRegs, type VerifierState } from "./state.js";
import { tnumAnd, tnumConst, tnumIntersect, tnumOr, tnumSubreg, tnumWithSubreg, U32, U64 } from "./tnum.js";

/**
 * What a conditional jump teaches (kernel: check_cond_jmp_op): whether a branch is decided
 * (is_branch_taken), how ranges narrow on each side (reg_set_min_max / regs_refine_cond_op),
 * null checks (mark_ptr_or_null_regs) and packet bounds checks (try_match_pkt_pointers).
 */

/** The opposite condition (kernel: rev_opcode / flip). */
export function negate(op: number): number {
  switch (op) {
    case Jmp.JEQ:
      return Jmp.JNE;
    case Jmp.JNE:
      return Jmp.JEQ;
    case Jmp.JGT:
      return Jmp.JLE;
    case Jmp.JLE:
      return Jmp.JGT;
    case Jmp.JGE:
      return Jmp.JLT;
    case Jmp.JLT:
      return Jmp.JGE;
    case Jmp.JSGT:
      return Jmp.JSLE;
    case Jmp.JSLE:
      return Jmp.JSGT;
    case Jmp.JSGE:
      return Jmp.JSLT;
    case Jmp.JSLT:
      return Jmp.JSGE;
    default:
      return -1; // JSET has no opcode for its negation
  }
}

/** `a op b` is `b swap(op) a` (kernel: flip_opcode). */
function swapped(op: number): number {
  switch (op) {
    case Jmp.JGT:
      return Jmp.JLT;
    case Jmp.JLT:
      return Jmp.JGT;
    case Jmp.JGE:
      return Jmp.JLE;
    case Jmp.JLE:
      return Jmp.JGE;
    case Jmp.JSGT:
      return Jmp.JSLT;
    case Jmp.JSLT:
      return Jmp.JSGT;
    case Jmp.JSGE:
      return Jmp.JSLE;
    case Jmp.JSLE:
      return Jmp.JSGE;
    default:
      return op;
  }
}

interface View {
  umin: bigint;
  umax: bigint;
  smin: bigint;
  smax: bigint;
}
const view = (b: Bounds, is32: boolean): View =>
  is32 ? { umin: b.u32min, umax: b.u32max, smin: b.s32min, smax: b.s32max } : b;

/** kernel: is_scalar_branch_taken — 1 taken, 0 not taken, -1 unknown. */
export function scalarBranchTaken(a: Bounds, b: Bounds, op: number, is32: boolean): -1 | 0 | 1 {
  const x = view(a, is32);
  const y = view(b, is32);
  const aConst = is32 ? isConst32(a) : isConst(a);
  const bConst = is32 ? isConst32(b) : isConst(b);
  const av = is32 ? a.varOff.value & U32 : a.varOff.value;
  const bv = is32 ? b.varOff.value & U32 : b.varOff.value;
  switch (op) {
    case Jmp.JEQ:
    case Jmp.JNE: {
      let eq: -1 | 0 | 1 = -1;
      if (aConst && bConst) eq = av === bv ? 1 : 0;
      else if (x.umin > y.umax || x.umax < y.umin || x.smin > y.smax || x.smax < y.smin) eq = 0;
      if (eq === -1) return -1;
      return op === Jmp.JEQ ? eq : ((1 - eq) as 0 | 1);
    }
    case Jmp.JSET: {
      let t = is32 ? tnumSubreg(a.varOff) : a.varOff;
      let c = bv;
      if (!bConst) {
        if (!aConst) return -1;
        t = is32 ? tnumSubreg(b.varOff) : b.varOff;
        c = av;
      }
      if (t.value & c) return 1;
      if (((t.value | t.mask) & c) === 0n) return 0;
      return -1;
    }
    case Jmp.JGT:
      return x.umin > y.umax ? 1 : x.umax <= y.umin ? 0 : -1;
    case Jmp.JGE:
      return x.umin >= y.umax ? 1 : x.umax < y.umin ? 0 : -1;
    case Jmp.JLT:
      return x.umax < y.umin ? 1 : x.umin >= y.umax ? 0 : -1;
    case Jmp.JLE:
      return x.umax <= y.umin ? 1 : x.umin > y.umax ? 0 : -1;
    case Jmp.JSGT:
      return x.smin > y.smax ? 1 : x.smax <= y.smin ? 0 : -1;
    case Jmp.JSGE:
      return x.smin >= y.smax ? 1 : x.smax < y.smin ? 0 : -1;
    case Jmp.JSLT:
      return x.smax < y.smin ? 1 : x.smin >= y.smax ? 0 : -1;
    case Jmp.JSLE:
      return x.smax <= y.smin ? 1 : x.smin > y.smax ? 0 : -1;
  }
  return -1;
}

const maxB = (a: bigint, b: bigint) => (a > b ? a : b);
const minB = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * kernel: regs_refine_cond_op — narrow `a` and `b` assuming `a op b` holds (op is the condition
 * of the branch being refined; `jsetFalse` marks the not-taken side of a JSET). Modifies copies;
 * returns undefined when the result would be contradictory (then the caller keeps the old bounds).
 */
export function refine(
  a0: Bounds,
  b0: Bounds,
  op: number,
  is32: boolean,
  jsetFalse = false,
): [Bounds, Bounds] | undefined {
  // pure in its operands, and a loop refines the same bounds on the same compare every iteration:
  // recent results are kept (copies are handed out, the kept ones never change)
  if (a0.varOff.mask !== 0n || b0.varOff.mask !== 0n) {
    for (let i = 0; i < refineMemo.length; i++) {
      const m = refineMemo[i]!;
      if (
        m.op === op &&
        m.is32 === is32 &&
        m.jsetFalse === jsetFalse &&
        boundsEqual(m.a, a0) &&
        boundsEqual(m.b, b0)
      )
        return m.out && [{ ...m.out[0] }, { ...m.out[1] }];
    }
  }
  const out = refineSlow(a0, b0, op, is32, jsetFalse);
  refineMemo[refineMemoNext] = {
    op,
    is32,
    jsetFalse,
    a: { ...a0 },
    b: { ...b0 },
    out: out && [{ ...out[0] }, { ...out[1] }],
  };
  refineMemoNext = (refineMemoNext + 1) % REFINE_MEMO_SIZE;
  return out;
}

interface RefineMemo {
  readonly op: number;
  readonly is32: boolean;
  readonly jsetFalse: boolean;
  readonly a: Bounds;
  readonly b: Bounds;
  readonly out: readonly [Bounds, Bounds] | undefined;
}
const REFINE_MEMO_SIZE = 16;
const refineMemo: RefineMemo[] = [];
let refineMemoNext = 0;

function refineSlow(
  a0: Bounds,
  b0: Bounds,
  op: number,
  is32: boolean,
  jsetFalse: boolean,
): [Bounds, Bounds] | undefined {
  const a = { ...a0 };
  const b = { ...b0 };
  const aConst = is32 ? isConst32(a) : isConst(a);
  const bConst = is32 ? isConst32(b) : isConst(b);
  if (jsetFalse) {
    if (!bConst) return [a, b];
    const val = is32 ? b.varOff.value & U32 : b.varOff.value;
    a.varOff = tnumAnd(a.varOff, tnumConst(~val & U64));
  } else if (is32) refine32(a, b, op, aConst, bConst);
  else refine64(a, b, op, aConst, bConst);
  syncBounds(a);
  syncBounds(b);
  if (boundsEmpty(a) || boundsEmpty(b)) return undefined;
  return [a, b];
}

function refine64(a: Bounds, b: Bounds, op: number, aConst: boolean, bConst: boolean): void {
  switch (op) {
    case Jmp.JEQ: {
      a.umin = b.umin = maxB(a.umin, b.umin);
      a.umax = b.umax = minB(a.umax, b.umax);
      a.smin = b.smin = maxB(a.smin, b.smin);
      a.smax = b.smax = minB(a.smax, b.smax);
      a.varOff = b.varOff = tnumIntersect(a.varOff, b.varOff);
      break;
    }
    case Jmp.JNE: {
      const [r, c] = bConst ? [a, b] : aConst ? [b, a] : [undefined, undefined];
      if (!r || !c) break;
      const v = c.varOff.value;
      if (r.umin === v) r.umin += 1n;
      if (r.umax === v) r.umax -= 1n;
      const sv = BigInt.asIntN(64, v);
      if (r.smin === sv) r.smin += 1n;
      if (r.smax === sv) r.smax -= 1n;
      break;
    }
    case Jmp.JSET: {
      const [r, c] = bConst ? [a, b] : aConst ? [b, a] : [undefined, undefined];
      if (!r || !c) break;
      const v = c.varOff.value;
      if (v !== 0n && (v & (v - 1n)) === 0n) r.varOff = tnumOr(r.varOff, tnumConst(v));
      break;
    }
    case Jmp.JLE:
      a.umax = minB(a.umax, b.umax);
      b.umin = maxB(b.umin, a.umin);
      break;
    case Jmp.JLT:
      a.umax = minB(a.umax, b.umax - 1n);
      b.umin = maxB(b.umin, a.umin + 1n);
      break;
    case Jmp.JSLE:
      a.smax = minB(a.smax, b.smax);
      b.smin = maxB(b.smin, a.smin);
      break;
    case Jmp.JSLT:
      a.smax = minB(a.smax, b.smax - 1n);
      b.smin = maxB(b.smin, a.smin + 1n);
      break;
    case Jmp.JGE:
    case Jmp.JGT:
    case Jmp.JSGE:
    case Jmp.JSGT:
      refine64(b, a, swapped(op), bConst, aConst);
      break;
  }
}

function refine32(a: Bounds, b: Bounds, op: number, aConst: boolean, bConst: boolean): void {
  switch (op) {
    case Jmp.JEQ: {
      a.u32min = b.u32min = maxB(a.u32min, b.u32min);
      a.u32max = b.u32max = minB(a.u32max, b.u32max);
      a.s32min = b.s32min = maxB(a.s32min, b.s32min);
      a.s32max = b.s32max = minB(a.s32max, b.s32max);
      const t = tnumIntersect(tnumSubreg(a.varOff), tnumSubreg(b.varOff));
      a.varOff = tnumWithSubreg(a.varOff, t);
      b.varOff = tnumWithSubreg(b.varOff, t);
      break;
    }
    case Jmp.JNE: {
      const [r, c] = bConst ? [a, b] : aConst ? [b, a] : [undefined, undefined];
      if (!r || !c) break;
      const v = c.varOff.value & U32;
      if (r.u32min === v) r.u32min += 1n;
      if (r.u32max === v) r.u32max -= 1n;
      const sv = BigInt.asIntN(32, v);
      if (r.s32min === sv) r.s32min += 1n;
      if (r.s32max === sv) r.s32max -= 1n;
      break;
    }
    case Jmp.JSET: {
      const [r, c] = bConst ? [a, b] : aConst ? [b, a] : [undefined, undefined];
      if (!r || !c) break;
      const v = c.varOff.value & U32;
      if (v !== 0n && (v & (v - 1n)) === 0n) r.varOff = tnumOr(r.varOff, tnumConst(v));
      break;
    }
    case Jmp.JLE:
      a.u32max = minB(a.u32max, b.u32max);
      b.u32min = maxB(b.u32min, a.u32min);
      break;
    case Jmp.JLT:
      a.u32max = minB(a.u32max, b.u32max - 1n);
      b.u32min = maxB(b.u32min, a.u32min + 1n);
      break;
    case Jmp.JSLE:
      a.s32max = minB(a.s32max, b.s32max);
      b.s32min = maxB(b.s32min, a.s32min);
      break;
    case Jmp.JSLT:
      a.s32max = minB(a.s32max, b.s32max - 1n);
      b.s32min = maxB(b.s32min, a.s32min + 1n);
      break;
    case Jmp.JGE:
    case Jmp.JGT:
    case Jmp.JSGE:
    case Jmp.JSGT:
      refine32(b, a, swapped(op), bConst, aConst);
      break;
  }
}

/**
 * kernel: mark_ptr_or_null_regs — after `if (p == 0)`, every copy of p (same id) is either the
 * scalar 0 or a valid pointer. A NULL ring buffer record holds no reference.
 */
export function markPtrOrNull(st: VerifierState, id: number, isNull: boolean): void {
  if (!id) return;
  for (const f of st.frames) {
    const fix = (r: RegState): RegState => {
      if (r.id !== id || !r.maybeNull) return r;
      if (isNull) return { ...scalarReg(), bounds: zeroBounds(), written: r.written };
      return { ...r, maybeNull: false, id: r.type === "map_value" ? 0 : r.id };
    };
    f.regs = f.regs.map(fix);
    f.stack.spills = f.stack.spills.map((r) => (r ? fix(r) : r));
  }
  if (isNull) st.refs = st.refs.filter((ref) => ref.id !== id);
}

function zeroBounds(): Bounds {
  return { ...constZero };
}
const constZero: Bounds = {
  smin: 0n,
  smax: 0n,
  umin: 0n,
  umax: 0n,
  s32min: 0n,
  s32max: 0n,
  u32min: 0n,
  u32max: 0n,
  varOff: tnumConst(0n),
};

/**
 * kernel: find_good_pkt_pointers — `pkt + off <= pkt_end` holds, so bytes [0, off) from every
 * packet pointer of the same id and type are readable. `rightOpen` is the strict form, for which
 * the kernel grants one byte less.
 */
export function markGoodPacket(st: VerifierState, ptr: RegState, rightOpen: boolean): void {
  if (ptr.off < 0 || (ptr.off === 0 && rightOpen)) return;
  if (ptr.bounds.umax > BigInt(MAX_PACKET_OFF) || ptr.bounds.umax + BigInt(ptr.off) > BigInt(MAX_PACKET_OFF))
    return;
  const range = ptr.off - (rightOpen ? 1 : 0);
  replaceRegs(st, (r) =>
    r.type === ptr.type && r.id === ptr.id && r.range < range ? { ...r, range } : undefined,
  );
}
