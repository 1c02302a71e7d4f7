import { describe, expect, it } from "vitest";
import { EmitCode, writeObject } from "../../compiler/emit/index.js";
import {
  readElf,
  sectionByName,
  SectionFlags,
  SectionType,
  SymbolBind,
  SymbolType,
} from "../../runtime/elf/index.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import type { CollectionSpec } from "../../runtime/object/spec.js";
import { committedObject, fixtureId, OBJECT_FIXTURES } from "../elf/fixtures.js";
import { comparable } from "./compare.js";

/**
 * clang's objects (test/fixtures/objects) read into a CollectionSpec, written back by tsbpf and
 * read again give the same spec: programs sharing sections, subprograms in `.text` called from
 * several programs, bpf_loop callbacks, global data, ring buffers, legacy maps (written as BTF
 * maps), v1 and v4 instruction sets. What the writer cannot express yet is refused by code.
 */

function read(bytes: Uint8Array): CollectionSpec {
  const r = loadCollectionSpec(bytes);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return r.value;
}

/** Fixtures using what the writer refuses, and the code it refuses them with. */
const REFUSED: Readonly<Record<string, string>> = {
  map_values: EmitCode.BAD_MAP, // program array and map-in-map initial values
  core_read: EmitCode.BAD_PROGRAM, // CO-RE relocations
};

describe("clang objects through the writer", () => {
  for (const f of OBJECT_FIXTURES) {
    const refused = REFUSED[f.name];
    if (refused) {
      it(`${fixtureId(f)} is refused with ${refused}`, () => {
        const r = writeObject({ spec: read(committedObject(f)) });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toContain(refused);
      });
      continue;
    }
    it(`${fixtureId(f)} reads back to the same spec`, () => {
      const original = read(committedObject(f));
      const written = writeObject({ spec: original });
      if (!written.ok) throw new Error(written.diagnostics.map((d) => d.message).join("\n"));
      expect(comparable(read(written.value))).toEqual(comparable(original));
    });
  }

  it("puts subprograms once in .text, static, called through the .text section symbol", () => {
    const spec = read(committedObject(OBJECT_FIXTURES.find((f) => f.name === "subprogs")!));
    const written = writeObject({ spec });
    if (!written.ok) throw new Error(written.diagnostics[0]!.message);
    const elf = readElf(written.value);
    if (!elf.ok) throw new Error(elf.diagnostics[0]!.message);
    const text = sectionByName(elf.value, ".text")!;
    expect(text.flags).toBe(SectionFlags.ALLOC | SectionFlags.EXECINSTR);
    expect(elf.value.sections[1]!.name).toBe(".strtab");
    expect(elf.value.sections[2]!.name).toBe(".text");
    expect(elf.value.sections[3]!.name).toBe(".rel.text");
    const funcs = elf.value.symbols.filter(
      (s) => s.type === SymbolType.FUNC && s.sectionIndex === text.index,
    );
    expect(funcs.map((s) => s.name).sort()).toEqual(["add_square", "bump", "square", "step"]);
    expect(funcs.every((s) => s.bind === SymbolBind.LOCAL)).toBe(true);
    const rel = elf.value.sections.find((s) => s.name === ".relkprobe/do_sys_openat2")!;
    expect(rel.type).toBe(SectionType.REL);
  });

  it("refuses a map reference to a map the collection does not have", () => {
    const spec = read(committedObject(OBJECT_FIXTURES.find((f) => f.name === "tracepoint_hash")!));
    const broken: CollectionSpec = { ...spec, maps: [] };
    const r = writeObject({ spec: broken });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.code).toBe(EmitCode.BAD_RELOCATION);
  });

  it("refuses a pseudo lddw that no relocation fills", () => {
    const spec = read(committedObject(OBJECT_FIXTURES.find((f) => f.name === "tracepoint_hash")!));
    const broken: CollectionSpec = {
      ...spec,
      programs: spec.programs.map((p) => ({ ...p, relocations: [] })),
    };
    const r = writeObject({ spec: broken });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toContain(EmitCode.BAD_RELOCATION);
  });

  it("refuses two objects of one name and a .bss with bytes", () => {
    const spec = read(committedObject(OBJECT_FIXTURES.find((f) => f.name === "globals")!));
    const dup: CollectionSpec = {
      ...spec,
      maps: [...spec.maps, { ...spec.maps[0]!, name: spec.programs[0]!.name }],
    };
    const r1 = writeObject({ spec: dup });
    expect(!r1.ok && r1.diagnostics[0]!.code).toBe(EmitCode.DUPLICATE_SYMBOL);
    const bss = spec.data.find((d) => d.name === ".bss")!;
    const dirty: CollectionSpec = {
      ...spec,
      data: spec.data.map((d) => (d === bss ? { ...d, bytes: d.bytes.map(() => 1) } : d)),
    };
    const r2 = writeObject({ spec: dirty });
    expect(!r2.ok && r2.diagnostics[0]!.code).toBe(EmitCode.BAD_DATA);
  });
});
