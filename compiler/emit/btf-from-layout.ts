import type { BtfMember, BtfTypeId } from "../../runtime/btf/index.js";
import { sizeOf, type IntLayout, type Layout } from "../../runtime/layout/index.js";
import type { MapSpec } from "../../runtime/object/spec.js";
import type { BtfBuilder } from "./btf-builder.js";

/**
 * C layouts (runtime/layout) as BTF, named the way clang names them so `bpftool btf dump` of a
 * tsbpf object reads like one from C: u32 is `typedef unsigned int __u32`, CString<N> is
 * `char[N]`, interfaces are named structs with the compiler's member offsets.
 */

/** clang's base type names by (size, signed). */
const C_INT: Readonly<Record<string, string>> = {
  "1u": "unsigned char",
  "1s": "signed char",
  "2u": "unsigned short",
  "2s": "short",
  "4u": "unsigned int",
  "4s": "int",
  "8u": "unsigned long long",
  "8s": "long long",
};

/** The DSL's integer names and the linux/types.h typedefs clang's objects use for them. */
const KERNEL_TYPEDEF: Readonly<Record<string, string>> = {
  u8: "__u8",
  i8: "__s8",
  u16: "__u16",
  i16: "__s16",
  u32: "__u32",
  i32: "__s32",
  u64: "__u64",
  i64: "__s64",
};

function defaultIntName(l: IntLayout): string {
  return `${l.signed ? "i" : "u"}${l.size * 8}`;
}

/** A name the kernel accepts for a typedef or struct (btf_name_valid_identifier). */
function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

function intType(b: BtfBuilder, l: IntLayout): BtfTypeId {
  const base = b.int(C_INT[`${l.size}${l.signed ? "s" : "u"}`]!, l.size, l.signed);
  const name = l.name ?? defaultIntName(l);
  const alias = KERNEL_TYPEDEF[name] ?? (isIdentifier(name) ? name : undefined);
  return alias === undefined ? base : b.typedef(alias, base);
}

/** The BTF type of a layout, added to `b` with everything it refers to. */
export function layoutType(b: BtfBuilder, l: Layout): BtfTypeId {
  switch (l.kind) {
    case "int":
      return intType(b, l);
    case "bool":
      return b.int("_Bool", 1, false, { bool: true });
    case "cstring":
      return b.array(b.cChar(), l.length);
    case "array":
      return b.array(layoutType(b, l.elem), l.length);
    case "pointer":
      return b.ptr(l.target ? layoutType(b, l.target) : 0);
    case "opaque": {
      // Bytes tsbpf does not interpret: an array of unsigned char keeps the size; a named opaque
      // type becomes a struct of that name holding the bytes, which keeps its alignment too.
      const bytes = b.array(b.int("unsigned char", 1, false), l.size);
      if (l.name === undefined || !isIdentifier(l.name) || l.align <= 1) return bytes;
      return b.add({
        kind: "struct",
        name: l.name,
        size: l.size,
        kindFlag: false,
        members: [{ name: "bytes", type: bytes, bitOffset: 0, bitfieldSize: 0 }],
      });
    }
    case "struct":
    case "union": {
      const members: BtfMember[] = l.fields.map((f) => ({
        name: f.name,
        type: layoutType(b, f.layout),
        // Little-endian: a bit-field's bits count from the low bit of its storage unit.
        bitOffset: f.offset * 8 + (f.bitOffset ?? 0),
        bitfieldSize: f.bitSize ?? 0,
      }));
      return b.add({
        kind: l.kind,
        name: l.name !== undefined && isIdentifier(l.name) ? l.name : "",
        size: l.size,
        kindFlag: members.some((m) => m.bitfieldSize !== 0),
        members,
      });
    }
  }
}

/** A stand-in layout for bytes whose C type is unknown: the unsigned int of that size, or bytes. */
export function layoutOfSize(size: number): Layout {
  if (size === 1 || size === 2 || size === 4 || size === 8) return { kind: "int", size, signed: false };
  return { kind: "array", elem: { kind: "int", size: 1, signed: false }, length: size };
}

export interface MapDefinitionTypes {
  readonly key?: Layout;
  readonly value?: Layout;
}

/**
 * The anonymous struct of a BTF-defined map as bpf_helpers.h spells it and libbpf's
 * parse_btf_map_def reads it: `__uint(name, n)` is `int (*name)[n]`, `__type(name, T)` is
 * `T *name`. Key and value go in as types when their layouts have the map's sizes (so bpftool
 * prints entries field by field), else as key_size / value_size.
 */
export function mapDefinition(b: BtfBuilder, spec: MapSpec, types: MapDefinitionTypes): BtfTypeId {
  const members: BtfMember[] = [];
  const add = (name: string, type: BtfTypeId) =>
    members.push({ name, type, bitOffset: members.length * 64, bitfieldSize: 0 });
  const uint = (name: string, n: number) => add(name, b.ptr(b.array(b.cInt(), n)));

  uint("type", spec.type);
  if (types.key && spec.keySize > 0 && sizeOf(types.key) === spec.keySize)
    add("key", b.ptr(layoutType(b, types.key)));
  else if (spec.keySize > 0) uint("key_size", spec.keySize);
  if (types.value && spec.valueSize > 0 && sizeOf(types.value) === spec.valueSize)
    add("value", b.ptr(layoutType(b, types.value)));
  else if (spec.valueSize > 0) uint("value_size", spec.valueSize);
  uint("max_entries", spec.maxEntries);
  if (spec.flags) uint("map_flags", spec.flags);
  if (spec.numaNode !== undefined) uint("numa_node", spec.numaNode);
  if (spec.mapExtra !== undefined) uint("map_extra", spec.mapExtra);
  if (spec.pinning !== undefined) uint("pinning", spec.pinning);
  return b.add({ kind: "struct", name: "", size: members.length * 8, kindFlag: false, members });
}
