import { BTF_TYPE_SIZE, BtfKind } from "../btf/kinds.js";
import type { DataSectionSpec } from "../object/spec.js";
import { HOST_LITTLE_ENDIAN } from "./attr.js";

/** Byte positions inside a raw BTF blob that loaders need. */
interface BtfLayout {
  readonly typeStart: number;
  readonly typeEnd: number;
  readonly strStart: number;
  readonly strEnd: number;
}

function layoutOf(v: DataView): BtfLayout | undefined {
  if (v.byteLength < 24 || v.getUint16(0, HOST_LITTLE_ENDIAN) !== 0xeb9f) return undefined;
  const hdrLen = v.getUint32(4, HOST_LITTLE_ENDIAN);
  const typeStart = hdrLen + v.getUint32(8, HOST_LITTLE_ENDIAN);
  const typeEnd = typeStart + v.getUint32(12, HOST_LITTLE_ENDIAN);
  const strStart = hdrLen + v.getUint32(16, HOST_LITTLE_ENDIAN);
  const strEnd = strStart + v.getUint32(20, HOST_LITTLE_ENDIAN);
  if (typeEnd > v.byteLength || strEnd > v.byteLength) return undefined;
  return { typeStart, typeEnd, strStart, strEnd };
}

/** Bytes that follow the 12-byte struct btf_type for each kind (Documentation/bpf/btf.rst §2.2). */
function trailing(kind: number, vlen: number): number {
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
    default:
      return 0;
  }
}

/** Every NUL-terminated string of the BTF string section by text → first offset. */
export function btfStringOffsets(btf: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  const v = new DataView(btf.buffer, btf.byteOffset, btf.byteLength);
  const l = layoutOf(v);
  if (!l) return out;
  const decoder = new TextDecoder();
  let start = l.strStart;
  for (let i = l.strStart; i < l.strEnd; i++) {
    if (btf[i] !== 0) continue;
    const s = decoder.decode(btf.subarray(start, i));
    if (!out.has(s)) out.set(s, start - l.strStart);
    start = i + 1;
  }
  return out;
}

/**
 * A copy of clang's `.BTF` made acceptable to the kernel the way libbpf's btf_fixup_datasec does:
 * clang writes every DATASEC with size 0 and its variables at offset 0 because the final layout is
 * the linker's business, and the kernel refuses that (kernel: btf_datasec_resolve "Invalid
 * offset"). Global data sections get their real size and each variable its symbol offset from the
 * spec; other sections (`.maps`, `license`, `.kconfig`) get their variables laid out one after the
 * other, which nothing reads but the kernel's consistency check.
 */
