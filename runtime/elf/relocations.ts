import { error, type Diagnostic } from "../diag/diagnostic.js";
import { ElfCode } from "./codes.js";
import { BpfReloc, ELF64_REL_SIZE, ELF64_RELA_SIZE, SectionType } from "./constants.js";
import { huge, u64 } from "./header.js";
import type { ElfRelocation, ElfRelocationSection, ElfSection } from "./types.js";

/** Bytes a BPF relocation type patches from r_offset (llvm_reloc.rst); 1 for unknown types. */
export function relocationWidth(type: number): number {
  switch (type) {
    case BpfReloc.R_BPF_64_64:
      return 16; // both slots of a lddw
    case BpfReloc.R_BPF_64_ABS64:
    case BpfReloc.R_BPF_64_32:
      return 8;
    case BpfReloc.R_BPF_64_ABS32:
    case BpfReloc.R_BPF_64_NODYLD32:
      return 4;
    default:
      return 1;
  }
}

/**
 * Reads one SHT_REL (BPF's kind, 16-byte Elf64_Rel) or SHT_RELA section. sh_info names the
 * patched section and sh_link the symbol table; every entry's symbol must exist and its patched
 * bytes must lie inside the target (SHT_NOBITS targets have no bytes to patch at all).
 */
export function readRelocationSection(
  rel: ElfSection,
  sections: readonly ElfSection[],
  symtabIndex: number,
  symbolCount: number,
  diagnostics: Diagnostic[],
): ElfRelocationSection | undefined {
  const isRela = rel.type === SectionType.RELA;
  const entSize = isRela ? ELF64_RELA_SIZE : ELF64_REL_SIZE;
  const at = rel.headerOffset;
  if (rel.entsize !== 0 && rel.entsize !== entSize) {
    diagnostics.push(
      error(
        ElfCode.ENTRY_SIZE,
        `relocation section '${rel.name}': entry size ${rel.entsize} is not ${entSize}`,
        {
          byteOffset: at + 56,
        },
      ),
    );
    return undefined;
  }
  if (rel.size % entSize !== 0) {
    diagnostics.push(
      error(
        ElfCode.PARTIAL_ENTRY,
        `relocation section '${rel.name}': size ${rel.size} is not a multiple of ${entSize}`,
        { byteOffset: at + 32 },
      ),
    );
    return undefined;
  }
  const target = sections[rel.info];
  if (rel.info === 0 || !target) {
    diagnostics.push(
      error(ElfCode.BAD_LINK, `relocation section '${rel.name}': sh_info ${rel.info} is not a section`, {
        byteOffset: at + 44,
      }),
    );
    return undefined;
  }
  if (rel.link !== symtabIndex || symtabIndex === 0) {
    diagnostics.push(
      error(
        ElfCode.BAD_LINK,
        `relocation section '${rel.name}': sh_link ${rel.link} is not the symbol table (section ${symtabIndex})`,
        { byteOffset: at + 40 },
      ),
    );
    return undefined;
  }
  const data = rel.data;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const patchable = target.type === SectionType.NOBITS ? 0 : target.size;
  const entries: ElfRelocation[] = [];
  for (let p = 0; p < data.length; p += entSize) {
    const fileAt = rel.offset + p;
    const offset = u64(view, p);
    if (offset === undefined) {
      diagnostics.push(huge(`relocation r_offset in '${rel.name}'`, fileAt));
      continue;
    }
    const type = view.getUint32(p + 8, true);
    const symbolIndex = view.getUint32(p + 12, true);
    if (symbolIndex >= symbolCount) {
      diagnostics.push(
        error(
          ElfCode.BAD_SYMBOL_INDEX,
          `relocation in '${rel.name}' refers to symbol ${symbolIndex}; the symbol table has ${symbolCount}`,
          { byteOffset: fileAt + 12 },
        ),
      );
      continue;
    }
    const width = relocationWidth(type);
    if (offset > patchable || width > patchable - offset) {
      diagnostics.push(
        error(
          ElfCode.RELOCATION_OUT_OF_BOUNDS,
          `relocation in '${rel.name}' patches bytes ${offset}..${offset + width} of '${target.name}', which has ${patchable}`,
          { byteOffset: fileAt },
        ),
      );
      continue;
    }
    entries.push(
      isRela
        ? { offset, type, symbolIndex, addend: Number(view.getBigInt64(p + 16, true)) }
        : { offset, type, symbolIndex },
    );
  }
  return { index: rel.index, target: rel.info, symtab: rel.link, entries };
}
