import { readBtf, typeAlign, typeName, type Btf, type BtfTypeId } from "../btf/index.js";
import { error, fail, ok, type Result } from "../diag/diagnostic.js";
import { array, bool, cstring, int, opaque, pointer } from "../layout/build.js";
import type { Field, IntSize, Layout } from "../layout/types.js";
import { validateLayout } from "../layout/validate.js";
import { TestingCode } from "./codes.js";

/**
 * BTF types as data layouts, so the maps of a clang-built object decode into the same plain
 * values as a tsbpf program's: typedefs keep their name on integers (`__u32`), `char[N]` becomes a
 * CString (the kernel's `comm` and path buffers), enums are integers of their size, bit-fields
 * keep their bit positions (kernel: btf_type_int_bits / btf_member_bitfield_size).
 */

const MAX_DEPTH = 32;

function refuse(btf: Btf, id: BtfTypeId, why: string): Result<Layout> {
  return fail(error(TestingCode.BTF_LAYOUT, `BTF type [${id}] ${typeName(btf, id)}: ${why}`));
}

export function btfLayout(btf: Btf, id: BtfTypeId, depth = 0, name?: string): Result<Layout> {
  if (depth > MAX_DEPTH) return refuse(btf, id, "nested too deeply (or a cycle)");
  const t = btf.types[id];
  if (!t) return fail(error(TestingCode.BTF_LAYOUT, `BTF type id ${id} does not exist`));
  switch (t.kind) {
    case "typedef":
      return btfLayout(btf, t.type, depth + 1, name ?? t.name);
    case "const":
    case "volatile":
    case "restrict":
    case "type_tag":
      return btfLayout(btf, t.type, depth + 1, name);
    case "int": {
      if (t.bool) return ok(bool);
      if (t.size === 1 || t.size === 2 || t.size === 4 || t.size === 8)
        return ok(int(t.size as IntSize, t.signed, name ?? t.name));
      return ok(opaque(t.size, Math.min(t.size, 16), name ?? t.name));
    }
    case "enum":
    case "enum64":
      if (t.size === 1 || t.size === 2 || t.size === 4 || t.size === 8)
        return ok(int(t.size as IntSize, t.signed, name ?? (t.name || "enum")));
      return refuse(btf, id, `an enum of ${t.size} bytes`);
    case "float":
      return ok(opaque(t.size, t.size, name ?? t.name));
    case "ptr":
      return ok(pointer());
    case "array": {
      const elemId = t.elemType;
      const elem = btf.types[elemId];
      // `char buf[N]` (plain char, not __u8/unsigned char) holds text in kernel and libbpf code
      if (elem?.kind === "int" && elem.size === 1 && (elem.char || elem.name === "char") && t.nelems > 0)
        return ok(cstring(t.nelems));
      const e = btfLayout(btf, elemId, depth + 1);
      if (!e.ok) return e;
      return ok(array(e.value, t.nelems));
    }
    case "struct":
    case "union": {
      const fields: Field[] = [];
      for (const m of t.members) {
        const f = btfLayout(btf, m.type, depth + 1);
        if (!f.ok) return f;
        if (m.bitfieldSize > 0) {
          // the storage unit of the member's type that holds its first bit
          const unit = f.value.kind === "int" ? f.value.size : 1;
          let offset = Math.floor(m.bitOffset / (8 * unit)) * unit;
          let bit = m.bitOffset - offset * 8;
          if (bit + m.bitfieldSize > unit * 8) {
            offset = m.bitOffset >> 3;
            bit = m.bitOffset & 7;
          }
          fields.push({ name: m.name, offset, layout: f.value, bitOffset: bit, bitSize: m.bitfieldSize });
        } else {
          if (m.bitOffset % 8 !== 0) return refuse(btf, id, `member ${m.name} is not byte-aligned`);
          fields.push({ name: m.name, offset: m.bitOffset / 8, layout: f.value });
        }
      }
      const align = typeAlign(btf, id) ?? 1;
      const layout: Layout =
        t.kind === "struct"
          ? { kind: "struct", fields, size: t.size, align, ...(t.name ? { name: t.name } : {}) }
          : { kind: "union", fields, size: t.size, align, ...(t.name ? { name: t.name } : {}) };
      const problems = validateLayout(layout);
      return problems.length ? fail(...problems) : ok(layout);
    }
    default:
      return refuse(btf, id, `a ${t.kind} has no data layout`);
  }
}

/** Reads an object's `.BTF` once for layout lookups. */
export function parseObjectBtf(bytes: Uint8Array | undefined): Btf | undefined {
  if (!bytes) return undefined;
  const r = readBtf(bytes);
  return r.ok ? r.value : undefined;
}

/** The layout of the struct/union/typedef called `name` in `btf`, for records clang left untyped. */
export function btfLayoutByName(btf: Btf, name: string): Result<Layout> {
  const id = btf.types.findIndex(
    (t) => (t.kind === "struct" || t.kind === "union" || t.kind === "typedef") && t.name === name,
  );
  if (id < 0)
    return fail(
      error(TestingCode.BTF_LAYOUT, `the object's BTF has no struct, union or typedef named ${name}`, {
        hint: "clang only keeps types that globals, maps or function signatures use; pass a Layout instead",
      }),
    );
  return btfLayout(btf, id);
}
