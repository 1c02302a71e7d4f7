import { readBits } from "./bits.js";
import { sizeOf } from "./build.js";
import type { Field, Layout, LayoutValue } from "./types.js";

const utf8 = new TextDecoder("utf-8");

/**
 * Reads C data as JavaScript values (see `LayoutValue` for the mapping). Reading never fails for
 * well-sized input; a buffer shorter than the layout is a caller bug and throws a RangeError.
 */
export function decode(layout: Layout, bytes: Uint8Array, offset = 0): LayoutValue {
  const size = sizeOf(layout);
  if (offset < 0 || offset + size > bytes.length) {
    throw new RangeError(
      `decode: ${size} bytes at offset ${offset} do not fit a ${bytes.length}-byte buffer`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return read(layout, bytes, view, offset);
}

function read(layout: Layout, bytes: Uint8Array, view: DataView, at: number): LayoutValue {
  switch (layout.kind) {
    case "int":
      return readInt(view, at, layout.size, layout.signed);
    case "bool":
      return bytes[at] !== 0;
    case "pointer":
      return view.getBigUint64(at, true);
    case "cstring": {
      // CString<N> holds at most N-1 bytes before its NUL; a buffer without one is cut there too.
      const limit = at + layout.length - 1;
      let end = at;
      while (end < limit && bytes[end] !== 0) end++;
      return utf8.decode(bytes.subarray(at, end));
    }
    case "opaque":
      return bytes.slice(at, at + layout.size);
    case "array": {
      const elem = layout.elem;
      if (elem.kind === "int" && elem.size === 1 && !elem.signed) return bytes.slice(at, at + layout.length);
      const step = sizeOf(elem);
      const out: LayoutValue[] = new Array<LayoutValue>(layout.length);
      for (let i = 0; i < layout.length; i++) out[i] = read(elem, bytes, view, at + i * step);
      return out;
    }
    case "struct":
    case "union": {
      const obj: Record<string, LayoutValue> = {};
      readFields(layout.fields, bytes, view, at, obj);
      return obj;
    }
  }
}

function readFields(
  fields: readonly Field[],
  bytes: Uint8Array,
  view: DataView,
  at: number,
  obj: Record<string, LayoutValue>,
): void {
  for (const f of fields) {
    if (f.name === "") {
      // Anonymous struct/union members are reachable by their members' names, as in C.
      if (f.layout.kind === "struct" || f.layout.kind === "union")
        readFields(f.layout.fields, bytes, view, at + f.offset, obj);
      continue;
    }
    if (f.bitSize !== undefined) {
      const l = f.layout;
      const signed = l.kind === "int" && l.signed;
      const v = readBits(bytes, at + f.offset, f.bitOffset ?? 0, f.bitSize, signed);
      obj[f.name] = l.kind === "bool" ? v !== 0n : l.kind === "int" && l.size === 8 ? v : Number(v);
      continue;
    }
    obj[f.name] = read(f.layout, bytes, view, at + f.offset);
  }
}

function readInt(view: DataView, at: number, size: number, signed: boolean): number | bigint {
  switch (size) {
    case 1:
      return signed ? view.getInt8(at) : view.getUint8(at);
    case 2:
      return signed ? view.getInt16(at, true) : view.getUint16(at, true);
    case 4:
      return signed ? view.getInt32(at, true) : view.getUint32(at, true);
    default:
      return signed ? view.getBigInt64(at, true) : view.getBigUint64(at, true);
  }
}
