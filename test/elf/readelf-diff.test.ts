import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  BpfReloc,
  readElf,
  SectionType,
  SHN_ABS,
  SHN_COMMON,
  SHN_UNDEF,
  SymbolBind,
  SymbolType,
  SymbolVisibility,
  symbolDisplayName,
  type ElfFile,
} from "../../runtime/elf/index.js";
import {
  committedObject,
  committedPath,
  compileFixture,
  findTool,
  fixtureId,
  OBJECT_FIXTURES,
} from "./fixtures.js";
import { parseRelocations, parseSections, parseSymbols } from "./readelf.js";
import { readFileSync } from "node:fs";

/**
 * Differential test of the ELF reader against llvm-readelf: every section (name, type, offset,
 * size, entsize, link, info, alignment), every symbol and every relocation of each fixture, both
 * the committed objects and ones compiled afresh.
 */
const readelf = findTool("llvm-readelf");
if (!readelf) console.log("elf: llvm-readelf not found; differential ELF tests skipped");

const name = (table: Record<string, number>, v: number) =>
  Object.entries(table).find(([, n]) => n === v)?.[0];
const TYPE_NAMES: Record<number, string> = {
  [SectionType.NULL]: "NULL",
  [SectionType.PROGBITS]: "PROGBITS",
  [SectionType.SYMTAB]: "SYMTAB",
  [SectionType.STRTAB]: "STRTAB",
  [SectionType.REL]: "REL",
  [SectionType.RELA]: "RELA",
  [SectionType.NOBITS]: "NOBITS",
  [SectionType.LLVM_ADDRSIG]: "LLVM_ADDRSIG",
};
const RELOC_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(BpfReloc).map(([k, v]) => [v, k === "NONE" ? "R_BPF_NONE" : k]),
);

function ndxText(i: number): string {
  if (i === SHN_UNDEF) return "UND";
  if (i === SHN_ABS) return "ABS";
  if (i === SHN_COMMON) return "COM";
  return String(i);
}

function compare(path: string, elf: ElfFile) {
  const run = (flag: string) => execFileSync(readelf!, ["--wide", flag, path], { encoding: "utf8" });
  const sections = parseSections(run("-S"));
  expect(sections.length).toBeGreaterThan(5);
  expect(
    elf.sections.map((s) => ({
      index: s.index,
      name: s.name,
      type: TYPE_NAMES[s.type] ?? String(s.type),
      offset: s.offset,
      size: s.size,
      entsize: s.entsize,
      link: s.link,
      info: s.info,
      align: s.addralign,
    })),
  ).toEqual(sections);

  const symbols = parseSymbols(run("-s"));
  expect(elf.symbols.length).toBe(symbols.length);
  expect(
    elf.symbols.map((s) => ({
      index: s.index,
      value: s.value,
      size: s.size,
      type: name(SymbolType, s.type),
      bind: name(SymbolBind, s.bind),
      visibility: name(SymbolVisibility, s.visibility),
      ndx: ndxText(s.sectionIndex),
      name: symbolDisplayName(elf, s),
    })),
  ).toEqual(symbols);

  const relocs = parseRelocations(run("-r"));
  expect([...relocs.keys()].sort()).toEqual(elf.relocations.map((r) => elf.sections[r.index]!.name).sort());
  for (const r of elf.relocations) {
    const expected = relocs.get(elf.sections[r.index]!.name)!;
    expect(
      r.entries.map((e) => ({
        offset: e.offset,
        symbolIndex: e.symbolIndex,
        type: e.type,
        typeName: RELOC_NAMES[e.type],
      })),
    ).toEqual(expected);
  }
}

describe("ELF reader against llvm-readelf (committed objects)", () => {
  for (const f of OBJECT_FIXTURES) {
    it.skipIf(!readelf)(fixtureId(f), () => {
      const elf = readElf(committedObject(f));
      expect(elf.ok).toBe(true);
      if (!elf.ok) return;
      expect(elf.value.header.machine).toBe(247);
      compare(committedPath(f), elf.value);
    });
  }
});

describe("ELF reader against llvm-readelf (fresh clang objects)", () => {
  for (const f of OBJECT_FIXTURES) {
    it.skipIf(!readelf || !findTool("clang", f.clang))(fixtureId(f), () => {
      const built = compileFixture(f);
      if ("skip" in built) return;
      const elf = readElf(new Uint8Array(readFileSync(built.path)));
      expect(elf.ok).toBe(true);
      if (elf.ok) compare(built.path, elf.value);
    });
  }
});
