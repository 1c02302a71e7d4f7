import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { BtfCode } from "./codes.js";
import {
  BTF_HEADER_SIZE,
  BTF_MAGIC,
  BTF_MAX_TYPE,
  BTF_TYPE_SIZE,
  BTF_VERSION,
  BtfIntEncoding,
  BtfKind,
} from "./kinds.js";
import { BtfStringTable } from "./strings.js";
import type { Btf, BtfMember, BtfType, BtfTypeId } from "./types.js";

/** struct btf_header, with the type and string sections as absolute blob offsets. */
export interface BtfHeader {
  readonly littleEndian: boolean;
  readonly version: number;
  readonly flags: number;
  readonly hdrLen: number;
  readonly typeStart: number;
  readonly typeLen: number;
  readonly strStart: number;
  readonly strLen: number;
}

export interface ReadBtfOptions {
  /** Added to byte offsets in diagnostics (the `.BTF` section's file offset). */
  readonly baseOffset?: number;
}

/** Reads and checks struct btf_header (kernel btf_parse_hdr / btf_check_sec_info). */
export function readBtfHeader(bytes: Uint8Array, base = 0): Result<BtfHeader> {
  if (bytes.length < BTF_HEADER_SIZE) {
    return fail(
      error(
        BtfCode.TRUNCATED,
        `BTF blob of ${bytes.length} bytes is shorter than its ${BTF_HEADER_SIZE}-byte header`,
        {
          byteOffset: base,
        },
      ),
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let le = true;
  if (view.getUint16(0, true) !== BTF_MAGIC) {
    // BTF records the producer's byte order; a swapped magic means big-endian BTF (libbpf reads both).
    if (view.getUint16(0, false) !== BTF_MAGIC) {
      return fail(
        error(BtfCode.BAD_HEADER, `BTF magic is 0x${view.getUint16(0, true).toString(16)}, not 0xeb9f`, {
          byteOffset: base,
        }),
      );
    }
    le = false;
  }
  const version = bytes[2]!;
  if (version !== BTF_VERSION) {
    return fail(
      error(BtfCode.BAD_HEADER, `BTF version ${version} is not ${BTF_VERSION}`, { byteOffset: base + 2 }),
    );
  }
  const hdrLen = view.getUint32(4, le);
  if (hdrLen < BTF_HEADER_SIZE || hdrLen > bytes.length) {
    return fail(
      error(
        BtfCode.BAD_HEADER,
        `BTF hdr_len ${hdrLen} is below ${BTF_HEADER_SIZE} or past the ${bytes.length}-byte blob`,
        {
          byteOffset: base + 4,
        },
      ),
    );
  }
  const typeOff = view.getUint32(8, le);
  const typeLen = view.getUint32(12, le);
  const strOff = view.getUint32(16, le);
  const strLen = view.getUint32(20, le);
  const body = bytes.length - hdrLen;
  const sections: Array<[string, number, number, number]> = [
    ["type", typeOff, typeLen, 8],
    ["string", strOff, strLen, 16],
  ];
  for (const [what, off, len, at] of sections) {
    if (off > body || len > body - off) {
      return fail(
        error(
          BtfCode.SECTION_OUT_OF_BOUNDS,
          `BTF ${what} section ${off}+${len} lies past the ${body} bytes after the header`,
          { byteOffset: base + at },
        ),
      );
    }
  }
  if (typeOff % 4 !== 0) {
    return fail(
      error(BtfCode.BAD_HEADER, `BTF type_off ${typeOff} is not 4-byte aligned`, { byteOffset: base + 8 }),
    );
  }
  // kernel btf_check_sec_info: sections must not overlap.
  if (typeLen > 0 && strLen > 0 && typeOff < strOff + strLen && strOff < typeOff + typeLen) {
    return fail(
      error(BtfCode.SECTION_OUT_OF_BOUNDS, "BTF type and string sections overlap", { byteOffset: base + 8 }),
    );
  }
  return ok({
    littleEndian: le,
    version,
    flags: bytes[3]!,
    hdrLen,
    typeStart: hdrLen + typeOff,
    typeLen,
    strStart: hdrLen + strOff,
    strLen,
  });
}

/** Extra bytes that follow struct btf_type for each kind (btf.rst §2.2). */
function trailerSize(kind: number, vlen: number): number | undefined {
  switch (kind) {
    case BtfKind.INT:
    case BtfKind.VAR:
    case BtfKind.DECL_TAG:
      return 4;
    case BtfKind.ARRAY:
      return 12;
    case BtfKind.STRUCT:
    case BtfKind.UNION:
    case BtfKind.DATASEC:
    case BtfKind.ENUM64:
      return 12 * vlen;
    case BtfKind.ENUM:
    case BtfKind.FUNC_PROTO:
      return 8 * vlen;
    case BtfKind.PTR:
    case BtfKind.FWD:
    case BtfKind.TYPEDEF:
    case BtfKind.VOLATILE:
    case BtfKind.CONST:
    case BtfKind.RESTRICT:
    case BtfKind.FUNC:
    case BtfKind.FLOAT:
    case BtfKind.TYPE_TAG:
      return 0;
    default:
      return undefined;
  }
}

const REF_KINDS: Readonly<
  Record<number, "ptr" | "typedef" | "volatile" | "const" | "restrict" | "type_tag">
> = {
  [BtfKind.PTR]: "ptr",
  [BtfKind.TYPEDEF]: "typedef",
  [BtfKind.VOLATILE]: "volatile",
  [BtfKind.CONST]: "const",
  [BtfKind.RESTRICT]: "restrict",
  [BtfKind.TYPE_TAG]: "type_tag",
};

/**
 * Reads a raw BTF blob — an object's `.BTF` section or /sys/kernel/btf/vmlinux — into the type
 * model. Every record is bounds-checked, every name offset resolved and every referenced type id
 * checked to exist; problems are TSB033x diagnostics with the byte offset of the record.
 */
export function readBtf(bytes: Uint8Array, options: ReadBtfOptions = {}): Result<Btf> {
  const base = options.baseOffset ?? 0;
  const h = readBtfHeader(bytes, base);
  if (!h.ok) return h;
  const { littleEndian: le, typeStart, typeLen, strStart, strLen } = h.value;
  const strBytes = bytes.subarray(strStart, strStart + strLen);
  // kernel btf_parse_str_sec: the string section starts with "" and ends with a NUL.
  if (strLen > 0 && (strBytes[0] !== 0 || strBytes[strLen - 1] !== 0)) {
    return fail(
      error(BtfCode.BAD_FIELD, "BTF string section must start and end with a NUL byte", {
        byteOffset: base + strStart,
      }),
    );
  }
  const strings = new BtfStringTable(strBytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const diagnostics: Diagnostic[] = [];
  const types: BtfType[] = [{ kind: "void", name: "" }];
  /** Per type: where its record starts, and the ids it refers to (checked once all are read). */
  const refs: Array<[at: number, ids: number[]]> = [];

  const name = (off: number, at: number): string => {
    const s = strings.at(off);
    if (s !== undefined) return s;
    diagnostics.push(
      error(
        BtfCode.BAD_STRING,
        `BTF name offset ${off} is outside the ${strLen}-byte string section or unterminated`,
        {
          byteOffset: base + at,
        },
      ),
    );
    return "";
  };

  const end = typeStart + typeLen;
  let pos = typeStart;
  while (pos < end && diagnostics.length < 64) {
    const at = pos;
    if (end - pos < BTF_TYPE_SIZE) {
      diagnostics.push(
        error(BtfCode.TRUNCATED, `BTF type ${types.length}: record cut short (${end - pos} of 12 bytes)`, {
          byteOffset: base + at,
        }),
      );
      break;
    }
    if (types.length > BTF_MAX_TYPE) {
      diagnostics.push(
        error(BtfCode.TOO_MANY, `more than ${BTF_MAX_TYPE} BTF types`, { byteOffset: base + at }),
      );
      break;
    }
    const nameOff = view.getUint32(pos, le);
    const info = view.getUint32(pos + 4, le);
    const sizeOrType = view.getUint32(pos + 8, le);
    const vlen = info & 0xffff;
    const kind = (info >>> 24) & 0x1f;
    const kindFlag = info >>> 31 === 1;
    pos += BTF_TYPE_SIZE;
    const extra = trailerSize(kind, vlen);
    if (extra === undefined) {
      diagnostics.push(
        error(BtfCode.UNKNOWN_KIND, `BTF type ${types.length}: unknown kind ${kind}`, {
          byteOffset: base + at + 4,
        }),
      );
      break;
    }
    if (end - pos < extra) {
      diagnostics.push(
        error(
          BtfCode.TRUNCATED,
          `BTF type ${types.length}: its ${extra} bytes of members/data run past the type section`,
          { byteOffset: base + at },
        ),
      );
      break;
    }
    const ids: number[] = [];
    let t: BtfType;
    switch (kind) {
      case BtfKind.INT: {
        const v = view.getUint32(pos, le);
        const enc = (v >>> 24) & 0x0f;
        const bits = v & 0xff;
        const bitOffset = (v >>> 16) & 0xff;
        // kernel btf_int_check_meta: no reserved bits, bits + offset within the size, size ≤ 16.
        if ((v & 0xf000_ff00) !== 0 || bitOffset + bits > sizeOrType * 8 || sizeOrType > 16) {
          diagnostics.push(
            error(
              BtfCode.BAD_FIELD,
              `BTF type ${types.length}: INT data 0x${v.toString(16)} does not fit its ${sizeOrType}-byte size`,
              {
                byteOffset: base + pos,
              },
            ),
          );
        }
        t = {
          kind: "int",
          name: name(nameOff, at),
          size: sizeOrType,
          signed: (enc & BtfIntEncoding.SIGNED) !== 0,
          char: (enc & BtfIntEncoding.CHAR) !== 0,
          bool: (enc & BtfIntEncoding.BOOL) !== 0,
          bitOffset,
          bits,
        };
        break;
      }
      case BtfKind.PTR:
      case BtfKind.TYPEDEF:
      case BtfKind.VOLATILE:
      case BtfKind.CONST:
      case BtfKind.RESTRICT:
      case BtfKind.TYPE_TAG:
        ids.push(sizeOrType);
        t = { kind: REF_KINDS[kind]!, name: name(nameOff, at), type: sizeOrType };
        break;
      case BtfKind.ARRAY: {
        const elemType = view.getUint32(pos, le);
        const indexType = view.getUint32(pos + 4, le);
        ids.push(elemType, indexType);
        t = { kind: "array", name: "", elemType, indexType, nelems: view.getUint32(pos + 8, le) };
        break;
      }
      case BtfKind.STRUCT:
      case BtfKind.UNION: {
        const members: BtfMember[] = new Array(vlen);
        for (let i = 0; i < vlen; i++) {
          const m = pos + 12 * i;
          const type = view.getUint32(m + 4, le);
          const off = view.getUint32(m + 8, le);
          ids.push(type);
          members[i] = {
            name: name(view.getUint32(m, le), m),
            type,
            bitOffset: kindFlag ? off & 0xff_ffff : off,
            bitfieldSize: kindFlag ? off >>> 24 : 0,
          };
        }
        t = {
          kind: kind === BtfKind.STRUCT ? "struct" : "union",
          name: name(nameOff, at),
          size: sizeOrType,
          kindFlag,
          members,
        };
        break;
      }
      case BtfKind.ENUM: {
        const values = new Array<{ name: string; value: number }>(vlen);
        for (let i = 0; i < vlen; i++) {
          const m = pos + 8 * i;
          values[i] = {
            name: name(view.getUint32(m, le), m),
            value: kindFlag ? view.getInt32(m + 4, le) : view.getUint32(m + 4, le),
          };
        }
        t = { kind: "enum", name: name(nameOff, at), size: sizeOrType, signed: kindFlag, values };
        break;
      }
      case BtfKind.ENUM64: {
        const values = new Array<{ name: string; value: bigint }>(vlen);
        for (let i = 0; i < vlen; i++) {
          const m = pos + 12 * i;
          const lo = BigInt(view.getUint32(m + 4, le));
          const hi = BigInt(view.getUint32(m + 8, le));
          const raw = (hi << 32n) | lo;
          values[i] = {
            name: name(view.getUint32(m, le), m),
            value: kindFlag ? BigInt.asIntN(64, raw) : raw,
          };
        }
        t = { kind: "enum64", name: name(nameOff, at), size: sizeOrType, signed: kindFlag, values };
        break;
      }
      case BtfKind.FWD:
        t = { kind: "fwd", name: name(nameOff, at), union: kindFlag };
        break;
      case BtfKind.FUNC:
        ids.push(sizeOrType);
        t = { kind: "func", name: name(nameOff, at), type: sizeOrType, linkage: vlen };
        break;
      case BtfKind.FUNC_PROTO: {
        const params = new Array<{ name: string; type: BtfTypeId }>(vlen);
        ids.push(sizeOrType);
        for (let i = 0; i < vlen; i++) {
          const m = pos + 8 * i;
          const type = view.getUint32(m + 4, le);
          ids.push(type);
          params[i] = { name: name(view.getUint32(m, le), m), type };
        }
        t = { kind: "func_proto", name: "", returnType: sizeOrType, params };
        break;
      }
      case BtfKind.VAR:
        ids.push(sizeOrType);
        t = { kind: "var", name: name(nameOff, at), type: sizeOrType, linkage: view.getUint32(pos, le) };
        break;
      case BtfKind.DATASEC: {
        const vars = new Array<{ type: number; offset: number; size: number }>(vlen);
        for (let i = 0; i < vlen; i++) {
          const m = pos + 12 * i;
          const type = view.getUint32(m, le);
          ids.push(type);
          vars[i] = { type, offset: view.getUint32(m + 4, le), size: view.getUint32(m + 8, le) };
        }
        t = { kind: "datasec", name: name(nameOff, at), size: sizeOrType, vars };
        break;
      }
      case BtfKind.FLOAT:
        t = { kind: "float", name: name(nameOff, at), size: sizeOrType };
        break;
      case BtfKind.DECL_TAG:
        ids.push(sizeOrType);
        t = {
          kind: "decl_tag",
          name: name(nameOff, at),
          type: sizeOrType,
          componentIdx: view.getInt32(pos, le),
        };
        break;
      default:
        // UNKN (0) has a trailer size of 0 in no table; trailerSize() rejected it above.
        diagnostics.push(
          error(BtfCode.UNKNOWN_KIND, `BTF type ${types.length}: kind ${kind}`, {
            byteOffset: base + at + 4,
          }),
        );
        t = { kind: "void", name: "" };
    }
    pos += extra;
    types.push(t);
    refs.push([at, ids]);
  }
  if (diagnostics.length) return fail(...diagnostics);

  const count = types.length;
  for (let id = 1; id < count; id++) {
    const [at, ids] = refs[id - 1]!;
    for (const ref of ids) {
      if (ref >= count) {
        diagnostics.push(
          error(BtfCode.BAD_TYPE_ID, `BTF type ${id} refers to type ${ref}; the blob has ${count - 1}`, {
            byteOffset: base + at,
          }),
        );
        if (diagnostics.length >= 64) return fail(...diagnostics);
      }
    }
  }
  if (diagnostics.length) return fail(...diagnostics);
  return ok({ types, strings });
}
