import {
  tnumCast,
  tnumConst,
  tnumIntersect,
  tnumRange,
  tnumSubreg,
  tnumUnknown,
  tnumWithSubreg,
  U32,
  U64,
  type Tnum,
} from "./tnum.js";

/**
 * Numeric knowledge about a scalar (or about the variable part of a pointer's offset), as the
 * kernel keeps it in struct bpf_reg_state: signed/unsigned 64-bit and 32-bit ranges plus a tnum.
 * All values are bigints; unsigned fields are in [0, 2^64) / [0, 2^32), signed ones in the
 * two's-complement range.
 */
export interface Bounds {
  smin: bigint;
  smax: bigint;
  umin: bigint;
  umax: bigint;
  s32min: bigint;
  s32max: bigint;
  u32min: bigint;
  u32max: bigint;
  varOff: Tnum;
}

export const S64_MIN = -(1n << 63n);
export const S64_MAX = (1n << 63n) - 1n;
export const S32_MIN = -(1n << 31n);
export const S32_MAX = (1n << 31n) - 1n;

export const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
export const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
export const s32 = (x: bigint): bigint => BigInt.asIntN(32, x);
export const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);
const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** kernel: __mark_reg_unbounded + tnum_unknown (__mark_reg_unknown's numeric part). */
export function unknownBounds(): Bounds {
  return {
    smin: S64_MIN,
    smax: S64_MAX,
    umin: 0n,
    umax: U64,
    s32min: S32_MIN,
    s32max: S32_MAX,
    u32min: 0n,
    u32max: U32,
    varOff: tnumUnknown,
  };
}

/** kernel: __mark_reg_known. */
export function knownBounds(value: bigint): Bounds {
  const v = u64(value);
  const lo = u32(v);
  return {
    smin: s64(v),
    smax: s64(v),
    umin: v,
    umax: v,
    s32min: s32(lo),
    s32max: s32(lo),
    u32min: lo,
    u32max: lo,
    varOff: tnumConst(v),
  };
}

export const isConst = (b: Bounds): boolean => b.varOff.mask === 0n;
export const isConst32 = (b: Bounds): boolean => (b.varOff.mask & U32) === 0n;
export const constValue = (b: Bounds): bigint => b.varOff.value;

/** kernel: __mark_reg32_unbounded. */
export function unbound32(b: Bounds): void {
  b.s32min = S32_MIN;
  b.s32max = S32_MAX;
  b.u32min = 0n;
  b.u32max = U32;
}

/** kernel: __mark_reg64_unbounded. */
export function unbound64(b: Bounds): void {
  b.smin = S64_MIN;
  b.smax = S64_MAX;
  b.umin = 0n;
  b.umax = U64;
}

/** kernel: __update_reg32_bounds — tighten the 32-bit ranges from the tnum. */
function update32(b: Bounds): void {
  const t = tnumSubreg(b.varOff);
  b.s32min = max(b.s32min, s32(t.value | (t.mask & 0x8000_0000n)));
  b.s32max = min(b.s32max, s32(t.value | (t.mask & 0x7fff_ffffn)));
  b.u32min = max(b.u32min, t.value);
  b.u32max = min(b.u32max, t.value | t.mask);
}

/** kernel: __update_reg64_bounds. */
function update64(b: Bounds): void {
  const t = b.varOff;
  b.smin = max(b.smin, s64(t.value | (t.mask & (1n << 63n))));
  b.smax = min(b.smax, s64(t.value | (t.mask & S64_MAX)));
  b.umin = max(b.umin, t.value);
  b.umax = min(b.umax, t.value | t.mask);
}

/**
 * kernel: __reg32_deduce_bounds / __reg64_deduce_bounds, the uncontroversial subset. The kernel
 * deduces more (mixed 32/64 cases); deducing less keeps tsbpf's ranges a superset of the kernel's.
 */
function deduce(b: Bounds): void {
  // 32-bit range from the 64-bit one when the upper halves agree
  if (b.umin >> 32n === b.umax >> 32n) {
    b.u32min = max(b.u32min, u32(b.umin));
    b.u32max = min(b.u32max, u32(b.umax));
    if (s32(u32(b.umin)) <= s32(u32(b.umax))) {
      b.s32min = max(b.s32min, s32(u32(b.umin)));
      b.s32max = min(b.s32max, s32(u32(b.umax)));
    }
  }
  if (b.smin >> 32n === b.smax >> 32n) {
    b.u32min = max(b.u32min, u32(b.smin));
    b.u32max = min(b.u32max, u32(b.smax));
    if (s32(u32(b.smin)) <= s32(u32(b.smax))) {
      b.s32min = max(b.s32min, s32(u32(b.smin)));
      b.s32max = min(b.s32max, s32(u32(b.smax)));
    }
  }
  // signed <-> unsigned within 32 bits when the range does not cross the sign boundary
  if (s32(b.u32min) <= s32(b.u32max)) {
    b.s32min = max(b.s32min, s32(b.u32min));
    b.s32max = min(b.s32max, s32(b.u32max));
  }
  if (u32(b.s32min) <= u32(b.s32max)) {
    b.u32min = max(b.u32min, u32(b.s32min));
    b.u32max = min(b.u32max, u32(b.s32max));
  }
  // and within 64 bits
  if (s64(b.umin) <= s64(b.umax)) {
    b.smin = max(b.smin, s64(b.umin));
    b.smax = min(b.smax, s64(b.umax));
  }
  if (u64(b.smin) <= u64(b.smax)) {
    b.umin = max(b.umin, u64(b.smin));
    b.umax = min(b.umax, u64(b.smax));
  }
}

/** kernel: __reg_bound_offset — tnum from the unsigned ranges. */
function boundOffset(b: Bounds): void {
  const var64 = tnumIntersect(b.varOff, tnumRange(b.umin, b.umax));
  const var32 = tnumIntersect(tnumSubreg(var64), tnumRange(b.u32min, b.u32max));
  b.varOff = tnumWithSubreg(var64, var32);
}

/**
 * syncBounds is a pure function of the nine fields, and loops feed it the same few inputs over and
 * over (an unknown u32, an unknown u64, a masked byte), so the last results are kept: a hit costs
 * ten bigint comparisons instead of some sixty bigint operations. Entries are round-robin replaced.
 */
interface SyncMemo {
  readonly input: Bounds;
  readonly output: Bounds;
}
const SYNC_MEMO_SIZE = 16;
const syncMemo: SyncMemo[] = [];
let syncMemoNext = 0;

const sameBounds = (a: Bounds, b: Bounds): boolean =>
  a.varOff.mask === b.varOff.mask &&
  a.varOff.value === b.varOff.value &&
  a.umax === b.umax &&
  a.umin === b.umin &&
  a.u32max === b.u32max &&
  a.u32min === b.u32min &&
  a.smin === b.smin &&
  a.smax === b.smax &&
  a.s32min === b.s32min &&
  a.s32max === b.s32max;

function assignBounds(to: Bounds, from: Bounds): void {
  to.smin = from.smin;
  to.smax = from.smax;
  to.umin = from.umin;
  to.umax = from.umax;
  to.s32min = from.s32min;
  to.s32max = from.s32max;
  to.u32min = from.u32min;
  to.u32max = from.u32max;
  to.varOff = from.varOff; // tnums are immutable values
}

/** kernel: reg_bounds_sync. */
export function syncBounds(b: Bounds): void {
  if (b.varOff.mask === 0n) {
    // a constant whose ranges already say exactly that constant is a fixed point
    const v = b.varOff.value;
    if (b.umin === v && b.umax === v && b.u32min === (v & U32) && b.u32max === b.u32min) {
      const sv = s64(v);
      const sv32 = s32(b.u32min);
      if (b.smin === sv && b.smax === sv && b.s32min === sv32 && b.s32max === sv32) return;
    }
  }
  for (let i = 0; i < syncMemo.length; i++) {
    const m = syncMemo[i]!;
    if (sameBounds(m.input, b)) return assignBounds(b, m.output);
  }
  const input = { ...b };
  syncBoundsSlow(b);
  syncMemo[syncMemoNext] = { input, output: { ...b } };
  syncMemoNext = (syncMemoNext + 1) % SYNC_MEMO_SIZE;
}

function syncBoundsSlow(b: Bounds): void {
  update32(b);
  update64(b);
  deduce(b);
  deduce(b);
  boundOffset(b);
  update32(b);
  update64(b);
}

/** True when the ranges are contradictory (no value satisfies them): the path cannot happen. */
export function boundsEmpty(b: Bounds): boolean {
  return (
    b.smin > b.smax ||
    b.umin > b.umax ||
    b.s32min > b.s32max ||
    b.u32min > b.u32max ||
    (b.varOff.value & b.varOff.mask) !== 0n
  );
}

/** kernel: zext_32_to_64 / __reg_assign_32_into_64 — the result of a 32-bit ALU op. */
export function zext32(b: Bounds): void {
  b.varOff = tnumSubreg(b.varOff);
  b.umin = b.u32min;
  b.umax = b.u32max;
  if (b.s32min >= 0n) {
    b.smin = b.s32min;
    b.smax = b.s32max;
  } else {
    b.smin = 0n;
    b.smax = U32;
  }
}

/** kernel: coerce_reg_to_size — the value zero-extended from `size` bytes (narrow loads). */
export function coerceToSize(b: Bounds, size: number): void {
  if (size >= 8) return;
  b.varOff = tnumCast(b.varOff, size);
  const m = (1n << BigInt(size * 8)) - 1n;
  if (b.umin >> BigInt(size * 8) === b.umax >> BigInt(size * 8)) {
    b.umin &= m;
    b.umax &= m;
  } else {
    b.umin = 0n;
    b.umax = m;
  }
  b.smin = b.umin;
  b.smax = b.umax;
  unbound32(b);
  syncBounds(b);
}

export function copyBounds(b: Bounds): Bounds {
  return { ...b };
}

/** Unknown bounds of a value known to fit in `size` bytes unsigned (e.g. a narrow load). */
export function unknownOfSize(size: number): Bounds {
  const b = unknownBounds();
  coerceToSize(b, size);
  return b;
}

/** Same knowledge, field for field (the memo lookups compare the most telling fields first). */
export function boundsEqual(a: Bounds, b: Bounds): boolean {
  return a === b || sameBounds(a, b);
}

/** kernel: range_within + tnum_in — every value `cur` allows, `old` allows too. */
export function boundsWithin(old: Bounds, cur: Bounds): boolean {
  return (
    old.smin <= cur.smin &&
    old.smax >= cur.smax &&
    old.umin <= cur.umin &&
    old.umax >= cur.umax &&
    old.s32min <= cur.s32min &&
    old.s32max >= cur.s32max &&
    old.u32min <= cur.u32min &&
    old.u32max >= cur.u32max &&
    (cur.varOff.mask & ~old.varOff.mask) === 0n &&
    old.varOff.value === (cur.varOff.value & ~old.varOff.mask)
  );
}
