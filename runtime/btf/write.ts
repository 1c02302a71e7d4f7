import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import {
  BTF_HEADER_SIZE,
  BTF_MAGIC,
  BTF_MAX_TYPE,
  BTF_MAX_VLEN,
  BTF_VERSION,
  BtfIntEncoding,
  BtfKind,
} from "./kinds.js";
import type { Btf, BtfType } from "./types.js";
import { BtfStringWriter } from "./write-strings.js";

/**
 * Serialises the BTF type model to a `.BTF` blob (kernel Documentation/bpf/btf.rst §2): the
 * 24-byte header, the type section (types[1..] in id order, each struct btf_type plus its
 * kind's trailer) and the string section. Little-endian, as BPF objects for x86_64 hosts are.
 * `readBtf(writeBtf(b))` gives back `b`'s types.
 */

/** BTF writer diagnostics (TSB0390–TSB0399 of the ELF/BTF range; the reader has TSB0330–0359). */
export const BtfWriteCode = {
  /** A type refers to an id past the end of the list, or `types[0]` is not void. */
  BAD_TYPE_ID: "TSB0390",
  /** A count or offset does not fit its field (vlen, kind_flag bit offset, INT bits). */
  DOES_NOT_FIT: "TSB0391",
  /** A name holds a NUL byte, which would cut it short in the string table. */
  BAD_NAME: "TSB0392",
  /** `.BTF.ext` records that cannot be written (unsorted, offsets not on instructions). */
  BAD_EXT: "TSB0393",
  /** An INT with more than one of signed, char and bool (kernel btf_int_check_meta refuses it). */
  BAD_ENCODING: "TSB0394",
} as const;

const KIND_NUMBER: Readonly<Record<Exclude<BtfType["kind"], "void">, number>> = {
  int: BtfKind.INT,
  ptr: BtfKind.PTR,
  array: BtfKind.ARRAY,
  struct: BtfKind.STRUCT,
  union: BtfKind.UNION,
  enum: BtfKind.ENUM,
  fwd: BtfKind.FWD,
  typedef: BtfKind.TYPEDEF,
  volatile: BtfKind.VOLATILE,
  const: BtfKind.CONST,
  restrict: BtfKind.RESTRICT,
  func: BtfKind.FUNC,
  func_proto: BtfKind.FUNC_PROTO,
  var: BtfKind.VAR,
  datasec: BtfKind.DATASEC,
  float: BtfKind.FLOAT,
  decl_tag: BtfKind.DECL_TAG,
  type_tag: BtfKind.TYPE_TAG,
  enum64: BtfKind.ENUM64,
};

/** Bytes a type takes in the type section (struct btf_type and its trailer). */
function recordSize(t: BtfType): number {
  switch (t.kind) {
    case "int":
    case "var":
    case "decl_tag":
      return 16;
    case "array":
      return 24;
    case "struct":
    case "union":
      return 12 + 12 * t.members.length;
    case "datasec":
      return 12 + 12 * t.vars.length;
    case "enum64":
      return 12 + 12 * t.values.length;
    case "enum":
      return 12 + 8 * t.values.length;
    case "func_proto":
      return 12 + 8 * t.params.length;
    default:
      return 12;
  }
}

/** Type ids a type refers to, for the range check. */
function referencedIds(t: BtfType): number[] {
  switch (t.kind) {
    case "ptr":
    case "typedef":
    case "volatile":
    case "const":
    case "restrict":
    case "type_tag":
    case "func":
    case "var":
    case "decl_tag":
      return [t.type];
    case "array":
      return [t.elemType, t.indexType];
    case "struct":
    case "union":
      return t.members.map((m) => m.type);
    case "func_proto":
      return [t.returnType, ...t.params.map((p) => p.type)];
    case "datasec":
      return t.vars.map((v) => v.type);
    default:
      return [];
  }
}

function vlenOf(t: BtfType): number {
  switch (t.kind) {
    case "struct":
    case "union":
      return t.members.length;
    case "enum":
    case "enum64":
      return t.values.length;
    case "func_proto":
      return t.params.length;
    case "datasec":
      return t.vars.length;
    default:
      return 0;
  }
}

