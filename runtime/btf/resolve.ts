import type { Btf, BtfKindName, BtfType, BtfTypeId } from "./types.js";

/** libbpf's MAX_RESOLVE_DEPTH: chains longer than this (or cycles) resolve to nothing. */
export const MAX_RESOLVE_DEPTH = 32;

const MODIFIERS = new Set<BtfKindName>(["volatile", "const", "restrict", "type_tag"]);

/** The type with this id, or undefined when the id is out of range. */
export function typeById(btf: Btf, id: BtfTypeId): BtfType | undefined {
  return btf.types[id];
}

/** Follows const/volatile/restrict/type_tag (libbpf skip_mods). Undefined on a cycle or bad id. */
export function skipModifiers(btf: Btf, id: BtfTypeId): BtfTypeId | undefined {
  for (let depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
    const t = btf.types[id];
    if (!t) return undefined;
    if (!MODIFIERS.has(t.kind)) return id;
    id = (t as { type: BtfTypeId }).type;
  }
  return undefined;
}

/** Follows modifiers and typedefs (libbpf skip_mods_and_typedefs). */
export function skipModifiersAndTypedefs(btf: Btf, id: BtfTypeId): BtfTypeId | undefined {
  for (let depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
    const t = btf.types[id];
    if (!t) return undefined;
    if (!MODIFIERS.has(t.kind) && t.kind !== "typedef") return id;
    id = (t as { type: BtfTypeId }).type;
  }
  return undefined;
}

/** The resolved type itself (modifiers and typedefs stripped). */
export function resolveType(btf: Btf, id: BtfTypeId): { id: BtfTypeId; type: BtfType } | undefined {
  const r = skipModifiersAndTypedefs(btf, id);
  return r === undefined ? undefined : { id: r, type: btf.types[r]! };
}

/**
 * Size in bytes of a type (libbpf btf__resolve_size): ints, enums, floats, structs, unions and
 * datasecs carry it; pointers are 8 bytes (BPF); arrays multiply; typedefs, modifiers and vars
 * follow their target. Void, functions, protos and forward declarations have no size.
 */
export function typeSize(btf: Btf, id: BtfTypeId): number | undefined {
  let multiplier = 1;
  for (let depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
    const t = btf.types[id];
    if (!t) return undefined;
    switch (t.kind) {
      case "int":
      case "enum":
      case "enum64":
      case "float":
      case "struct":
      case "union":
      case "datasec": {
        const size = multiplier * t.size;
        return Number.isSafeInteger(size) && size <= 0xffff_ffff ? size : undefined;
      }
      case "ptr":
        return multiplier * 8;
      case "typedef":
      case "volatile":
      case "const":
      case "restrict":
      case "type_tag":
      case "var":
        id = t.type;
        break;
      case "array":
        multiplier *= t.nelems;
        if (multiplier > 0xffff_ffff) return undefined;
        id = t.elemType;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

/**
 * Alignment in bytes (libbpf btf__align_of): scalars align to their size capped at 8, pointers
 * to 8, arrays to their element, structs to their most aligned member — or 1 when a member sits
 * at an offset its own alignment does not allow (a packed struct).
 */
export function typeAlign(btf: Btf, id: BtfTypeId, depth = 0): number | undefined {
  if (depth >= MAX_RESOLVE_DEPTH) return undefined;
  const t = btf.types[id];
  if (!t) return undefined;
  switch (t.kind) {
    case "int":
    case "enum":
    case "enum64":
    case "float":
      return Math.min(8, t.size);
    case "ptr":
      return 8;
    case "typedef":
    case "volatile":
    case "const":
    case "restrict":
    case "type_tag":
    case "var":
      return typeAlign(btf, t.type, depth + 1);
    case "array":
      return typeAlign(btf, t.elemType, depth + 1);
    case "struct":
    case "union": {
      let max = 1;
      for (const m of t.members) {
        const a = typeAlign(btf, m.type, depth + 1);
        if (a === undefined) return undefined;
        if (m.bitfieldSize === 0 && m.bitOffset % (8 * a) !== 0) return 1;
        max = Math.max(max, a);
      }
      if (t.size % max !== 0) return 1;
      return max;
    }
    default:
      return undefined;
  }
}

const nameIndexes = new WeakMap<Btf, Map<string, BtfTypeId[]>>();

function nameIndex(btf: Btf): Map<string, BtfTypeId[]> {
  let index = nameIndexes.get(btf);
  if (index) return index;
  index = new Map();
  const types = btf.types;
  for (let id = 1; id < types.length; id++) {
    const n = types[id]!.name;
    if (n === "") continue;
    const list = index.get(n);
    if (list) list.push(id);
    else index.set(n, [id]);
  }
  nameIndexes.set(btf, index);
  return index;
}

/** Ids of all named types called `name` (optionally of one kind), in id order. */
export function findAllByName(btf: Btf, name: string, kind?: BtfKindName): BtfTypeId[] {
  const ids = nameIndex(btf).get(name) ?? [];
  return kind ? ids.filter((id) => btf.types[id]!.kind === kind) : ids.slice();
}

/** The first type called `name` (optionally of one kind), like libbpf btf__find_by_name_kind. */
export function findByName(btf: Btf, name: string, kind?: BtfKindName): BtfTypeId | undefined {
  return findAllByName(btf, name, kind)[0];
}

/** A C-like spelling of a type for messages: `struct task_struct *`, `const char [16]`, `u32`. */
export function typeName(btf: Btf, id: BtfTypeId, depth = 0): string {
  const t = btf.types[id];
  if (!t) return `<bad type ${id}>`;
  if (depth >= MAX_RESOLVE_DEPTH) return "...";
  switch (t.kind) {
    case "void":
      return "void";
    case "struct":
    case "union":
    case "enum":
    case "enum64":
      return `${t.kind === "enum64" ? "enum" : t.kind} ${t.name || "(anon)"}`;
    case "fwd":
      return `${t.union ? "union" : "struct"} ${t.name}`;
    case "ptr":
      return `${typeName(btf, t.type, depth + 1)} *`;
    case "volatile":
    case "const":
    case "restrict":
      return `${t.kind} ${typeName(btf, t.type, depth + 1)}`;
    case "type_tag":
      return `${typeName(btf, t.type, depth + 1)} __attribute__((btf_type_tag("${t.name}")))`;
    case "array":
      return `${typeName(btf, t.elemType, depth + 1)} [${t.nelems}]`;
    case "func_proto":
      return `${typeName(btf, t.returnType, depth + 1)} (${t.params.map((p) => (p.type === 0 ? "..." : typeName(btf, p.type, depth + 1))).join(", ")})`;
    default:
      return t.name;
  }
}
