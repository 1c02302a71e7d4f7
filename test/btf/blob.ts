/**
 * Hand-assembled BTF blobs for the reader's unit tests: a header, raw type words and a string
 * table, laid out as btf.rst §2 describes, with knobs to break each part.
 */
export interface BlobParts {
  /** Type section as 32-bit words. */
  readonly types: readonly number[];
  /** Strings after the leading "" (joined with NULs). */
  readonly strings: readonly string[];
  readonly header?: Partial<{
    magic: number;
    version: number;
    hdrLen: number;
    typeOff: number;
    typeLen: number;
    strOff: number;
    strLen: number;
  }>;
}

/** Offset of `s` in the string table built from `strings` (0 for ""). */
export function strOff(strings: readonly string[], s: string): number {
  if (s === "") return 0;
  let off = 1;
  for (const x of strings) {
    if (x === s) return off;
    off += x.length + 1;
  }
  throw new Error(`no string ${s}`);
}

export const info = (kind: number, vlen = 0, kindFlag = false) =>
  ((kindFlag ? 1 << 31 : 0) | (kind << 24) | vlen) >>> 0;

export function blob(parts: BlobParts): Uint8Array {
  const str = new TextEncoder().encode("\0" + parts.strings.map((s) => s + "\0").join(""));
  const typeLen = parts.types.length * 4;
  const h = {
    magic: 0xeb9f,
    version: 1,
    hdrLen: 24,
    typeOff: 0,
    typeLen,
    strOff: typeLen,
    strLen: str.length,
    ...parts.header,
  };
  const out = new Uint8Array(24 + typeLen + str.length);
  const v = new DataView(out.buffer);
  v.setUint16(0, h.magic, true);
  v.setUint8(2, h.version);
  v.setUint32(4, h.hdrLen, true);
  v.setUint32(8, h.typeOff, true);
  v.setUint32(12, h.typeLen, true);
  v.setUint32(16, h.strOff, true);
  v.setUint32(20, h.strLen, true);
  parts.types.forEach((w, i) => v.setUint32(24 + 4 * i, w >>> 0, true));
  out.set(str, 24 + typeLen);
  return out;
}
