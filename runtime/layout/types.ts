/**
 * The C data-layout model that the compiler (TypeScript interfaces → structs), the BTF reader and
 * writer, and typed map access share. A layout is plain, JSON-serialisable data: sizes, alignments
 * and field offsets are stored, not recomputed, so a layout read from BTF (where the compiler that
 * produced it chose the offsets) and one built by `struct()` (natural C alignment, x86_64/BPF ABI)
 * are the same kind of value.
 */

export type IntSize = 1 | 2 | 4 | 8;

/** A two's-complement integer, little-endian (BPF targets here are little-endian, as x86_64). */
export interface IntLayout {
  readonly kind: "int";
  readonly size: IntSize;
  readonly signed: boolean;
  /** Type name for messages and BTF (`u32`, `pid_t`, an enum's name); defaults to u8…i64. */
  readonly name?: string;
}

/** C `_Bool`: one byte, 0 or 1. Decodes any non-zero byte as true. */
export interface BoolLayout {
  readonly kind: "bool";
}

/** `char[length]` holding a NUL-terminated string (tsbpf's `CString<N>`). */
export interface CStringLayout {
  readonly kind: "cstring";
  readonly length: number;
}

/** A fixed-length C array `elem[length]`. */
export interface ArrayLayout {
  readonly kind: "array";
  readonly elem: Layout;
  readonly length: number;
}

/** A 64-bit pointer (BPF and x86_64): an address, decoded as a bigint. */
export interface PointerLayout {
  readonly kind: "pointer";
  /** What it points to, when known (BTF); does not change the pointer's own layout. */
  readonly target?: Layout;
}

/** Bytes tsbpf does not interpret (floats, opaque kernel types): decoded as a Uint8Array copy. */
export interface OpaqueLayout {
  readonly kind: "opaque";
  readonly size: number;
  readonly align: number;
  readonly name?: string;
}

export interface Field {
  /** "" for an anonymous member: an anonymous struct/union is flattened into its parent's object. */
  readonly name: string;
  /** Byte offset from the start of the aggregate (of the storage unit, for a bit-field). */
  readonly offset: number;
  readonly layout: Layout;
  /** Bit-fields only: first bit, counted from the least significant bit of the byte at `offset`. */
  readonly bitOffset?: number;
  /** Bit-fields only: width in bits (1…64). The field's layout must be an int or bool. */
  readonly bitSize?: number;
}

export interface StructLayout {
  readonly kind: "struct";
  readonly name?: string;
  readonly fields: readonly Field[];
  readonly size: number;
  readonly align: number;
}

/** A C union: every member at offset 0. */
export interface UnionLayout {
  readonly kind: "union";
  readonly name?: string;
  readonly fields: readonly Field[];
  readonly size: number;
  readonly align: number;
}

export type Layout =
  | IntLayout
  | BoolLayout
  | CStringLayout
  | ArrayLayout
  | PointerLayout
  | OpaqueLayout
  | StructLayout
  | UnionLayout;

/**
 * The JavaScript value a layout decodes to:
 * u64/i64 and pointers → bigint; narrower ints → number; bool → boolean; cstring → string;
 * arrays of u8 and opaque bytes → Uint8Array; other arrays → arrays; structs and unions → objects.
 */
export type LayoutValue =
  | number
  | bigint
  | boolean
  | string
  | Uint8Array
  | readonly LayoutValue[]
  | { readonly [field: string]: LayoutValue };
