/** A parsed `llvm-objdump -d` listing: per code section, each instruction's slot, bytes and text. */
export interface ListedInstruction {
  readonly slot: number;
  /** Raw bytes when the listing shows them. */
  readonly bytes?: Uint8Array;
  /** Instruction text without a trailing `<label>` annotation. */
  readonly text: string;
}

export type Listing = Map<string, ListedInstruction[]>;

export function parseObjdumpListing(text: string): Listing {
  const sections: Listing = new Map();
  let current: ListedInstruction[] | undefined;
  for (const line of text.split("\n")) {
    const header = /^Disassembly of section (.+):$/.exec(line);
    if (header) {
      current = [];
      sections.set(header[1]!, current);
      continue;
    }
    const m = /^ *(\d+):\t(?:((?:[0-9a-f]{2} )*[0-9a-f]{2})\t)?(.*)$/.exec(line);
    if (!m || !current) continue;
    const bytes = m[2] ? Uint8Array.from(m[2].split(" "), (b) => parseInt(b, 16)) : undefined;
    current.push({ slot: Number(m[1]), ...(bytes ? { bytes } : {}), text: m[3]!.replace(/ <[^<>]+>$/, "") });
  }
  return sections;
}

/** The section's code, rebuilt from the raw bytes of a listing. */
export function sectionBytes(listed: readonly ListedInstruction[]): Uint8Array {
  const parts = listed.map((l) => l.bytes!);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
