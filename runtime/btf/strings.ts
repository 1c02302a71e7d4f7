import { stringAt } from "../elf/strings.js";

/**
 * BTF's string section: NUL-terminated names addressed by byte offset, offset 0 being "".
 * An all-ASCII table (every real one) is decoded once, so a name is a substring; vmlinux has
 * hundreds of thousands of names and this keeps reading it fast. Lookups are cached by offset.
 */
export class BtfStringTable {
  readonly bytes: Uint8Array;
  private readonly text: string | undefined;
  private readonly cache = new Map<number, string>();

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    this.text = ascii ? new TextDecoder("latin1").decode(bytes) : undefined;
  }

  /** The name at `offset`, or undefined when the offset is outside the table or unterminated. */
  at(offset: number): string | undefined {
    const hit = this.cache.get(offset);
    if (hit !== undefined) return hit;
    let s: string | undefined;
    if (this.text !== undefined) {
      if (offset < 0 || offset >= this.text.length) return undefined;
      const end = this.text.indexOf("\0", offset);
      if (end < 0) return undefined;
      s = this.text.substring(offset, end);
    } else s = stringAt(this.bytes, offset);
    if (s !== undefined) this.cache.set(offset, s);
    return s;
  }
}
