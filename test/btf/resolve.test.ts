import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  findAllByName,
  findByName,
  readBtf,
  resolveType,
  skipModifiers,
  skipModifiersAndTypedefs,
  typeAlign,
  typeName,
  typeSize,
  type Btf,
} from "../../runtime/btf/index.js";

/** Size, alignment, modifier stripping and name lookup, on a small hand-made BTF and on vmlinux. */
const small: Btf = {
  types: [
    { kind: "void", name: "" },
    { kind: "int", name: "int", size: 4, signed: true, char: false, bool: false, bitOffset: 0, bits: 32 }, // 1
    { kind: "ptr", name: "", type: 1 }, // 2
    { kind: "array", name: "", elemType: 1, indexType: 1, nelems: 16 }, // 3
    { kind: "typedef", name: "td", type: 1 }, // 4
    { kind: "volatile", name: "", type: 4 }, // 5
    { kind: "const", name: "", type: 5 }, // 6
    {
      kind: "struct",
      name: "pair",
      size: 16,
      kindFlag: false,
      members: [
        { name: "a", type: 1, bitOffset: 0, bitfieldSize: 0 },
        { name: "p", type: 2, bitOffset: 64, bitfieldSize: 0 },
      ],
    }, // 7
    {
      kind: "struct",
      name: "packed",
      size: 12,
      kindFlag: false,
      members: [
        { name: "a", type: 1, bitOffset: 0, bitfieldSize: 0 },
        { name: "p", type: 2, bitOffset: 32, bitfieldSize: 0 },
      ],
    }, // 8
    { kind: "array", name: "", elemType: 7, indexType: 1, nelems: 3 }, // 9
    { kind: "fwd", name: "pair", union: false }, // 10
    { kind: "func_proto", name: "", returnType: 1, params: [] }, // 11
    { kind: "var", name: "v", type: 6, linkage: 1 }, // 12
    { kind: "typedef", name: "loop_a", type: 14 }, // 13
    { kind: "typedef", name: "loop_b", type: 13 }, // 14
    { kind: "enum64", name: "big", size: 8, signed: false, values: [] }, // 15
    { kind: "type_tag", name: "user", type: 2 }, // 16
  ],
};

describe("type helpers", () => {
  const cases: Array<[number, number | undefined, number | undefined, string]> = [
    // id, size, align, C spelling
    [1, 4, 4, "int"],
    [2, 8, 8, "int *"],
    [3, 64, 4, "int [16]"],
    [6, 4, 4, "const volatile td"],
    [7, 16, 8, "struct pair"],
    [8, 12, 1, "struct packed"],
    [9, 48, 8, "struct pair [3]"],
    [10, undefined, undefined, "struct pair"],
    [11, undefined, undefined, "int ()"],
    [12, 4, 4, "v"],
    [13, undefined, undefined, "loop_a"],
    [15, 8, 8, "enum big"],
    [16, 8, 8, 'int * __attribute__((btf_type_tag("user")))'],
    [99, undefined, undefined, "<bad type 99>"],
  ];
  for (const [id, size, align, name] of cases) {
    it(`type ${id}: ${name}`, () => {
      expect(typeSize(small, id)).toBe(size);
      expect(typeAlign(small, id)).toBe(align);
      expect(typeName(small, id)).toBe(name);
    });
  }

  it("strips modifiers, then typedefs; a typedef cycle resolves to nothing", () => {
    expect(skipModifiers(small, 6)).toBe(4);
    expect(skipModifiersAndTypedefs(small, 6)).toBe(1);
    expect(resolveType(small, 6)?.type.kind).toBe("int");
    expect(skipModifiers(small, 16)).toBe(2);
    expect(skipModifiersAndTypedefs(small, 13)).toBeUndefined();
    expect(skipModifiersAndTypedefs(small, 99)).toBeUndefined();
  });

  it("finds types by name and kind", () => {
    expect(findByName(small, "pair")).toBe(7);
    expect(findByName(small, "pair", "fwd")).toBe(10);
    expect(findAllByName(small, "pair")).toEqual([7, 10]);
    expect(findByName(small, "nope")).toBeUndefined();
  });
});

const VMLINUX = "/sys/kernel/btf/vmlinux";
const hasVmlinux = existsSync(VMLINUX);
if (!hasVmlinux) console.log(`btf: ${VMLINUX} absent; vmlinux helper tests skipped`);

describe("on the running kernel's BTF", () => {
  it.skipIf(!hasVmlinux)("every struct member fits its struct and sits at its alignment", () => {
    const r = readBtf(new Uint8Array(readFileSync(VMLINUX)));
    if (!r.ok) throw new Error(r.diagnostics[0]!.message);
    const btf = r.value;
    let checked = 0;
    for (let id = 1; id < btf.types.length; id++) {
      const t = btf.types[id]!;
      if (t.kind !== "struct" && t.kind !== "union") continue;
      const align = typeAlign(btf, id);
      expect(align, t.name).toBeDefined();
      expect(t.size % align!, t.name).toBe(0);
      for (const m of t.members) {
        const size = typeSize(btf, m.type);
        if (m.bitfieldSize) {
          expect(m.bitOffset + m.bitfieldSize).toBeLessThanOrEqual(t.size * 8);
          continue;
        }
        expect(size, `${t.name}.${m.name}`).toBeDefined();
        expect(m.bitOffset % 8).toBe(0);
        expect(m.bitOffset / 8 + size!, `${t.name}.${m.name}`).toBeLessThanOrEqual(t.size);
        // A member's natural alignment holds unless the struct is packed (alignment 1).
        if (align !== 1) expect((m.bitOffset / 8) % typeAlign(btf, m.type)!, `${t.name}.${m.name}`).toBe(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50_000);
    const task = findByName(btf, "task_struct", "struct")!;
    expect(typeSize(btf, task)).toBeGreaterThan(1000);
    expect(typeName(btf, findByName(btf, "u32", "typedef")!)).toBe("u32");
    expect(resolveType(btf, findByName(btf, "u32", "typedef")!)?.type).toMatchObject({
      kind: "int",
      size: 4,
      signed: false,
    });
  });
});
