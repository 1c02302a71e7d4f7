import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { ElfCode } from "./codes.js";
import { ELF64_EHDR_SIZE, ELF64_SHDR_SIZE, SectionType, SHN_XINDEX } from "./constants.js";
import { huge, u64, type RawElfHeader } from "./header.js";
import { stringAt } from "./strings.js";
import type { ElfSection } from "./types.js";

/** A section header before its name is looked up. */
type RawSection = Omit<ElfSection, "name"> & { readonly nameOffset: number };

const EMPTY: Uint8Array = new Uint8Array(0);

/** One 64-byte Elf64_Shdr at `at`, with sh_offset/sh_size checked against the file. */
function readSectionHeader(
  bytes: Uint8Array,
  view: DataView,
  index: number,
  at: number,
  diagnostics: Diagnostic[],
): RawSection | undefined {
  const fields: Record<string, number> = {};
  for (const [name, rel] of [
    ["flags", 8],
    ["addr", 16],
    ["offset", 24],
    ["size", 32],
    ["addralign", 48],
    ["entsize", 56],
  ] as const) {
    const v = u64(view, at + rel);
    if (v === undefined) {
      diagnostics.push(huge(`section ${index} sh_${name}`, at + rel));
      return undefined;
    }
    fields[name] = v;
  }
  const type = view.getUint32(at + 4, true);
  const offset = fields.offset!;
  const size = fields.size!;
  let data = EMPTY;
  if (type !== SectionType.NOBITS && type !== SectionType.NULL && size > 0) {
    if (offset > bytes.length || size > bytes.length - offset) {
      diagnostics.push(
        error(
          ElfCode.SECTION_OUT_OF_BOUNDS,
          `section ${index}: data at ${offset}..${offset + size} lies past the end of the ${bytes.length}-byte file`,
          { byteOffset: at + 24 },
        ),
      );
      return undefined;
    }
    data = bytes.subarray(offset, offset + size);
  }
  return {
    index,
    nameOffset: view.getUint32(at, true),
    type,
    flags: fields.flags!,
    addr: fields.addr!,
    offset,
    size,
    link: view.getUint32(at + 40, true),
    info: view.getUint32(at + 44, true),
    addralign: fields.addralign!,
    entsize: fields.entsize!,
    headerOffset: at,
    data,
  };
}

/**
 * Reads the section header table and names every section from e_shstrndx's table (gABI
 * "Sections", including extended numbering: e_shnum = 0 → count in section 0's sh_size,
 * e_shstrndx = SHN_XINDEX → index in section 0's sh_link).
 */
export function readSections(
  bytes: Uint8Array,
  view: DataView,
  header: RawElfHeader,
): Result<{ sections: ElfSection[]; shnum: number; shstrndx: number }> {
  const { shoff } = header;
  if (shoff === 0) {
    if (header.shnum !== 0) {
      return fail(
        error(ElfCode.OVERLAP, `e_shnum is ${header.shnum} but e_shoff is 0 (no section header table)`, {
          byteOffset: 40,
        }),
      );
    }
    return ok({ sections: [], shnum: 0, shstrndx: 0 });
  }
  if (shoff < ELF64_EHDR_SIZE) {
    return fail(
      error(ElfCode.OVERLAP, `section header table at ${shoff} overlaps the ELF header`, { byteOffset: 40 }),
    );
  }
  if (shoff > bytes.length - ELF64_SHDR_SIZE) {
    return fail(
      error(
        ElfCode.TRUNCATED,
        `section header table at ${shoff} starts past the end of the ${bytes.length}-byte file`,
        { byteOffset: 40 },
      ),
    );
  }
  let shnum = header.shnum;
  let shstrndx = header.shstrndx;
  if (shnum === 0 || shstrndx === SHN_XINDEX) {
    const size0 = u64(view, shoff + 32);
    if (shnum === 0) {
      if (size0 === undefined) return fail(huge("section 0 sh_size (extended e_shnum)", shoff + 32));
      shnum = size0;
    }
    if (shstrndx === SHN_XINDEX) shstrndx = view.getUint32(shoff + 40, true);
  }
  // Check the table's extent before allocating anything for it: a huge count must not hang us.
  if (shnum > Math.floor((bytes.length - shoff) / ELF64_SHDR_SIZE)) {
    return fail(
      error(
        ElfCode.TRUNCATED,
        `section header table of ${shnum} entries at ${shoff} needs ${shnum * ELF64_SHDR_SIZE} bytes; the file has ${bytes.length - shoff} after it`,
        { byteOffset: header.shnum === 0 ? shoff + 32 : 60 },
      ),
    );
  }
  const diagnostics: Diagnostic[] = [];
  const raw: (RawSection | undefined)[] = [];
  for (let i = 0; i < shnum; i++)
    raw.push(readSectionHeader(bytes, view, i, shoff + i * ELF64_SHDR_SIZE, diagnostics));
  if (diagnostics.length) return fail(...diagnostics);

  if (shnum === 0) return ok({ sections: [], shnum, shstrndx });
  if (shstrndx === 0 || shstrndx >= shnum) {
    return fail(
      error(ElfCode.BAD_SHSTRNDX, `e_shstrndx ${shstrndx} is not a section (the file has ${shnum})`, {
        byteOffset: 62,
      }),
    );
  }
  const names = raw[shstrndx]!;
  if (names.type !== SectionType.STRTAB) {
    return fail(
      error(
        ElfCode.BAD_SHSTRNDX,
        `e_shstrndx ${shstrndx} names a section of type ${names.type}, not a string table (3)`,
        { byteOffset: 62 },
      ),
    );
  }
  const sections: ElfSection[] = [];
  for (const s of raw) {
    const { nameOffset, ...rest } = s!;
    const name = stringAt(names.data, nameOffset);
    if (name === undefined) {
      diagnostics.push(
        error(
          ElfCode.BAD_STRING,
          `section ${s!.index}: name offset ${nameOffset} is outside the ${names.data.length}-byte section name table or unterminated`,
          { byteOffset: s!.headerOffset },
        ),
      );
      continue;
    }
    sections.push({ ...rest, name });
  }
  return diagnostics.length ? fail(...diagnostics) : ok({ sections, shnum, shstrndx });
}