function check(btf: Btf): Diagnostic[] {
  const out: Diagnostic[] = [];
  const count = btf.types.length;
  if (count === 0 || btf.types[0]!.kind !== "void") {
    out.push(error(BtfWriteCode.BAD_TYPE_ID, "BTF types[0] must be void (type id 0)"));
    return out;
  }
  if (count - 1 > BTF_MAX_TYPE) {
    out.push(error(BtfWriteCode.DOES_NOT_FIT, `${count - 1} BTF types; at most ${BTF_MAX_TYPE} have ids`));
  }
  for (let id = 1; id < count && out.length < 64; id++) {
    const t = btf.types[id]!;
    const what = `BTF type ${id} (${t.kind}${t.name ? ` '${t.name}'` : ""})`;
    if (t.kind === "void") {
      out.push(error(BtfWriteCode.BAD_TYPE_ID, `${what}: void exists only as type id 0`));
      continue;
    }
    for (const ref of referencedIds(t)) {
      if (!Number.isInteger(ref) || ref < 0 || ref >= count) {
        out.push(error(BtfWriteCode.BAD_TYPE_ID, `${what} refers to type ${ref}; there are ${count - 1}`));
      }
    }
    if (vlenOf(t) > BTF_MAX_VLEN) {
      out.push(
        error(BtfWriteCode.DOES_NOT_FIT, `${what} has ${vlenOf(t)} entries; vlen holds ${BTF_MAX_VLEN}`),
      );
    }
    const names = [t.name];
    if (t.kind === "struct" || t.kind === "union") {
      const flag = t.kindFlag || t.members.some((m) => m.bitfieldSize !== 0);
      for (const m of t.members) {
        names.push(m.name);
        // kind_flag members: bitfield size in bits 24-31, bit offset in the low 24 (btf.rst §2.2.4).
        if (flag && (m.bitOffset > 0xff_ffff || m.bitfieldSize > 0xff)) {
          out.push(
            error(
              BtfWriteCode.DOES_NOT_FIT,
              `${what}: member '${m.name}' at bit ${m.bitOffset} (width ${m.bitfieldSize}) does not fit a kind_flag offset`,
            ),
          );
        }
      }
    }
    if (t.kind === "int" && (t.bits > 128 || t.bitOffset > 0xff || t.bitOffset + t.bits > t.size * 8)) {
      out.push(
        error(BtfWriteCode.DOES_NOT_FIT, `${what}: ${t.bits} bits at ${t.bitOffset} in ${t.size} bytes`),
      );
    }
    if (t.kind === "int" && Number(t.signed) + Number(t.char) + Number(t.bool) > 1) {
      out.push(error(BtfWriteCode.BAD_ENCODING, `${what}: an INT is at most one of signed, char and bool`));
    }
    if (t.kind === "enum" || t.kind === "enum64") names.push(...t.values.map((v) => v.name));
    if (t.kind === "func_proto") names.push(...t.params.map((p) => p.name));
    for (const n of names) {
      if (n.includes("\0"))
        out.push(error(BtfWriteCode.BAD_NAME, `${what}: name ${JSON.stringify(n)} holds a NUL`));
    }
  }
  return out;
}

/**
 * The type section of `btf`, interning names into `strings`. Use this with a shared
 * `BtfStringWriter` when `.BTF.ext` strings must land in the same table; otherwise `writeBtf`.
 */
