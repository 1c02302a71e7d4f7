import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBtf } from "../../runtime/btf/index.js";
import { readElf, SymbolType } from "../../runtime/elf/index.js";
import {
  decodeProgram,
  encodeProgram,
  instructionAtSlot,
  slotIndex,
  type Instruction,
} from "../../runtime/isa/index.js";
import { loadCollectionSpec, type ProgramSpec } from "../../runtime/object/index.js";
import { committedObject, fixtureId, OBJECT_DIR, OBJECT_FIXTURES } from "./fixtures.js";

/**
 * Programs as loadCollectionSpec links them: every instruction decodes with runtime/isa, every
 * call and function pointer lands on the function BTF func_info says it names, each function's
 * body is the bytes its ELF symbol covers, subprograms come in libbpf's depth-first order, and
 * line info quotes the C source at the line it names.
 */
const strip = ({ meta: _meta, ...rest }: Instruction): Instruction => rest;

const loaded = OBJECT_FIXTURES.map((f) => {
  const bytes = committedObject(f);
  const r = loadCollectionSpec(bytes);
  if (!r.ok) throw new Error(`${fixtureId(f)}: ${r.diagnostics[0]!.message}`);
  return { f, bytes, spec: r.value };
});

/** Function name starting at each instruction index, from func_info. */
const funcStarts = (p: ProgramSpec) => new Map((p.funcInfo ?? []).map((fi) => [fi.insn, fi.name]));

describe("every instruction of every program decodes with runtime/isa", () => {
  for (const { f, spec } of loaded) {
    it(fixtureId(f), () => {
      expect(spec.programs.length).toBeGreaterThan(0);
      for (const p of spec.programs) {
        const decoded = decodeProgram(encodeProgram(p.instructions));
        expect(decoded.ok, p.name).toBe(true);
        if (decoded.ok) expect(decoded.value).toEqual(p.instructions.map(strip));
      }
    });
  }
});

describe("linking", () => {
  for (const { f, bytes, spec } of loaded) {
    it(`${fixtureId(f)}: calls and callbacks land on the functions they name`, () => {
      const elf = readElf(bytes);
      if (!elf.ok) throw new Error("elf");
      for (const p of spec.programs) {
        const starts = funcStarts(p);
        expect(starts.get(0)).toBe(p.name);
        const slots = slotIndex(p.instructions);
        const at = instructionAtSlot(p.instructions);
        const linked = p.relocations.filter((r) => r.target.kind === "call" || r.target.kind === "func");
        for (const r of linked) {
          const insn = p.instructions[r.insn]!;
          const target = at[slots[r.insn]! + insn.imm + 1]!;
          expect(target, `${p.name} insn ${r.insn}`).toBeGreaterThanOrEqual(0);
          expect(starts.get(target)).toBe(
            r.target.kind === "call" || r.target.kind === "func" ? r.target.function : "",
          );
          if (r.target.kind === "func") expect([insn.opcode, insn.src]).toEqual([0x18, 4]);
          else expect([insn.opcode, insn.src]).toEqual([0x85, 1]);
        }
        // Each function appears once and is byte for byte its ELF symbol's range (relocated fields aside).
        const names = [...starts.values()];
        expect(new Set(names).size).toBe(names.length);
        const order = [...starts.entries()].sort((a, b) => a[0] - b[0]);
        for (let k = 0; k < order.length; k++) {
          const [start, name] = order[k]!;
          const end = order[k + 1]?.[0] ?? p.instructions.length;
          const sym = elf.value.symbols.find((s) => s.name === name && s.type === SymbolType.FUNC)!;
          const section = elf.value.sections[sym.sectionIndex]!;
          const raw = decodeProgram(section.data.subarray(sym.value, sym.value + sym.size));
          if (!raw.ok) throw new Error("decode");
          const relocated = new Set(p.relocations.map((r) => r.insn));
          const body = p.instructions.slice(start, end);
          expect(body.length).toBe(raw.value.length);
          body.forEach((insn, i) => {
            if (relocated.has(start + i) || (insn.opcode === 0x85 && insn.src === 1)) {
              expect([insn.opcode, insn.dst, insn.off]).toEqual([
                raw.value[i]!.opcode,
                raw.value[i]!.dst,
                raw.value[i]!.off,
              ]);
            } else expect(strip(insn)).toEqual(raw.value[i]);
          });
        }
      }
    });
  }

  it("appends subprograms depth-first in call order, once each (libbpf bpf_object__reloc_code)", () => {
    for (const cpu of ["v1", "v3"]) {
      const spec = loaded.find((l) => l.f.name === "subprogs" && l.f.cpu === cpu)!.spec;
      const order = Object.fromEntries(
        spec.programs.map((p) => [
          p.name,
          [...funcStarts(p).entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n),
        ]),
      );
      expect(order).toEqual({
        first: ["first", "add_square", "square", "bump"],
        second: ["second", "step", "square", "bump"],
        third: ["third", "square", "bump"],
      });
      const second = spec.programs.find((p) => p.name === "second")!;
      expect(second.relocations.filter((r) => r.target.kind === "func")).toEqual([
        { insn: expect.any(Number), target: { kind: "func", function: "step" } },
      ]);
      // The map lddw inside bump is relocated in every program that links bump.
      for (const p of spec.programs)
        expect(p.relocations.filter((r) => r.target.kind === "map")).toHaveLength(1);
    }
  });
});

describe("BTF.ext info per program", () => {
  for (const { f, spec } of loaded) {
    it(`${fixtureId(f)}: line info quotes the C source; func info names FUNC types`, () => {
      const source = readFileSync(join(OBJECT_DIR, `${f.name}.c`), "utf8").split("\n");
      const btf = readBtf(spec.btf!);
      if (!btf.ok) throw new Error("btf");
      for (const p of spec.programs) {
        expect(p.lineInfo?.length).toBeGreaterThan(0);
        let previous = -1;
        for (const li of p.lineInfo!) {
          expect(li.insn).toBeGreaterThanOrEqual(previous);
          expect(li.insn).toBeLessThan(p.instructions.length);
          previous = li.insn;
          expect(li.file.replace(/^\.\//, "")).toBe(`${f.name}.c`);
          if (li.line === 0) continue;
          expect(li.text).toBe(source[li.line - 1]);
          expect(li.column).toBeLessThanOrEqual(li.text.length + 1);
          expect(p.instructions[li.insn]!.meta?.source).toBeDefined();
        }
        for (const fi of p.funcInfo!) {
          const t = btf.value.types[fi.typeId!]!;
          expect(t.kind).toBe("func");
          expect(t.name).toBe(fi.name);
        }
      }
    });
  }
});
