import type { Btf } from "../btf/index.js";
import { SectionType, SymbolType, type ElfFile, type ElfSection } from "../elf/index.js";
import type { DataSectionSpec } from "./spec.js";

/** libbpf's global data sections: `.data`, `.rodata`, `.bss` and their `.name.suffix` variants. */
export function isDataSection(s: ElfSection): boolean {
  return (
    /^\.(data|rodata|bss)(\..*)?$/.test(s.name) &&
    (s.type === SectionType.PROGBITS || s.type === SectionType.NOBITS)
  );
}

/**
 * A data section as the map libbpf would create for it (bpf_object__init_internal_map): bytes
 * (zeros for .bss), read-only for `.rodata*`, variables from the BTF DATASEC of the same name —
 * offsets taken from the ELF symbol when there is one, as libbpf's btf_fixup_datasec does — or,
 * without BTF, from the section's named object symbols.
 */
export function readDataSection(file: ElfFile, section: ElfSection, btf: Btf | undefined): DataSectionSpec {
  const bytes = section.type === SectionType.NOBITS ? new Uint8Array(section.size) : section.data.slice();
  const symbols = file.symbols.filter(
    (s) =>
      s.sectionIndex === section.index && s.type !== SymbolType.SECTION && s.index !== 0 && s.name !== "",
  );
  const variables: Array<{ name: string; offset: number; size: number }> = [];
  const datasec = btf?.types.find((t) => t.kind === "datasec" && t.name === section.name);
  if (btf && datasec && datasec.kind === "datasec") {
    for (const vi of datasec.vars) {
      const v = btf.types[vi.type];
      if (!v || (v.kind !== "var" && v.kind !== "func")) continue;
      const sym = symbols.find((s) => s.name === v.name);
      variables.push({ name: v.name, offset: sym ? sym.value : vi.offset, size: vi.size || sym?.size || 0 });
    }
  } else {
    for (const s of symbols) {
      if (s.type !== SymbolType.OBJECT) continue;
      variables.push({ name: s.name, offset: s.value, size: s.size });
    }
  }
  variables.sort((a, b) => a.offset - b.offset);
  return { name: section.name, bytes, readOnly: section.name.startsWith(".rodata"), variables };
}
