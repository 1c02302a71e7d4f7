import type {
  ArrayLayout,
  BoolLayout,
  CStringLayout,
  Field,
  IntLayout,
  IntSize,
  Layout,
  OpaqueLayout,
  PointerLayout,
  StructLayout,
  UnionLayout,
} from "./types.js";

/**
 * Layout constructors. `struct()` lays fields out as C does on x86_64 and BPF (the SysV psABI rules
 * clang applies to both): each field at the next multiple of its alignment, the struct's alignment
 * the largest of its fields', its size rounded up to that alignment; bit-fields share a storage unit
 * of their declared type while they fit in one naturally aligned unit.
 *
 * Constructors throw a RangeError for impossible requests (negative lengths, duplicate names):
 * those are bugs in the caller. Layouts from outside (BTF) are checked by `validateLayout`.
 */

export function int(size: IntSize, signed: boolean, name?: string): IntLayout {
  return name === undefined ? { kind: "int", size, signed } : { kind: "int", size, signed, name };
}

export const u8: IntLayout = int(1, false);
export const u16: IntLayout = int(2, false);
export const u32: IntLayout = int(4, false);
export const u64: IntLayout = int(8, false);
export const i8: IntLayout = int(1, true);
export const i16: IntLayout = int(2, true);
export const i32: IntLayout = int(4, true);
export const i64: IntLayout = int(8, true);
export const bool: BoolLayout = { kind: "bool" };

export function cstring(length: number): CStringLayout {
  if (!Number.isInteger(length) || length < 1)
    throw new RangeError(`CString length must be ≥ 1, got ${length}`);
  return { kind: "cstring", length };
}

export function array(elem: Layout, length: number): ArrayLayout {
  if (!Number.isInteger(length) || length < 0)
    throw new RangeError(`array length must be ≥ 0, got ${length}`);
  return { kind: "array", elem, length };
}

export function pointer(target?: Layout): PointerLayout {
  return target === undefined ? { kind: "pointer" } : { kind: "pointer", target };
}

export function opaque(size: number, align = 1, name?: string): OpaqueLayout {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`opaque size must be ≥ 0, got ${size}`);
  if (!isPowerOfTwo(align)) throw new RangeError(`alignment must be a power of two, got ${align}`);
  return name === undefined ? { kind: "opaque", size, align } : { kind: "opaque", size, align, name };
}

export function sizeOf(layout: Layout): number {
  switch (layout.kind) {
    case "int":
      return layout.size;
    case "bool":
      return 1;
    case "cstring":
      return layout.length;
    case "array":
      return sizeOf(layout.elem) * layout.length;
    case "pointer":
      return 8;
    case "opaque":
    case "struct":
    case "union":
      return layout.size;
  }
}

export function alignOf(layout: Layout): number {
  switch (layout.kind) {
    case "int":
      return layout.size; // x86_64 and BPF: u64 is 8-aligned (unlike i386)
    case "bool":
    case "cstring":
      return 1;
    case "array":
      return alignOf(layout.elem);
    case "pointer":
      return 8;
    case "opaque":
    case "struct":
    case "union":
      return layout.align;
  }
}

/** A field to lay out: `[name, layout]`, or an object when it is a bit-field (`bits`). */
export type FieldSpec =
  | readonly [name: string, layout: Layout]
  | { readonly name: string; readonly layout: Layout; readonly bits?: number };

export interface AggregateOptions {
  readonly name?: string;
  /** `__attribute__((packed))`: alignment 1, no padding, bit-fields packed bit by bit. */
  readonly packed?: boolean;
  /** `__attribute__((aligned(n)))`: a minimum alignment for the aggregate. */
  readonly align?: number;
}

function normalize(spec: FieldSpec): { name: string; layout: Layout; bits: number | undefined } {
  if (Array.isArray(spec)) {
    const [name, layout] = spec as readonly [string, Layout];
    return { name, layout, bits: undefined };
  }
  const s = spec as { name: string; layout: Layout; bits?: number };
  return { name: s.name, layout: s.layout, bits: s.bits };
}

function checkNames(fields: readonly { name: string }[]): void {
  const seen = new Set<string>();
  for (const f of fields) {
    if (f.name === "") continue;
    if (seen.has(f.name)) throw new RangeError(`duplicate field name '${f.name}'`);
    seen.add(f.name);
  }
}

