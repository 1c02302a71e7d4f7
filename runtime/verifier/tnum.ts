/**
 * Tracked numbers (kernel: kernel/bpf/tnum.c): each bit of a 64-bit value is known 0, known 1 or
 * unknown. `value` holds the known-1 bits, `mask` the unknown bits; `value & mask` is always 0.
 * Values are unsigned 64-bit bigints. Operations mirror the kernel's so that tsbpf is never more
 * precise than the kernel (a more precise verifier would skip branches the kernel explores).
 */

export const U64 = (1n << 64n) - 1n;
export const U32 = (1n << 32n) - 1n;

export interface Tnum {
  readonly value: bigint;
  readonly mask: bigint;
}

const T = (value: bigint, mask: bigint): Tnum => ({ value: value & U64, mask: mask & U64 });

export const tnumUnknown: Tnum = T(0n, U64);

export const tnumConst = (v: bigint): Tnum => T(v, 0n);

export const tnumIsConst = (a: Tnum): boolean => a.mask === 0n;

export const tnumIsUnknown = (a: Tnum): boolean => a.mask === U64;

export const tnumEquals = (a: Tnum, b: Tnum): boolean => a.value === b.value && a.mask === b.mask;

/** Index of the highest set bit, 1-based (fls64); 0 for 0. */
function fls64(x: bigint): number {
  // two 32-bit halves: Math.clz32 instead of formatting the bigint (a hot path of tnum_range)
  const hi = Number(x >> 32n);
  if (hi) return 64 - Math.clz32(hi);
  const lo = Number(x & 0xffff_ffffn);
  return lo ? 32 - Math.clz32(lo) : 0;
}

/** kernel: tnum_range — smallest tnum holding [min, max] (unsigned). */
export function tnumRange(min: bigint, max: bigint): Tnum {
  const bits = fls64((min ^ max) & U64);
  if (bits > 63) return tnumUnknown;
  const delta = (1n << BigInt(bits)) - 1n;
  return T(min & ~delta, delta);
}

export const tnumLshift = (a: Tnum, s: number): Tnum => T(a.value << BigInt(s), a.mask << BigInt(s));

export const tnumRshift = (a: Tnum, s: number): Tnum => T(a.value >> BigInt(s), a.mask >> BigInt(s));

const toS64 = (x: bigint) => BigInt.asIntN(64, x);

/** kernel: tnum_arshift (64-bit) / tnum_arshift with insn bitness 32. */
export function tnumArshift(a: Tnum, s: number, bits: 32 | 64): Tnum {
  if (bits === 32) {
    const v = BigInt.asIntN(32, a.value) >> BigInt(s);
    const m = BigInt.asIntN(32, a.mask) >> BigInt(s);
    return T(BigInt.asUintN(32, v), BigInt.asUintN(32, m));
  }
  return T(toS64(a.value) >> BigInt(s), toS64(a.mask) >> BigInt(s));
}

export function tnumAdd(a: Tnum, b: Tnum): Tnum {
  const sm = (a.mask + b.mask) & U64;
  const sv = (a.value + b.value) & U64;
  const sigma = (sm + sv) & U64;
  const chi = sigma ^ sv;
  const mu = chi | a.mask | b.mask;
  return T(sv & ~mu, mu);
}

export function tnumSub(a: Tnum, b: Tnum): Tnum {
  const dv = (a.value - b.value) & U64;
  const alpha = (dv + a.mask) & U64;
  const beta = (dv - b.mask) & U64;
  const chi = alpha ^ beta;
  const mu = chi | a.mask | b.mask;
  return T(dv & ~mu, mu);
}

export function tnumNeg(a: Tnum): Tnum {
  return tnumSub(tnumConst(0n), a);
}

export function tnumAnd(a: Tnum, b: Tnum): Tnum {
  const alpha = a.value | a.mask;
  const beta = b.value | b.mask;
  const v = a.value & b.value;
  return T(v, alpha & beta & ~v);
}

export function tnumOr(a: Tnum, b: Tnum): Tnum {
  const v = a.value | b.value;
  const mu = a.mask | b.mask;
  return T(v, mu & ~v);
}

