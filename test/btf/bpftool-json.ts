import type { BtfType } from "../../runtime/btf/index.js";

/**
 * One type in the shape `bpftool -j btf dump file X` prints it (bpftool btf.c dump_btf_type), so
 * the reader can be compared with libbpf's view of the same bytes key by key.
 */
export type BpftoolType = Record<string, unknown>;

const LINKAGE = ["static", "global", "extern"];
const anon = (name: string) => (name === "" ? "(anon)" : name);

/**
 * bpftool 7.1 prints a 32-bit unsigned enum value by sign-extending it to 64 bits (0xefffffff
 * shows as 18446744073441116159); the kernel and this reader read it as unsigned (kind_flag 0).
 * Reproduce the print so the comparison is about the bytes, not that quirk.
 */
function bpftoolEnumVal(kind: "enum" | "enum64", signed: boolean, value: number | bigint): number {
  if (kind === "enum" && !signed && typeof value === "number" && value >= 2 ** 31) {
    return Number(BigInt.asUintN(64, BigInt.asIntN(32, BigInt(value))));
  }
  return Number(value);
}

export function toBpftoolJson(id: number, t: BtfType): BpftoolType {
  const head = { id, kind: t.kind.toUpperCase(), name: anon(t.name) };
  switch (t.kind) {
    case "void":
      return head;
    case "int":
      return {
        ...head,
        size: t.size,
        bits_offset: t.bitOffset,
        nr_bits: t.bits,
        encoding: t.signed ? "SIGNED" : t.char ? "CHAR" : t.bool ? "BOOL" : "(none)",
      };
    case "ptr":
    case "typedef":
    case "volatile":
    case "const":
    case "restrict":
    case "type_tag":
      return { ...head, type_id: t.type };
    case "array":
      return { ...head, type_id: t.elemType, index_type_id: t.indexType, nr_elems: t.nelems };
    case "struct":
    case "union":
      return {
        ...head,
        size: t.size,
        vlen: t.members.length,
        members: t.members.map((m) => ({
          name: anon(m.name),
          type_id: m.type,
          bits_offset: m.bitOffset,
          ...(m.bitfieldSize ? { bitfield_size: m.bitfieldSize } : {}),
        })),
      };
    case "enum":
    case "enum64":
      return {
        ...head,
        encoding: t.signed ? "SIGNED" : "UNSIGNED",
        size: t.size,
        vlen: t.values.length,
        values: t.values.map((v) => ({ name: v.name, val: bpftoolEnumVal(t.kind, t.signed, v.value) })),
      };
    case "fwd":
      return { ...head, fwd_kind: t.union ? "union" : "struct" };
    case "func":
      return { ...head, type_id: t.type, linkage: LINKAGE[t.linkage] ?? "(unknown)" };
    case "func_proto":
      return {
        ...head,
        ret_type_id: t.returnType,
        vlen: t.params.length,
        params: t.params.map((p) => ({ name: anon(p.name), type_id: p.type })),
      };
    case "var":
      return { ...head, type_id: t.type, linkage: LINKAGE[t.linkage] ?? "(unknown)" };
    case "datasec":
      return {
        ...head,
        size: t.size,
        vlen: t.vars.length,
        vars: t.vars.map((v) => ({ type_id: v.type, offset: v.offset, size: v.size })),
      };
    case "float":
      return { ...head, size: t.size };
    case "decl_tag":
      return { ...head, type_id: t.type, component_idx: t.componentIdx };
  }
}
