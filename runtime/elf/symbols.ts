import { error, type Diagnostic } from "../diag/diagnostic.js";
import { ElfCode } from "./codes.js";
import { ELF64_SYM_SIZE, SectionType, SHN_LORESERVE, SHN_XINDEX } from "./constants.js";
import { huge, u64 } from "./header.js";
import { stringAt } from "./strings.js";
import type { ElfSection, ElfSymbol } from "./types.js";

/**
 * Reads `.symtab` (gABI "Symbol Table"): 24-byte Elf64_Sym entries named from the string table
 * in sh_link. st_shndx = SHN_XINDEX takes the real index from the SHT_SYMTAB_SHNDX section.
 */
export function readSymbols(
  symtab: ElfSection,
  sections: readonly ElfSection[],
  diagnostics: Diagnostic[],
): ElfSymbol[] {
  const at = symtab.headerOffset;
  if (symtab.entsize !== 0 && symtab.entsize !== ELF64_SYM_SIZE) {
    diagnostics.push(
      error(ElfCode.ENTRY_SIZE, `symbol table entry size ${symtab.entsize} is not ${ELF64_SYM_SIZE}`, {
        byteOffset: at + 56,
      }),
    );
    return [];
  }
  if (symtab.size % ELF64_SYM_SIZE !== 0) {
    diagnostics.push(
      error(
        ElfCode.PARTIAL_ENTRY,
        `symbol table size ${symtab.size} is not a multiple of ${ELF64_SYM_SIZE} (a partial entry)`,
        { byteOffset: at + 32 },
      ),
    );
    return [];
  }
  const strtab = sections[symtab.link];
  if (!strtab || strtab.type !== SectionType.STRTAB || symtab.link === 0) {
    diagnostics.push(
      error(ElfCode.BAD_LINK, `symbol table sh_link ${symtab.link} is not a string table section`, {
        byteOffset: at + 40,
      }),
    );
    return [];
  }
  const shndxSection = sections.find((s) => s.type === SectionType.SYMTAB_SHNDX && s.link === symtab.index);
  const shndxView = shndxSection
    ? new DataView(shndxSection.data.buffer, shndxSection.data.byteOffset, shndxSection.data.byteLength)
    : undefined;
  const data = symtab.data;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = data.length / ELF64_SYM_SIZE;
  const symbols: ElfSymbol[] = [];
  for (let i = 0; i < count; i++) {
    const p = i * ELF64_SYM_SIZE;
    const fileAt = symtab.offset + p;
    const nameOffset = view.getUint32(p, true);
    const name = stringAt(strtab.data, nameOffset);
    if (name === undefined) {
      diagnostics.push(
        error(
          ElfCode.BAD_STRING,
          `symbol ${i}: name offset ${nameOffset} is outside the ${strtab.data.length}-byte string table '${strtab.name}' or unterminated`,
          { byteOffset: fileAt },
        ),
      );
      continue;
    }
    const info = data[p + 4]!;
    let sectionIndex = view.getUint16(p + 6, true);
    if (sectionIndex === SHN_XINDEX) {
      if (!shndxView || (i + 1) * 4 > shndxView.byteLength) {
        diagnostics.push(
          error(ElfCode.BAD_LINK, `symbol ${i} '${name}': SHN_XINDEX without a SHT_SYMTAB_SHNDX entry`, {
            byteOffset: fileAt + 6,
          }),
        );
        continue;
      }
      sectionIndex = shndxView.getUint32(i * 4, true);
    } else if (sectionIndex < SHN_LORESERVE && sectionIndex >= sections.length) {
      diagnostics.push(
        error(
          ElfCode.BAD_LINK,
          `symbol ${i} '${name}': section index ${sectionIndex} does not exist (the file has ${sections.length})`,
          { byteOffset: fileAt + 6 },
        ),
      );
      continue;
    }
    const value = u64(view, p + 8);
    const size = u64(view, p + 16);
    if (value === undefined || size === undefined) {
      diagnostics.push(
        huge(`symbol ${i} '${name}' st_${value === undefined ? "value" : "size"}`, fileAt + 8),
      );
      continue;
    }
    symbols.push({
      index: i,
      name,
      value,
      size,
      type: info & 0xf,
      bind: info >> 4,
      visibility: data[p + 5]! & 0x3,
      sectionIndex,
    });
  }
  return symbols;
}
