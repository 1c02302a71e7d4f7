import { error, fail, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { readBtf, readBtfExt, type Btf, type BtfExt } from "../btf/index.js";
import { readElf, sectionByName, type ElfFile } from "../elf/index.js";
import { attachInitialValues, readBtfMaps, type BtfMapPlacement } from "./btf-maps.js";
import { ObjectCode } from "./codes.js";
import { readCodeSections, type CodeSection } from "./code.js";
import { isDataSection, readDataSection } from "./data-sections.js";
import { programDebugInfo, withSourcePositions } from "./ext-info.js";
import { readLegacyMaps, type LegacyMapPlacement } from "./legacy-maps.js";
import { linkProgram } from "./link.js";
import { classifyRelocations, type SectionReloc } from "./relocate.js";
import { programKindOf } from "./section-types.js";
import type { CollectionSpec, DataSectionSpec, MapSpec, ProgramSpec } from "./spec.js";

export interface LoadCollectionOptions {
  /** File name for messages (diagnostics locate by byte offset; this names the file in hints). */
  readonly file?: string;
}

/** Largest `.bss`-style section allocated (kernel array map values are far smaller anyway). */
const MAX_DATA_SECTION = 1 << 28;

/** The `license` section's string (up to its first NUL), "" when absent. */
function readLicense(file: ElfFile): string {
  const s = sectionByName(file, "license");
  if (!s) return "";
  const end = s.data.indexOf(0);
  return new TextDecoder().decode(s.data.subarray(0, end < 0 ? s.data.length : end));
}

/**
 * Turns a BPF ELF object (clang's, or tsbpf's own) into a CollectionSpec, following libbpf's
 * conventions: programs from code sections named by SEC() (several per section, one per global
 * function symbol), subprograms from `.text` linked into each program that calls them, maps from
 * BTF `.maps` or the legacy `maps` section, global data from `.data*`/`.rodata*`/`.bss*`, line and
 * function info from `.BTF.ext`. Malformed input is reported as TSB03xx (or decoder TSB01xx)
 * diagnostics; nothing throws.
 */
export function loadCollectionSpec(
  bytes: Uint8Array,
  options: LoadCollectionOptions = {},
): Result<CollectionSpec> {
  const elf = readElf(bytes);
  if (!elf.ok) return elf;
  const file = elf.value;
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const where = options.file ? ` in ${options.file}` : "";

  let btf: Btf | undefined;
  let btfExt: BtfExt | undefined;
  const btfSection = sectionByName(file, ".BTF");
  if (btfSection) {
    const r = readBtf(btfSection.data, { baseOffset: btfSection.offset });
    if (r.ok) btf = r.value;
    else diagnostics.push(...r.diagnostics);
  }
  const extSection = sectionByName(file, ".BTF.ext");
  if (extSection && btf?.strings) {
    const r = readBtfExt(extSection.data, btf.strings, { baseOffset: extSection.offset });
    if (r.ok) btfExt = r.value;
    else diagnostics.push(...r.diagnostics);
  }
  const license = readLicense(file);

  // Maps.
  let btfMaps: BtfMapPlacement[] = [];
  const mapsSection = sectionByName(file, ".maps");
  if (mapsSection) {
    if (!btf) {
      diagnostics.push(
        error(
          ObjectCode.MISSING_BTF,
          `'.maps' needs BTF to describe its maps, but the object has no .BTF${where}`,
          {
            byteOffset: mapsSection.headerOffset,
            hint: "compile with clang -g",
          },
        ),
      );
    } else {
      btfMaps = attachInitialValues(
        file,
        mapsSection,
        readBtfMaps(file, mapsSection, btf, diagnostics),
        diagnostics,
      );
    }
  }
  let legacyMaps: LegacyMapPlacement[] = [];
  const legacySection = sectionByName(file, "maps");
  if (legacySection) legacyMaps = readLegacyMaps(file, legacySection, diagnostics);
  const maps: MapSpec[] = [...btfMaps.map((m) => m.spec), ...legacyMaps.map((m) => m.spec)];

  // Global data.
  const data: DataSectionSpec[] = [];
  const dataSections = new Set<number>();
  for (const s of file.sections) {
    if (!isDataSection(s)) continue;
    dataSections.add(s.index);
    if (s.size > MAX_DATA_SECTION) {
      diagnostics.push(
        error(ObjectCode.DATA_TOO_LARGE, `data section '${s.name}' claims ${s.size} bytes`, {
          byteOffset: s.headerOffset + 32,
        }),
      );
      continue;
    }
    data.push(readDataSection(file, s, btf));
  }

  // Code and relocations.
  const code = readCodeSections(file, diagnostics);
  const codeByIndex = new Map<number, CodeSection>(code.map((c) => [c.section.index, c]));
  const relocs = new Map<CodeSection, Map<number, SectionReloc>>();
  const targets = {
    code: codeByIndex,
    ...(mapsSection ? { btfMapsSection: mapsSection.index } : {}),
    btfMaps: btfMaps.map((m) => ({ name: m.spec.name, offset: m.offset, size: m.size })),
    ...(legacySection ? { legacyMapsSection: legacySection.index } : {}),
    legacyMaps: legacyMaps.map((m) => ({ name: m.spec.name, offset: m.offset, size: m.size })),
    dataSections,
  };
  for (const c of code) relocs.set(c, classifyRelocations(file, c, targets, diagnostics));

  // Programs: every function of a non-.text code section (libbpf: .text holds subprograms only).
  const programs: ProgramSpec[] = [];
  for (const c of code) {
    if (c.section.name === ".text") continue;
    const kind = programKindOf(c.section.name);
    if (!kind) {
      warnings.push(
        error(
          ObjectCode.UNKNOWN_SECTION,
          `section '${c.section.name}' is no program type libbpf knows; its programs are BPF_PROG_TYPE_UNSPEC`,
          { byteOffset: c.section.headerOffset },
        ),
      );
    }
    for (const fn of c.functions) {
      if (!fn.global) {
        // libbpf bpf_object__add_programs: "program is static and not supported".
        diagnostics.push(
          error(
            ObjectCode.BAD_PROGRAM,
            `program '${fn.name}' in '${c.section.name}' is static; programs must be global`,
            {
              ...(fn.symbolOffset !== undefined ? { byteOffset: fn.symbolOffset } : {}),
            },
          ),
        );
        continue;
      }
      const linked = linkProgram(fn, relocs, diagnostics);
      if (!linked) continue;
      let instructions = linked.instructions;
      const debug = btfExt && btf ? programDebugInfo(btfExt, btf, linked.placed) : undefined;
      if (debug) instructions = withSourcePositions(instructions, debug.lineInfo);
      programs.push({
        name: fn.name,
        section: c.section.name,
        type: kind?.type ?? "UNSPEC",
        ...(kind?.attachTo !== undefined ? { attachTo: kind.attachTo } : {}),
        ...(kind?.expectedAttachType !== undefined ? { expectedAttachType: kind.expectedAttachType } : {}),
        instructions,
        relocations: linked.relocations,
        ...(debug?.lineInfo.length ? { lineInfo: debug.lineInfo } : {}),
        ...(debug?.funcInfo.length ? { funcInfo: debug.funcInfo } : {}),
        ...(debug?.coreRelocations.length ? { coreRelocations: debug.coreRelocations } : {}),
        ...(kind?.flags ? { flags: kind.flags } : {}),
        license,
      });
    }
  }
  if (diagnostics.length) return fail(...diagnostics);
  const value: CollectionSpec = {
    programs,
    maps,
    data,
    license,
    ...(btfSection ? { btf: btfSection.data.slice() } : {}),
    ...(extSection ? { btfExt: extSection.data.slice() } : {}),
  };
  return warnings.length ? { ok: true, value, warnings } : { ok: true, value };
}
