/**
 * Parsers for `llvm-readelf --wide -S`, `-s` and `-r` (GNU style): the reference the ELF reader
 * is compared against.
 */

export interface ReadelfSection {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly offset: number;
  readonly size: number;
  readonly entsize: number;
  readonly link: number;
  readonly info: number;
  readonly align: number;
}

export function parseSections(text: string): ReadelfSection[] {
  const out: ReadelfSection[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*\[\s*(\d+)\]\s?(.*)$/.exec(line);
    if (!m) continue;
    const tokens = m[2]!.trim().split(/\s+/);
    const index = Number(m[1]);
    // Section 0 has an empty name: its first token is already the type.
    if (index === 0) tokens.unshift("");
    const [name, type, , off, size, es] = tokens as [string, string, string, string, string, string];
    const n = tokens.length;
    out.push({
      index,
      name,
      type,
      offset: parseInt(off, 16),
      size: parseInt(size, 16),
      entsize: parseInt(es, 16),
      link: Number(tokens[n - 3]),
      info: Number(tokens[n - 2]),
      align: Number(tokens[n - 1]),
    });
  }
  return out;
}

export interface ReadelfSymbol {
  readonly index: number;
  readonly value: number;
  readonly size: number;
  readonly type: string;
  readonly bind: string;
  readonly visibility: string;
  readonly ndx: string;
  readonly name: string;
}

export function parseSymbols(text: string): ReadelfSymbol[] {
  const out: ReadelfSymbol[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*(\d+):\s+([0-9a-f]+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s?(.*)$/.exec(line);
    if (!m) continue;
    out.push({
      index: Number(m[1]),
      value: parseInt(m[2]!, 16),
      size: Number(m[3]),
      type: m[4]!,
      bind: m[5]!,
      visibility: m[6]!,
      ndx: m[7]!,
      name: m[8]!,
    });
  }
  return out;
}

export interface ReadelfRelocation {
  readonly offset: number;
  readonly symbolIndex: number;
  readonly type: number;
  readonly typeName: string;
}

/** Relocation entries per relocation section name. */
export function parseRelocations(text: string): Map<string, ReadelfRelocation[]> {
  const out = new Map<string, ReadelfRelocation[]>();
  let current: ReadelfRelocation[] | undefined;
  for (const line of text.split("\n")) {
    const head = /^Relocation section '([^']+)'/.exec(line);
    if (head) {
      current = [];
      out.set(head[1]!, current);
      continue;
    }
    const m = /^([0-9a-f]{16})\s+([0-9a-f]{16})\s+(\S+)/.exec(line);
    if (!m || !current) continue;
    const info = BigInt("0x" + m[2]!);
    current.push({
      offset: parseInt(m[1]!, 16),
      symbolIndex: Number(info >> 32n),
      type: Number(info & 0xffffffffn),
      typeName: m[3]!,
    });
  }
  return out;
}