export function writeBtfTypes(btf: Btf, strings: BtfStringWriter): Result<Uint8Array> {
  const problems = check(btf);
  if (problems.length) return fail(...problems);
  let total = 0;
  for (let id = 1; id < btf.types.length; id++) total += recordSize(btf.types[id]!);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let p = 0;
  const u32 = (v: number) => {
    view.setUint32(p, v >>> 0, true);
    p += 4;
  };
  const head = (
    t: Exclude<BtfType, { kind: "void" }>,
    kindFlag: boolean,
    vlen: number,
    sizeOrType: number,
  ) => {
    u32(strings.add(t.name));
    u32(((kindFlag ? 1 : 0) << 31) | (KIND_NUMBER[t.kind] << 24) | (vlen & 0xffff));
    u32(sizeOrType);
  };
  for (let id = 1; id < btf.types.length; id++) {
    const t = btf.types[id]!;
    switch (t.kind) {
      case "void":
        break; // rejected by check()
      case "int": {
        head(t, false, 0, t.size);
        const enc =
          (t.signed ? BtfIntEncoding.SIGNED : 0) |
          (t.char ? BtfIntEncoding.CHAR : 0) |
          (t.bool ? BtfIntEncoding.BOOL : 0);
        u32((enc << 24) | (t.bitOffset << 16) | t.bits);
        break;
      }
      case "ptr":
      case "typedef":
      case "volatile":
      case "const":
      case "restrict":
      case "type_tag":
        head(t, false, 0, t.type);
        break;
      case "array":
        head(t, false, 0, 0);
        u32(t.elemType);
        u32(t.indexType);
        u32(t.nelems);
        break;
      case "struct":
      case "union": {
        const flag = t.kindFlag || t.members.some((m) => m.bitfieldSize !== 0);
        head(t, flag, t.members.length, t.size);
        for (const m of t.members) {
          u32(strings.add(m.name));
          u32(m.type);
          u32(flag ? ((m.bitfieldSize << 24) | m.bitOffset) >>> 0 : m.bitOffset);
        }
        break;
      }
      case "enum":
        head(t, t.signed, t.values.length, t.size);
        for (const v of t.values) {
          u32(strings.add(v.name));
          u32(v.value);
        }
        break;
      case "enum64":
        head(t, t.signed, t.values.length, t.size);
        for (const v of t.values) {
          const raw = BigInt.asUintN(64, v.value);
          u32(strings.add(v.name));
          u32(Number(raw & 0xffff_ffffn));
          u32(Number(raw >> 32n));
        }
        break;
      case "fwd":
        head(t, t.union, 0, 0);
        break;
      case "func":
        // btf.rst §2.2.12: a FUNC's vlen holds its linkage.
        head(t, false, t.linkage, t.type);
        break;
      case "func_proto":
        head(t, false, t.params.length, t.returnType);
        for (const param of t.params) {
          u32(strings.add(param.name));
          u32(param.type);
        }
        break;
      case "var":
        head(t, false, 0, t.type);
        u32(t.linkage);
        break;
      case "datasec":
        head(t, false, t.vars.length, t.size);
        for (const v of t.vars) {
          u32(v.type);
          u32(v.offset);
          u32(v.size);
        }
        break;
      case "float":
        head(t, false, 0, t.size);
        break;
      case "decl_tag":
        head(t, false, 0, t.type);
        u32(t.componentIdx);
        break;
    }
  }
  return ok(out);
}

/** Header + type section + string section, as `.BTF` holds them. */
export function assembleBtf(types: Uint8Array, strings: Uint8Array): Uint8Array {
  const out = new Uint8Array(BTF_HEADER_SIZE + types.length + strings.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, BTF_MAGIC, true);
  out[2] = BTF_VERSION;
  out[3] = 0; // flags
  view.setUint32(4, BTF_HEADER_SIZE, true);
  view.setUint32(8, 0, true); // type_off
  view.setUint32(12, types.length, true);
  view.setUint32(16, types.length, true); // str_off: strings follow the types
  view.setUint32(20, strings.length, true);
  out.set(types, BTF_HEADER_SIZE);
  out.set(strings, BTF_HEADER_SIZE + types.length);
  return out;
}

/** A complete `.BTF` blob for `btf`, with its own string table. */
export function writeBtf(btf: Btf): Result<Uint8Array> {
  const strings = new BtfStringWriter();
  const types = writeBtfTypes(btf, strings);
  if (!types.ok) return types;
  return ok(assembleBtf(types.value, strings.bytes()));
}

export { BtfStringWriter };
