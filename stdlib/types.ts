import { notCompiled } from "./inert.js";

/**
 * The DSL's value types. To TypeScript (and so to editors and plain `tsc`) every integer type is a
 * `number`; the tsbpf compiler gives each its C meaning: values wrap at the declared width,
 * comparisons and `>>`, `/`, `%` are signed or unsigned by type. A literal keeps every bit of
 * its source text, so a `u64` constant above 2^53 is exact.
 *
 * Conversions (docs in compiler/frontend/int-types.ts): a value converts implicitly to a type
 * that holds all its values (u8 → u32, i16 → i64, u32 → i64) and between types of the same width
 * (bits kept, as C does); narrowing needs `u8(x)` / `x as u8` unless the compiler proves the
 * value fits (`x >> 32`, `x & 0xff`).
 */
export type u8 = number;
export type u16 = number;
export type u32 = number;
export type u64 = number;
export type i8 = number;
export type i16 = number;
export type i32 = number;
export type i64 = number;
/** C `_Bool`: one byte, 0 or 1. */
export type bool = boolean;

/**
 * `char[N]` holding a NUL-terminated string (e.g. `comm`). A field of this type is passed to
 * helpers that fill it (`bpf.getCurrentComm(e.comm)`); the size comes from N.
 */
export type CString<N extends number> = { readonly __cstring: N } & { readonly [index: number]: u8 };

/** A fixed-length C array `T[N]`; indexes are bounds-checked at compile time or at run time. */
export type FixedArray<T, N extends number> = { [index: number]: T; readonly length: N };

/** A 64-bit address (kernel or user memory) as tracepoint records and helpers carry it. */
export type Ptr = u64;
/** A tracepoint `__data_loc` word: `(length << 16) | offset` of bytes stored after the record. */
export type DataLoc = u32;

// Explicit conversions: wrap (or sign-extend) to the named width, like a C cast.
export function u8(value: number): u8 {
  return notCompiled("u8()");
}
export function u16(value: number): u16 {
  return notCompiled("u16()");
}
export function u32(value: number): u32 {
  return notCompiled("u32()");
}
export function u64(value: number): u64 {
  return notCompiled("u64()");
}
export function i8(value: number): i8 {
  return notCompiled("i8()");
}
export function i16(value: number): i16 {
  return notCompiled("i16()");
}
export function i32(value: number): i32 {
  return notCompiled("i32()");
}
export function i64(value: number): i64 {
  return notCompiled("i64()");
}

/** Bytes a type occupies (a compile-time constant: `sizeof`). */
export function sizeOf<T>(): u32 {
  return notCompiled("sizeOf()");
}

/** A zero-filled value of a struct or array type: `const key: FlowKey = zeroed();` */
export function zeroed<T>(): T {
  return notCompiled("zeroed()");
}
