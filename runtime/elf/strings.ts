/**
 * NUL-terminated string tables (ELF .strtab/.shstrtab, BTF's string section). A name is valid
 * only when its offset is inside the table and a NUL follows before the table ends; anything
 * else is the caller's diagnostic, never a read past the table.
 */
const utf8 = new TextDecoder("utf-8", { fatal: false });

/** The string at `offset` in `table`, or undefined when the offset or terminator is missing. */
export function stringAt(table: Uint8Array, offset: number): string | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset >= table.length) return undefined;
  const end = table.indexOf(0, offset);
  if (end < 0) return undefined;
  if (end === offset) return "";
  // Names are ASCII in practice; decode those without TextDecoder's per-call cost.
  let ascii = true;
  for (let i = offset; i < end; i++) {
    if (table[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return utf8.decode(table.subarray(offset, end));
  let s = "";
  for (let i = offset; i < end; i += 4096) {
    s += String.fromCharCode.apply(null, Array.from(table.subarray(i, Math.min(end, i + 4096))));
  }
  return s;
}
