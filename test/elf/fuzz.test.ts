import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Result } from "../../runtime/diag/diagnostic.js";
import { readBtf, readBtfExt, BtfStringTable } from "../../runtime/btf/index.js";
import { readElf, sectionByName, SectionType } from "../../runtime/elf/index.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import { committedObject, fixtureId, OBJECT_FIXTURES } from "./fixtures.js";

/**
 * Corrupt objects never throw or hang: every prefix of a fixture, and random byte changes aimed
 * at the structures the reader trusts (ELF header, section headers, symbols, relocations, BTF,
 * code), give a Result; refusals are TSB01xx/TSB03xx diagnostics with a byte offset in the file.
 */
function checkResult(r: Result<unknown>, length: number) {
  expect(typeof r.ok).toBe("boolean");
  if (r.ok) return;
  expect(r.diagnostics.length).toBeGreaterThan(0);
  for (const d of r.diagnostics) {
    expect(d.code).toMatch(/^TSB0[13]\d\d$/);
    expect(typeof d.byteOffset).toBe("number");
    expect(d.byteOffset!).toBeGreaterThanOrEqual(0);
    expect(d.byteOffset!).toBeLessThanOrEqual(length);
  }
}

const pick = (name: string, cpu = "v3") => OBJECT_FIXTURES.find((f) => f.name === name && f.cpu === cpu)!;

describe("truncation at every prefix length", () => {
  for (const f of [pick("tracepoint_hash"), pick("subprogs")]) {
    it(fixtureId(f), () => {
      const bytes = committedObject(f);
      for (let n = 0; n < bytes.length; n++) {
        const prefix = bytes.subarray(0, n);
        const r = loadCollectionSpec(prefix);
        // The section header table is at the end, so no proper prefix is a whole object.
        expect(r.ok).toBe(false);
        checkResult(r, n);
      }
    });
  }

  it("every prefix of a .BTF and .BTF.ext blob", () => {
    const elf = readElf(committedObject(pick("map_values")));
    if (!elf.ok) throw new Error("fixture");
    const btf = sectionByName(elf.value, ".BTF")!.data;
    const ext = sectionByName(elf.value, ".BTF.ext")!.data;
    const full = readBtf(btf);
    if (!full.ok) throw new Error("btf");
    for (let n = 0; n < btf.length; n++) {
      const r = readBtf(btf.subarray(0, n));
      expect(r.ok).toBe(false);
      checkResult(r, n);
    }
    for (let n = 0; n < ext.length; n++) checkResult(readBtfExt(ext.subarray(0, n), full.value.strings!), n);
  });
});

describe("random byte changes", () => {
  for (const f of [
    pick("tracepoint_hash"),
    pick("subprogs"),
    pick("map_values"),
    pick("globals"),
    pick("legacy_maps"),
  ]) {
    it(fixtureId(f), () => {
      const bytes = committedObject(f);
      const elf = readElf(bytes);
      if (!elf.ok) throw new Error("fixture");
      // Regions a flip is most likely to matter in; the rest of the file is mostly DWARF.
      const regions: Array<[number, number]> = [[0, 64]];
      const { shoff, shnum } = elf.value.header;
      regions.push([shoff, shoff + shnum * 64]);
      for (const s of elf.value.sections) {
        if (s.type === SectionType.NOBITS || s.size === 0) continue;
        if (s.name.startsWith(".debug") || s.type === SectionType.STRTAB) continue;
        regions.push([s.offset, s.offset + s.size]);
      }
      const position = fc.oneof(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.constantFrom(...regions).chain(([lo, hi]) => fc.integer({ min: lo, max: hi - 1 })),
      );
      const flip = fc.record({
        at: position,
        value: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 0xff, 0x7f, 0x80)),
      });
      fc.assert(
        fc.property(fc.array(flip, { minLength: 1, maxLength: 6 }), (flips) => {
          const copy = bytes.slice();
          for (const { at, value } of flips) copy[at] = value;
          checkResult(loadCollectionSpec(copy), copy.length);
        }),
        { numRuns: 400, seed: 0x7b9f },
      );
    });
  }

  it("BTF blobs with random changes", () => {
    const elf = readElf(committedObject(pick("map_values")));
    if (!elf.ok) throw new Error("fixture");
    const btf = sectionByName(elf.value, ".BTF")!.data;
    const ext = sectionByName(elf.value, ".BTF.ext")!.data;
    const strings = new BtfStringTable(
      btf.subarray(24 + new DataView(btf.buffer, btf.byteOffset).getUint32(16, true)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(btf.length - 1), value: fc.nat(255) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.record({ at: fc.nat(ext.length - 1), value: fc.nat(255) }), {
          minLength: 1,
          maxLength: 4,
        }),
        (a, b) => {
          const x = btf.slice();
          for (const { at, value } of a) x[at] = value;
          checkResult(readBtf(x), x.length);
          const y = ext.slice();
          for (const { at, value } of b) y[at] = value;
          checkResult(readBtfExt(y, strings), y.length);
        },
      ),
      { numRuns: 1000, seed: 0xeb9f },
    );
  });
});
