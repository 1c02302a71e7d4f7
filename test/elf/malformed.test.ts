import { describe, expect, it } from "vitest";
import { ElfCode, readElf, sectionByName, SectionType, type ElfFile } from "../../runtime/elf/index.js";
import { committedObject, OBJECT_FIXTURES } from "./fixtures.js";

/**
 * Table of broken ELF files, each made by changing a field of a real object: the reader must
 * answer with the listed TSB03xx code at the byte offset of the field it could not accept.
 */
const base = committedObject(OBJECT_FIXTURES.find((f) => f.name === "tracepoint_hash" && f.cpu === "v3")!);
const parsed = readElf(base);
if (!parsed.ok) throw new Error("fixture does not read");
const elf: ElfFile = parsed.value;
const shdr = (name: string) => sectionByName(elf, name)!.headerOffset;
const symtab = elf.sections.find((s) => s.type === SectionType.SYMTAB)!;
const relText = elf.relocations.find((r) => elf.sections[r.target]!.name.startsWith("tracepoint"))!;
const relSection = elf.sections[relText.index]!;

type Edit = (v: DataView, bytes: Uint8Array) => Uint8Array | void;
interface Case {
  readonly name: string;
  readonly edit: Edit;
  readonly code: string;
  /** Byte offset the diagnostic must point at (a function of the edited file when it depends on it). */
  readonly at?: number | ((bytes: Uint8Array) => number);
}

