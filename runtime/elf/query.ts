import { SymbolType } from "./constants.js";
import type { ElfFile, ElfRelocation, ElfSection, ElfSymbol } from "./types.js";

/** The first section with this name (section names are unique in clang's objects). */
export function sectionByName(file: ElfFile, name: string): ElfSection | undefined {
  return file.sections.find((s) => s.name === name);
}

/** Symbols defined in a section, in table order (the null and STT_SECTION/STT_FILE ones aside). */
export function symbolsIn(file: ElfFile, sectionIndex: number): ElfSymbol[] {
  return file.symbols.filter(
    (s) =>
      s.index !== 0 &&
      s.sectionIndex === sectionIndex &&
      s.type !== SymbolType.SECTION &&
      s.type !== SymbolType.FILE,
  );
}

/** All relocation entries that patch a section (from every REL/RELA section targeting it). */
export function relocationsFor(file: ElfFile, sectionIndex: number): ElfRelocation[] {
  return file.relocations.filter((r) => r.target === sectionIndex).flatMap((r) => r.entries);
}

/** A symbol's printable name: its own, or the section's for STT_SECTION symbols (as readelf -r shows). */
export function symbolDisplayName(file: ElfFile, symbol: ElfSymbol): string {
  if (symbol.type === SymbolType.SECTION && symbol.name === "") {
    return file.sections[symbol.sectionIndex]?.name ?? "";
  }
  return symbol.name;
}
