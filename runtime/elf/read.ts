import { fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { SectionType } from "./constants.js";
import { readHeader } from "./header.js";
import { readRelocationSection } from "./relocations.js";
import { readSections } from "./sections.js";
import { readSymbols } from "./symbols.js";
import type { ElfFile, ElfRelocationSection, ElfSymbol } from "./types.js";

/**
 * Reads an ELF64 little-endian EM_BPF object: header, section headers and names, `.symtab` and
 * every relocation section. Any structure that does not fit the file is a TSB03xx diagnostic
 * with its byte offset; nothing is read out of bounds and no count is trusted before it has been
 * checked against the file size, so corrupt input neither throws nor hangs.
 */
export function readElf(bytes: Uint8Array): Result<ElfFile> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = readHeader(bytes, view);
  if (!header.ok) return header;
  const table = readSections(bytes, view, header.value);
  if (!table.ok) return table;
  const { sections, shnum, shstrndx } = table.value;

  const diagnostics: Diagnostic[] = [];
  // gABI: "currently, an object file may have only one section of each type" (SHT_SYMTAB).
  const symtab = sections.find((s) => s.type === SectionType.SYMTAB);
  const symbols: ElfSymbol[] = symtab ? readSymbols(symtab, sections, diagnostics) : [];
  const relocations: ElfRelocationSection[] = [];
  const symbolCount = symtab ? symtab.size / 24 : 0;
  for (const s of sections) {
    if (s.type !== SectionType.REL && s.type !== SectionType.RELA) continue;
    const r = readRelocationSection(s, sections, symtab?.index ?? 0, symbolCount, diagnostics);
    if (r) relocations.push(r);
  }
  if (diagnostics.length) return fail(...diagnostics);
  return ok({
    bytes,
    header: {
      type: header.value.type,
      machine: header.value.machine,
      version: header.value.version,
      entry: header.value.entry,
      flags: header.value.flags,
      shoff: header.value.shoff,
      shnum,
      shstrndx,
    },
    sections,
    symbols,
    relocations,
  });
}