const u64 = (v: DataView, at: number, x: bigint) => v.setBigUint64(at, x, true);
const CASES: Case[] = [
  { name: "empty file", edit: () => new Uint8Array(0), code: ElfCode.NOT_ELF, at: 0 },
  { name: "wrong magic", edit: (v) => v.setUint8(1, 0x46), code: ElfCode.NOT_ELF, at: 0 },
  { name: "header cut after the magic", edit: (_v, b) => b.slice(0, 20), code: ElfCode.TRUNCATED, at: 20 },
  { name: "ELFCLASS32", edit: (v) => v.setUint8(4, 1), code: ElfCode.NOT_ELF, at: 4 },
  { name: "big-endian", edit: (v) => v.setUint8(5, 2), code: ElfCode.NOT_ELF, at: 5 },
  { name: "ident version 0", edit: (v) => v.setUint8(6, 0), code: ElfCode.NOT_ELF, at: 6 },
  { name: "x86-64 machine", edit: (v) => v.setUint16(18, 62, true), code: ElfCode.WRONG_MACHINE, at: 18 },
  { name: "e_ehsize 52", edit: (v) => v.setUint16(52, 52, true), code: ElfCode.ENTRY_SIZE, at: 52 },
  { name: "e_shentsize 40", edit: (v) => v.setUint16(58, 40, true), code: ElfCode.ENTRY_SIZE, at: 58 },
  { name: "e_shoff past EOF", edit: (v, b) => u64(v, 40, BigInt(b.length)), code: ElfCode.TRUNCATED, at: 40 },
  { name: "e_shoff inside the ELF header", edit: (v) => u64(v, 40, 16n), code: ElfCode.OVERLAP, at: 40 },
  { name: "e_shoff beyond 2^53", edit: (v) => u64(v, 40, 1n << 63n), code: ElfCode.HUGE_VALUE, at: 40 },
  { name: "e_shnum 65535", edit: (v) => v.setUint16(60, 0xffff, true), code: ElfCode.TRUNCATED, at: 60 },
  { name: "e_shnum without a table", edit: (v) => u64(v, 40, 0n), code: ElfCode.OVERLAP, at: 40 },
  {
    name: "extended e_shnum larger than the file",
    edit: (v) => {
      v.setUint16(60, 0, true);
      u64(v, elf.header.shoff + 32, 1n << 40n);
    },
    code: ElfCode.TRUNCATED,
    at: elf.header.shoff + 32,
  },
  {
    name: "e_shstrndx past the table",
    edit: (v) => v.setUint16(62, elf.header.shnum + 3, true),
    code: ElfCode.BAD_SHSTRNDX,
    at: 62,
  },
  { name: "e_shstrndx 0", edit: (v) => v.setUint16(62, 0, true), code: ElfCode.BAD_SHSTRNDX, at: 62 },
  {
    name: "e_shstrndx names the symbol table",
    edit: (v) => v.setUint16(62, symtab.index, true),
    code: ElfCode.BAD_SHSTRNDX,
    at: 62,
  },
  {
    name: "section data past EOF",
    edit: (v, b) => u64(v, shdr("license") + 24, BigInt(b.length - 2)),
    code: ElfCode.SECTION_OUT_OF_BOUNDS,
    at: shdr("license") + 24,
  },
  {
    name: "section size 2^50",
    edit: (v) => u64(v, shdr(".BTF") + 32, 1n << 50n),
    code: ElfCode.SECTION_OUT_OF_BOUNDS,
    at: shdr(".BTF") + 24,
  },
  {
    name: "section size beyond 2^53",
    edit: (v) => u64(v, shdr(".BTF") + 32, 1n << 60n),
    code: ElfCode.HUGE_VALUE,
    at: shdr(".BTF") + 32,
  },
  {
    name: "section name offset outside .strtab",
    edit: (v) => v.setUint32(shdr(".BTF"), 0xfffffff0, true),
    code: ElfCode.BAD_STRING,
    at: shdr(".BTF"),
  },
  {
    name: "symbol name offset outside .strtab",
    edit: (v) => v.setUint32(symtab.offset + 24 * 3, 0x7fffffff, true),
    code: ElfCode.BAD_STRING,
    at: symtab.offset + 72,
  },
  {
    name: "symbol table entry size 16",
    edit: (v) => u64(v, symtab.headerOffset + 56, 16n),
    code: ElfCode.ENTRY_SIZE,
    at: symtab.headerOffset + 56,
  },
  {
    name: "symbol table with a partial entry",
    edit: (v) => u64(v, symtab.headerOffset + 32, BigInt(symtab.size - 5)),
    code: ElfCode.PARTIAL_ENTRY,
    at: symtab.headerOffset + 32,
  },
  {
    name: "symbol table linked to no string table",
    edit: (v) => v.setUint32(symtab.headerOffset + 40, 0, true),
    code: ElfCode.BAD_LINK,
    at: symtab.headerOffset + 40,
  },
  {
    name: "symbol in a section that does not exist",
    edit: (v) => v.setUint16(symtab.offset + 24 * 2 + 6, 900, true),
    code: ElfCode.BAD_LINK,
    at: symtab.offset + 48 + 6,
  },
  {
    name: "relocation of symbol 100000",
    edit: (v) => v.setUint32(relSection.offset + 12, 100000, true),
    code: ElfCode.BAD_SYMBOL_INDEX,
    at: relSection.offset + 12,
  },
  {
    name: "relocation past its target section",
    edit: (v) => u64(v, relSection.offset, BigInt(elf.sections[relText.target]!.size - 8)),
    code: ElfCode.RELOCATION_OUT_OF_BOUNDS,
    at: relSection.offset,
  },
  {
    name: "relocation section patching section 999",
    edit: (v) => v.setUint32(relSection.headerOffset + 44, 999, true),
    code: ElfCode.BAD_LINK,
    at: relSection.headerOffset + 44,
  },
  {
    name: "relocation section with a partial entry",
    edit: (v) => u64(v, relSection.headerOffset + 32, BigInt(relSection.size - 3)),
    code: ElfCode.PARTIAL_ENTRY,
    at: relSection.headerOffset + 32,
  },
  {
    name: "relocation section linked to a string table",
    edit: (v) => v.setUint32(relSection.headerOffset + 40, symtab.link, true),
    code: ElfCode.BAD_LINK,
    at: relSection.headerOffset + 40,
  },
];

describe("malformed ELF files are diagnostics, not exceptions", () => {
  for (const c of CASES) {
    it(c.name, () => {
      let bytes: Uint8Array = base.slice();
      const replaced = c.edit(new DataView(bytes.buffer), bytes);
      if (replaced) bytes = replaced;
      const r = readElf(bytes);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const d = r.diagnostics[0]!;
      expect(d.code).toBe(c.code);
      expect(d.severity).toBe("error");
      const at = typeof c.at === "function" ? c.at(bytes) : c.at;
      if (at !== undefined) expect(d.byteOffset).toBe(at);
      expect(d.message.length).toBeGreaterThan(10);
    });
  }

  it("ELF extended numbering (e_shnum = 0, e_shstrndx = SHN_XINDEX) reads like the plain header", () => {
    const bytes = base.slice();
    const v = new DataView(bytes.buffer);
    u64(v, elf.header.shoff + 32, BigInt(elf.header.shnum));
    v.setUint32(elf.header.shoff + 40, elf.header.shstrndx, true);
    v.setUint16(60, 0, true);
    v.setUint16(62, 0xffff, true);
    const r = readElf(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.header.shnum).toBe(elf.header.shnum);
    expect(r.value.header.shstrndx).toBe(elf.header.shstrndx);
    expect(r.value.sections.map((s) => s.name)).toEqual(elf.sections.map((s) => s.name));
  });
});