export function fixupBtf(btf: Uint8Array, data: readonly DataSectionSpec[]): Uint8Array {
  const out = btf.slice();
  const v = new DataView(out.buffer);
  const l = layoutOf(v);
  if (!l) return out;
  const strings = new TextDecoder();
  const nameAt = (off: number): string => {
    const s = l.strStart + off;
    const e = out.indexOf(0, s);
    return strings.decode(out.subarray(s, e < 0 ? l.strEnd : e));
  };
  // First pass: name of every VAR by type id, to match DATASEC entries with spec variables.
  const varNames = new Map<number, string>();
  const datasecs: Array<{ pos: number; vlen: number; name: string }> = [];
  let pos = l.typeStart;
  for (let id = 1; pos + BTF_TYPE_SIZE <= l.typeEnd; id++) {
    const info = v.getUint32(pos + 4, HOST_LITTLE_ENDIAN);
    const kind = (info >>> 24) & 0x1f;
    const vlen = info & 0xffff;
    const name = nameAt(v.getUint32(pos, HOST_LITTLE_ENDIAN));
    if (kind === BtfKind.VAR) varNames.set(id, name);
    if (kind === BtfKind.DATASEC) datasecs.push({ pos, vlen, name });
    pos += BTF_TYPE_SIZE + trailing(kind, vlen);
  }
  for (const ds of datasecs) {
    const section = data.find((d) => d.name === ds.name);
    const entries = Array.from({ length: ds.vlen }, (_, i) => ds.pos + BTF_TYPE_SIZE + 12 * i);
    let placed = false;
    if (section) {
      const offsets = entries.map((e) => {
        const name = varNames.get(v.getUint32(e, HOST_LITTLE_ENDIAN));
        return section.variables.find((x) => x.name === name)?.offset;
      });
      // Keep the symbol offsets only when all are known and increasing without overlap.
      let end = 0;
      let consistent = offsets.every((o) => o !== undefined);
      const order = entries.map((e, i) => ({
        e,
        off: offsets[i] ?? 0,
        size: v.getUint32(e + 8, HOST_LITTLE_ENDIAN),
      }));
      for (const x of order) {
        if (x.off < end) consistent = false;
        end = x.off + x.size;
      }
      if (consistent && end <= Math.max(section.bytes.length, 1)) {
        for (const x of order) v.setUint32(x.e + 4, x.off, HOST_LITTLE_ENDIAN);
        v.setUint32(ds.pos + 8, Math.max(section.bytes.length, end, 1), HOST_LITTLE_ENDIAN);
        placed = true;
      }
    }
    if (!placed && v.getUint32(ds.pos + 8, HOST_LITTLE_ENDIAN) === 0) {
      let end = 0;
      for (const e of entries) {
        const size = v.getUint32(e + 8, HOST_LITTLE_ENDIAN);
        end = Math.ceil(end / 8) * 8;
        v.setUint32(e + 4, end, HOST_LITTLE_ENDIAN);
        end += size;
      }
      v.setUint32(ds.pos + 8, Math.max(end, 1), HOST_LITTLE_ENDIAN);
    }
  }
  return out;
}

/**
 * Type ids of every named type by name (and kind), e.g. to find a kfunc's FUNC or an fentry
 * target in vmlinux BTF. Names that repeat keep every id, in order.
 */
export function btfNameIndex(btf: Uint8Array): Map<string, Array<{ id: number; kind: number }>> {
  const index = new Map<string, Array<{ id: number; kind: number }>>();
  const v = new DataView(btf.buffer, btf.byteOffset, btf.byteLength);
  const l = layoutOf(v);
  if (!l) return index;
  const text = new TextDecoder("latin1").decode(btf.subarray(l.strStart, l.strEnd));
  let pos = l.typeStart;
  for (let id = 1; pos + BTF_TYPE_SIZE <= l.typeEnd; id++) {
    const nameOff = v.getUint32(pos, HOST_LITTLE_ENDIAN);
    const info = v.getUint32(pos + 4, HOST_LITTLE_ENDIAN);
    const kind = (info >>> 24) & 0x1f;
    if (nameOff !== 0 && nameOff < text.length) {
      const end = text.indexOf("\0", nameOff);
      const name = text.substring(nameOff, end < 0 ? text.length : end);
      const list = index.get(name);
      if (list) list.push({ id, kind });
      else index.set(name, [{ id, kind }]);
    }
    pos += BTF_TYPE_SIZE + trailing(kind, info & 0xffff);
  }
  return index;
}

/** The BTF type id of the DATASEC named `name`, if any (for a global data map's btf_value_type_id). */
export function datasecTypeId(btf: Uint8Array, name: string): number | undefined {
  const v = new DataView(btf.buffer, btf.byteOffset, btf.byteLength);
  const l = layoutOf(v);
  if (!l) return undefined;
  const wanted = new TextEncoder().encode(name);
  const named = (off: number): boolean => {
    const s = l.strStart + off;
    if (s + wanted.length >= l.strEnd || btf[s + wanted.length] !== 0) return false;
    for (let i = 0; i < wanted.length; i++) if (btf[s + i] !== wanted[i]) return false;
    return true;
  };
  let pos = l.typeStart;
  for (let id = 1; pos + BTF_TYPE_SIZE <= l.typeEnd; id++) {
    const info = v.getUint32(pos + 4, HOST_LITTLE_ENDIAN);
    const kind = (info >>> 24) & 0x1f;
    if (kind === BtfKind.DATASEC && named(v.getUint32(pos, HOST_LITTLE_ENDIAN))) return id;
    pos += BTF_TYPE_SIZE + trailing(kind, info & 0xffff);
  }
  return undefined;
}
