/**
 * The string section of a BTF blob being written: NUL-terminated names addressed by byte offset,
 * offset 0 being "" (kernel btf_parse_str_sec requires the leading NUL). Each distinct string is
 * stored once, as libbpf's btf__add_str does; `.BTF.ext` file names and source lines are added to
 * the same table, so a writer adds every string before it takes the bytes.
 */
export class BtfStringWriter {
  private readonly offsets = new Map<string, number>([["", 0]]);
  private readonly chunks: Uint8Array[] = [new Uint8Array(1)];
  private length = 1;
  private readonly encoder = new TextEncoder();

  /** Offset of `s` in the table, adding it the first time. */
  add(s: string): number {
    const known = this.offsets.get(s);
    if (known !== undefined) return known;
    const bytes = this.encoder.encode(s);
    const off = this.length;
    const chunk = new Uint8Array(bytes.length + 1);
    chunk.set(bytes);
    this.chunks.push(chunk);
    this.length += chunk.length;
    this.offsets.set(s, off);
    return off;
  }

  /** Bytes so far (the table only grows, so earlier offsets stay valid). */
  get size(): number {
    return this.length;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}
