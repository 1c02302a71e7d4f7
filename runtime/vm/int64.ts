/**
 * Exact 64-bit arithmetic on values held as two int32 halves (lo, hi), shared by the interpreter
 * and the JavaScript tier. BigInt registers would be 50–120× slower than the kernel's JIT (see
 * shared/bench/README.md); halves stay in V8's int32 representation. Division follows RFC 9669
 * §4.1: unsigned or (offset 1) signed truncating division, x/0 = 0, x%0 = x, MIN/-1 = MIN,
 * MIN%-1 = 0.
 *
 * Results that do not fit a return value go to `OUT` (lo in OUT[0], hi in OUT[1]).
 */
export const OUT = new Int32Array(2);

/** High 32 bits of the unsigned 64-bit product of two u32 values (in int32 form). */
export function mulHiU32(a: number, b: number): number {
  // 16-bit limbs: every partial product fits 32 bits, so all of it is integer arithmetic (short
  // latency, which matters in loops whose every iteration multiplies the previous result)
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = Math.imul(a0, b1) >>> 0;
  const p10 = Math.imul(a1, b0) >>> 0;
  const mid = (Math.imul(a0, b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (Math.imul(a1, b1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
}

/** High half of the 64-bit product (the low half is Math.imul(alo, blo)). */
export function mul64Hi(alo: number, ahi: number, blo: number, bhi: number): number {
  return (mulHiU32(alo, blo) + Math.imul(ahi, blo) + Math.imul(alo, bhi)) | 0;
}

const TWO32 = 4294967296;

function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function fromBig(v: bigint): void {
  OUT[0] = Number(BigInt.asIntN(32, v));
  OUT[1] = Number(BigInt.asIntN(32, v >> 32n));
}

/**
 * Unsigned a / b and a % b into OUT (quotient) and REM (remainder); b must be non-zero.
 * Divisors below 2^32 use two exact 48-bit double steps; larger ones (quotient < 2^32) BigInt.
 */
export const REM = new Int32Array(2);
export function udivmod64(alo: number, ahi: number, blo: number, bhi: number): void {
  const d = blo >>> 0;
  if (bhi === 0) {
    const h = ahi >>> 0;
    if (h === 0) {
      const a = alo >>> 0;
      const q = Math.floor(a / d);
      OUT[0] = q | 0;
      OUT[1] = 0;
      REM[0] = (a - q * d) | 0;
      REM[1] = 0;
      return;
    }
    if (d < 0x200000) {
      // below 2^21: (remainder of the high word)·2^32 + low word is below 2^53, one exact step
      const qh = Math.floor(h / d);
      const t = (h - qh * d) * TWO32 + (alo >>> 0);
      const ql = Math.floor(t / d);
      OUT[0] = ql | 0;
      OUT[1] = qh | 0;
      REM[0] = (t - ql * d) | 0;
      REM[1] = 0;
      return;
    }
    // schoolbook division in base 2^16 below the high word: every partial dividend is < 2^48,
    // so doubles divide it exactly (quotient digits < 2^17, error of a/d far below 1/d).
    const qh = Math.floor(h / d);
    let r = h - qh * d;
    let t = r * 65536 + (alo >>> 16);
    const q1 = Math.floor(t / d);
    r = t - q1 * d;
    t = r * 65536 + (alo & 0xffff);
    const q0 = Math.floor(t / d);
    r = t - q0 * d;
    OUT[0] = (q1 * 65536 + q0) | 0;
    OUT[1] = qh | 0;
    REM[0] = r | 0;
    REM[1] = 0;
    return;
  }
  const a = toBig(alo, ahi);
  const b = toBig(blo, bhi);
  fromBig(a % b);
  REM[0] = OUT[0];
  REM[1] = OUT[1];
  fromBig(a / b);
}

/** Unsigned 64-bit division (RFC 9669: divisor 0 gives 0). */
export function div64(alo: number, ahi: number, blo: number, bhi: number): void {
  if ((blo | bhi) === 0) {
    OUT[0] = 0;
    OUT[1] = 0;
    return;
  }
  udivmod64(alo, ahi, blo, bhi);
}

/** Unsigned 64-bit modulo (divisor 0 leaves the dividend). */
export function mod64(alo: number, ahi: number, blo: number, bhi: number): void {
  if ((blo | bhi) === 0) {
    OUT[0] = alo;
    OUT[1] = ahi;
    return;
  }
  udivmod64(alo, ahi, blo, bhi);
  OUT[0] = REM[0];
  OUT[1] = REM[1];
}

function negInto(lo: number, hi: number, out: Int32Array): void {
  out[0] = -lo | 0;
  out[1] = (~hi + (lo === 0 ? 1 : 0)) | 0;
}

const A = new Int32Array(2);
const B = new Int32Array(2);

/** Signed 64-bit division, truncating toward zero; /0 = 0; MIN / -1 = MIN (wraps). */
export function sdiv64(alo: number, ahi: number, blo: number, bhi: number): void {
  if ((blo | bhi) === 0) {
    OUT[0] = 0;
    OUT[1] = 0;
    return;
  }
  const an = ahi < 0;
  const bn = bhi < 0;
  if (an) negInto(alo, ahi, A);
  else {
    A[0] = alo;
    A[1] = ahi;
  }
  if (bn) negInto(blo, bhi, B);
  else {
    B[0] = blo;
    B[1] = bhi;
  }
  udivmod64(A[0]!, A[1]!, B[0]!, B[1]!);
  if (an !== bn) negInto(OUT[0]!, OUT[1]!, OUT);
}

/** Signed 64-bit remainder with the dividend's sign; %0 leaves the dividend; MIN % -1 = 0. */
export function smod64(alo: number, ahi: number, blo: number, bhi: number): void {
  if ((blo | bhi) === 0) {
    OUT[0] = alo;
    OUT[1] = ahi;
    return;
  }
  const an = ahi < 0;
  if (an) negInto(alo, ahi, A);
  else {
    A[0] = alo;
    A[1] = ahi;
  }
  if (bhi < 0) negInto(blo, bhi, B);
  else {
    B[0] = blo;
    B[1] = bhi;
  }
  udivmod64(A[0]!, A[1]!, B[0]!, B[1]!);
  if (an) negInto(REM[0]!, REM[1]!, OUT);
  else {
    OUT[0] = REM[0]!;
    OUT[1] = REM[1]!;
  }
}

/** Unsigned 32-bit division (/0 = 0). */
export function div32(a: number, b: number): number {
  return b === 0 ? 0 : Math.floor((a >>> 0) / (b >>> 0)) | 0;
}

/** Unsigned 32-bit modulo (%0 keeps the dividend). */
export function mod32(a: number, b: number): number {
  return b === 0 ? a : ((a >>> 0) % (b >>> 0)) | 0;
}

/** Signed 32-bit division (truncating; /0 = 0; MIN / -1 = MIN). */
export function sdiv32(a: number, b: number): number {
  return b === 0 ? 0 : (a / b) | 0;
}

/** Signed 32-bit remainder (sign of the dividend; %0 keeps it; MIN % -1 = 0). */
export function smod32(a: number, b: number): number {
  return b === 0 ? a : (a % b) | 0;
}

/** Byte swap of 32 bits. */
export function bswap32(x: number): number {
  return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
}

/** Value of two halves as an unsigned bigint. */
export function toU64(lo: number, hi: number): bigint {
  // below 2^53 one Number → BigInt conversion instead of four BigInt operations
  if (hi >>> 0 < 0x200000) return BigInt((hi >>> 0) * TWO32 + (lo >>> 0));
  return toBig(lo, hi);
}

// One-entry cache: a run's arguments are usually the same pointer every time (the context).
let lastBig = -1n;
let lastLo = 0;
let lastHi = 0;

/** Splits a helper's result (bigint or integer number, negative allowed) into OUT. */
export function splitResult(v: bigint | number): void {
  if (typeof v === "bigint") {
    if (v === lastBig) {
      OUT[0] = lastLo;
      OUT[1] = lastHi;
      return;
    }
    fromBig(BigInt.asUintN(64, v));
    lastBig = v;
    lastLo = OUT[0]!;
    lastHi = OUT[1]!;
    return;
  }
  if (Number.isSafeInteger(v)) {
    OUT[0] = v | 0;
    OUT[1] = Math.floor(v / TWO32) | 0;
    return;
  }
  fromBig(BigInt.asUintN(64, BigInt(Math.trunc(Number.isFinite(v) ? v : 0))));
}
