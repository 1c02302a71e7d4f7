import { error, type Diagnostic } from "../diag/diagnostic.js";
import { SectionType, SymbolType, type ElfFile, type ElfSection } from "../elf/index.js";
import { ObjectCode } from "./codes.js";
import type { MapSpec } from "./spec.js";

export interface LegacyMapPlacement {
  readonly spec: MapSpec;
  readonly offset: number;
  readonly size: number;
}

/** struct bpf_map_def { type, key_size, value_size, max_entries, map_flags } — five u32. */
const MAP_DEF_FIELDS = 5;

/**
 * The pre-BTF `maps` section (libbpf < 1.0 bpf_object__init_user_maps): every symbol in it is a
 * `struct bpf_map_def`; all have the same size (section size / symbol count). Definitions shorter
 * than five u32 leave the rest zero; longer ones must have zeros past the fields known here.
 */
export function readLegacyMaps(
  file: ElfFile,
  section: ElfSection,
  diagnostics: Diagnostic[],
): LegacyMapPlacement[] {
  const symbols = file.symbols
    .filter((s) => s.sectionIndex === section.index && s.type !== SymbolType.SECTION && s.index !== 0)
    .sort((a, b) => a.value - b.value);
  const at = { byteOffset: section.headerOffset };
  if (symbols.length === 0) return [];
  if (section.type === SectionType.NOBITS) {
    diagnostics.push(
      error(ObjectCode.BAD_LEGACY_MAP, "section 'maps' has no bytes (all definitions zero)", at),
    );
    return [];
  }
  const defSize = section.size / symbols.length;
  if (!Number.isInteger(defSize) || defSize % 4 !== 0 || defSize === 0) {
    diagnostics.push(
      error(
        ObjectCode.BAD_LEGACY_MAP,
        `section 'maps' of ${section.size} bytes does not divide into ${symbols.length} equal 4-byte-aligned definitions`,
        at,
      ),
    );
    return [];
  }
  const view = new DataView(section.data.buffer, section.data.byteOffset, section.data.byteLength);
  const out: LegacyMapPlacement[] = [];
  const symtab = file.sections.find((s) => s.type === SectionType.SYMTAB);
  for (const sym of symbols) {
    const symAt = { byteOffset: section.offset + sym.value };
    if (sym.value % 4 !== 0 || sym.value + defSize > section.size) {
      // Point at the symbol's st_value: the definition it names is not in the file.
      diagnostics.push(
        error(
          ObjectCode.BAD_LEGACY_MAP,
          `map '${sym.name}' at offset ${sym.value} does not fit section 'maps'`,
          {
            byteOffset: symtab ? symtab.offset + sym.index * 24 + 8 : section.headerOffset,
          },
        ),
      );
      continue;
    }
    const fields = new Array<number>(MAP_DEF_FIELDS).fill(0);
    for (let i = 0; i < Math.min(MAP_DEF_FIELDS, defSize / 4); i++)
      fields[i] = view.getUint32(sym.value + 4 * i, true);
    let extra = false;
    for (let b = MAP_DEF_FIELDS * 4; b < defSize; b++) if (section.data[sym.value + b] !== 0) extra = true;
    if (extra) {
      diagnostics.push(
        error(
          ObjectCode.BAD_LEGACY_MAP,
          `map '${sym.name}': definition has non-zero fields past struct bpf_map_def`,
          symAt,
        ),
      );
      continue;
    }
    const [type, keySize, valueSize, maxEntries, flags] = fields as [number, number, number, number, number];
    out.push({
      spec: { name: sym.name, type, keySize, valueSize, maxEntries, flags },
      offset: sym.value,
      size: defSize,
    });
  }
  return out;
}