export function tnumXor(a: Tnum, b: Tnum): Tnum {
  const v = a.value ^ b.value;
  const mu = a.mask | b.mask;
  return T(v & ~mu, mu);
}

/**
 * kernel: tnum_mul. The kernel has changed this algorithm over time; any sound tnum multiply is
 * acceptable here only if it is no more precise than the kernel's, so this uses the classic
 * half-multiply-add form and callers drop to unknown when the operands are not both small.
 */
export function tnumMul(a: Tnum, b: Tnum): Tnum {
  // a loop multiplies the same tnums every iteration; the half-multiply-add below is up to 128
  // tnum additions, so recent operands and results are kept (the function is pure)
  for (let i = 0; i < mulMemo.length; i++) {
    const m = mulMemo[i]!;
    if (m.a.mask === a.mask && m.a.value === a.value && m.b.mask === b.mask && m.b.value === b.value)
      return m.r;
  }
  const r = tnumMulSlow(a, b);
  mulMemo[mulMemoNext] = { a, b, r };
  mulMemoNext = (mulMemoNext + 1) % MUL_MEMO_SIZE;
  return r;
}
const MUL_MEMO_SIZE = 8;
const mulMemo: Array<{ readonly a: Tnum; readonly b: Tnum; readonly r: Tnum }> = [];
let mulMemoNext = 0;

function tnumMulSlow(a: Tnum, b: Tnum): Tnum {
  const hma = (acc: Tnum, value: bigint, mask: bigint): Tnum => {
    let m = mask;
    let v = value;
    let r = acc;
    while (m) {
      if (m & 1n) r = tnumAdd(r, T(0n, v));
      m >>= 1n;
      v = (v << 1n) & U64;
    }
    return r;
  };
  const pi = (a.value * b.value) & U64;
  const acc = hma(T(pi, 0n), a.mask, b.mask | b.value);
  return hma(acc, b.mask, a.value);
}

/** kernel: tnum_intersect — both tnums describe the same value. */
export function tnumIntersect(a: Tnum, b: Tnum): Tnum {
  const v = a.value | b.value;
  const mu = a.mask & b.mask;
  return T(v & ~mu, mu);
}

/** kernel: tnum_cast — keep the low `size` bytes. */
export function tnumCast(a: Tnum, size: number): Tnum {
  const m = size >= 8 ? U64 : (CAST_MASK[size] ?? (1n << BigInt(size * 8)) - 1n);
  return { value: a.value & m, mask: a.mask & m };
}
const CAST_MASK: Readonly<Record<number, bigint>> = { 1: 0xffn, 2: 0xffffn, 4: 0xffff_ffffn };

export const tnumIsAligned = (a: Tnum, size: number): boolean =>
  size === 0 || ((a.value | a.mask) & BigInt(size - 1)) === 0n;

/** kernel: tnum_in — is every value of b also a value of a? */
export function tnumIn(a: Tnum, b: Tnum): boolean {
  if (b.mask & ~a.mask) return false;
  return a.value === (b.value & ~a.mask);
}

/** kernel: tnum_subreg — the low 32 bits. */
export const tnumSubreg = (a: Tnum): Tnum => tnumCast(a, 4);

/** kernel: tnum_clear_subreg — the high 32 bits, low 32 known zero. */
export const tnumClearSubreg = (a: Tnum): Tnum => tnumLshift(tnumRshift(a, 32), 32);

/** kernel: tnum_with_subreg — high 32 bits of `reg`, low 32 bits of `subreg`. */
export const tnumWithSubreg = (reg: Tnum, subreg: Tnum): Tnum =>
  tnumOr(tnumClearSubreg(reg), tnumSubreg(subreg));

/** kernel: tnum_const_subreg. */
export const tnumConstSubreg = (a: Tnum, v: bigint): Tnum => tnumWithSubreg(a, tnumConst(v & U32));

/** kernel: tnum_strn — `(0x..; 0x..)`. */
export const tnumString = (a: Tnum): string => `(0x${a.value.toString(16)}; 0x${a.mask.toString(16)})`;
