/**
 * Integer semantics of the DSL (C's at the declared width), in one place:
 *
 * - Each of u8 u16 u32 u64 i8 i16 i32 i64 wraps at its width; `/`, `%`, `>>` and comparisons are
 *   signed or unsigned by type. Division by zero gives 0 and `x % 0` gives x (eBPF's rule,
 *   RFC 9669 §4.1); a constant zero divisor is a compile-time error.
 * - Literals and module-level constants are exact (bigint) and untyped until they meet a typed
 *   operand or destination, where they must fit (TSB2004).
 * - Binary operators take the type of the operand that holds all values of the other
 *   (u8 + u32 → u32, u32 + i64 → i64). Mixing signed and unsigned where neither holds the other
 *   (u32 vs i32, u64 vs any signed) is an error (TSB2006): convert one side explicitly.
 * - Assignment, arguments and returns convert implicitly to a type that holds every value of the
 *   source, and between types of the same width (the bits are kept, as in C). Narrowing needs
 *   `u8(x)` or `x as u8` (TSB2005), unless the compiler knows the value fits: `x >> 32` of a u64,
 *   `x & 0xff`, `x % 100`.
 * - Shift counts must be below the width (a constant count is checked, TSB2012; a variable one is
 *   masked as eBPF does).
 */
export interface IntType {
  readonly kind: "int";
  readonly bits: 8 | 16 | 32 | 64;
  readonly signed: boolean;
}

const make = (bits: 8 | 16 | 32 | 64, signed: boolean): IntType => ({ kind: "int", bits, signed });
export const U8 = make(8, false);
export const U16 = make(16, false);
export const U32 = make(32, false);
export const U64 = make(64, false);
export const I8 = make(8, true);
export const I16 = make(16, true);
export const I32 = make(32, true);
export const I64 = make(64, true);

export const INT_TYPES: Readonly<Record<string, IntType>> = {
  u8: U8,
  u16: U16,
  u32: U32,
  u64: U64,
  i8: I8,
  i16: I16,
  i32: I32,
  i64: I64,
};

export function intType(bits: number, signed: boolean): IntType {
  return make(bits as 8 | 16 | 32 | 64, signed);
}

export function intName(t: IntType): string {
  return `${t.signed ? "i" : "u"}${t.bits}`;
}

export function sameInt(a: IntType, b: IntType): boolean {
  return a.bits === b.bits && a.signed === b.signed;
}

export function minOf(t: IntType): bigint {
  return t.signed ? -(1n << BigInt(t.bits - 1)) : 0n;
}
export function maxOf(t: IntType): bigint {
  return t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n;
}

export function fits(v: bigint, t: IntType): boolean {
  return v >= minOf(t) && v <= maxOf(t);
}

/** The value `v` wraps to at type t (as a mathematical integer in t's range). */
export function wrap(v: bigint, t: IntType): bigint {
  return t.signed ? BigInt.asIntN(t.bits, v) : BigInt.asUintN(t.bits, v);
}

/** Whether every value of `from` is a value of `to`. */
export function holds(to: IntType, from: IntType): boolean {
  return minOf(to) <= minOf(from) && maxOf(to) >= maxOf(from);
}

/** Implicit conversion on assignment: value-preserving, or same width (bits kept). */
export function convertsImplicitly(from: IntType, to: IntType): boolean {
  return holds(to, from) || from.bits === to.bits;
}

/** The type a binary operator works in, or undefined when signedness mixes (TSB2006). */
export function commonType(a: IntType, b: IntType): IntType | undefined {
  if (holds(a, b)) return a;
  if (holds(b, a)) return b;
  return undefined;
}

/** Exact value of an integer literal from its source text (never through a JS double). */
export function parseIntegerLiteral(text: string): bigint | undefined {
  const t = text.replace(/_/g, "");
  if (/^0[xX][0-9a-fA-F]+$/.test(t) || /^0[bB][01]+$/.test(t) || /^0[oO][0-7]+$/.test(t)) return BigInt(t);
  if (/^[0-9]+$/.test(t)) return /^0[0-7]+$/.test(t) ? BigInt(`0o${t.slice(1)}`) : BigInt(t);
  return undefined;
}