function checkBitField(name: string, layout: Layout, bits: number): void {
  if (layout.kind !== "int" && layout.kind !== "bool")
    throw new RangeError(`bit-field '${name}' must have an integer or bool type`);
  const max = sizeOf(layout) * 8;
  if (!Number.isInteger(bits) || bits < 0 || bits > max)
    throw new RangeError(`bit-field '${name}' width ${bits} is outside 0..${max}`);
  if (bits === 0 && name !== "") throw new RangeError(`zero-width bit-field '${name}' must be unnamed`);
}

/** Lays fields out like a C struct (see the file comment for the rules). */
export function struct(fields: readonly FieldSpec[], options: AggregateOptions = {}): StructLayout {
  const specs = fields.map(normalize);
  checkNames(specs);
  const packed = options.packed === true;
  const out: Field[] = [];
  let bitPos = 0; // next free bit, from the start of the struct
  let align = 1;
  for (const { name, layout, bits } of specs) {
    const size = sizeOf(layout);
    const fieldAlign = packed ? 1 : alignOf(layout);
    if (bits === undefined) {
      const offset = roundUp(Math.ceil(bitPos / 8), fieldAlign);
      out.push({ name, offset, layout });
      bitPos = (offset + size) * 8;
      align = Math.max(align, fieldAlign);
      continue;
    }
    checkBitField(name, layout, bits);
    if (bits === 0) {
      // `int :0` closes the current storage unit (SysV psABI) and adds no member.
      if (!packed) bitPos = roundUp(bitPos, size * 8);
      continue;
    }
    if (packed) {
      const offset = Math.floor(bitPos / 8);
      out.push({ name, offset, layout, bitOffset: bitPos - offset * 8, bitSize: bits });
      bitPos += bits;
      continue;
    }
    const unitBits = size * 8;
    // A bit-field never straddles a naturally aligned unit of its declared type.
    if (Math.floor(bitPos / unitBits) !== Math.floor((bitPos + bits - 1) / unitBits)) {
      bitPos = roundUp(bitPos, unitBits);
    }
    const offset = Math.floor(bitPos / unitBits) * size;
    out.push({ name, offset, layout, bitOffset: bitPos - offset * 8, bitSize: bits });
    bitPos += bits;
    // Unnamed bit-fields do not affect the struct's alignment (SysV psABI §3.1.2).
    if (name !== "") align = Math.max(align, fieldAlign);
  }
  align = Math.max(align, minAlign(options));
  const size = roundUp(Math.ceil(bitPos / 8), align);
  return withName({ kind: "struct", fields: out, size, align }, options.name);
}

/** Lays fields out like a C union: all at offset 0, size the largest member rounded to alignment. */
export function union(fields: readonly FieldSpec[], options: AggregateOptions = {}): UnionLayout {
  const specs = fields.map(normalize);
  checkNames(specs);
  const packed = options.packed === true;
  const out: Field[] = [];
  let size = 0;
  let align = 1;
  for (const { name, layout, bits } of specs) {
    if (bits !== undefined) {
      checkBitField(name, layout, bits);
      if (bits === 0) continue;
      out.push({ name, offset: 0, layout, bitOffset: 0, bitSize: bits });
      size = Math.max(size, Math.ceil(bits / 8));
    } else {
      out.push({ name, offset: 0, layout });
      size = Math.max(size, sizeOf(layout));
    }
    if (!packed && name !== "") align = Math.max(align, alignOf(layout));
    else if (!packed) align = Math.max(align, bits === undefined ? alignOf(layout) : 1);
  }
  align = Math.max(align, minAlign(options));
  return withName({ kind: "union", fields: out, size: roundUp(size, align), align }, options.name);
}

function minAlign(options: AggregateOptions): number {
  if (options.align === undefined) return 1;
  if (!isPowerOfTwo(options.align))
    throw new RangeError(`alignment must be a power of two, got ${options.align}`);
  return options.align;
}

function withName<T extends StructLayout | UnionLayout>(layout: T, name: string | undefined): T {
  return name === undefined ? layout : { ...layout, name };
}

export function roundUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}
