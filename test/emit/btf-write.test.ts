import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  BtfLinkage,
  readBtf,
  readBtfExt,
  readBtfHeader,
  type Btf,
  type BtfExt,
  type BtfType,
} from "../../runtime/btf/index.js";
import { assembleBtf, BtfWriteCode, writeBtf, writeBtfTypes } from "../../runtime/btf/write.js";
import { writeBtfExt } from "../../runtime/btf/write-ext.js";
import { BtfStringWriter } from "../../runtime/btf/write-strings.js";
import { readElf, sectionByName } from "../../runtime/elf/index.js";
import { toBpftoolJson } from "../btf/bpftool-json.js";
import { committedObject, fixtureId, OBJECT_FIXTURES } from "../elf/fixtures.js";
import { findTool } from "../support/tools.js";
import { run, scratchFile } from "./tools.js";

/**
 * The BTF serialiser against the BTF reader (every clang fixture's `.BTF` and `.BTF.ext`, and
 * the running kernel's vmlinux, read → written → read again give the same types and records)
 * and against libbpf (`bpftool btf dump file` of a written blob shows every kind as written).
 */
const bpftool = findTool("bpftool");
if (!bpftool) console.log("btf-write: bpftool not installed; libbpf comparison skipped");
const VMLINUX = "/sys/kernel/btf/vmlinux";
if (!existsSync(VMLINUX)) console.log(`btf-write: ${VMLINUX} absent; vmlinux round trip skipped`);

function must<T>(r: { ok: true; value: T } | { ok: false; diagnostics: readonly { message: string }[] }): T {
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.value;
}

const typesOf = (b: Btf) => b.types;

function objectBtf(bytes: Uint8Array): { btf: Uint8Array; ext?: Uint8Array } {
  const elf = must(readElf(bytes));
  const ext = sectionByName(elf, ".BTF.ext")?.data;
  return { btf: sectionByName(elf, ".BTF")!.data, ...(ext ? { ext } : {}) };
}

/** Every kind, kind_flag use and edge value the model can hold. */
const ALL_KINDS: Btf = {
  types: [
    { kind: "void", name: "" },
    { kind: "int", name: "int", size: 4, signed: true, char: false, bool: false, bitOffset: 0, bits: 32 }, // 1
    { kind: "int", name: "char", size: 1, signed: false, char: true, bool: false, bitOffset: 0, bits: 8 }, // 2
    { kind: "int", name: "_Bool", size: 1, signed: false, char: false, bool: true, bitOffset: 0, bits: 8 }, // 3
    {
      kind: "int",
      name: "unsigned __int128",
      size: 16,
      signed: false,
      char: false,
      bool: false,
      bitOffset: 0,
      bits: 128,
    }, // 4
    { kind: "ptr", name: "", type: 6 }, // 5: struct flags *
    {
      kind: "struct",
      name: "flags",
      size: 8,
      kindFlag: true,
      members: [
        { name: "a", type: 1, bitOffset: 0, bitfieldSize: 3 },
        { name: "b", type: 1, bitOffset: 3, bitfieldSize: 29 },
        { name: "", type: 7, bitOffset: 32, bitfieldSize: 0 },
      ],
    }, // 6
    {
      kind: "union",
      name: "",
      size: 4,
      kindFlag: false,
      members: [
        { name: "x", type: 1, bitOffset: 0, bitfieldSize: 0 },
        { name: "y", type: 8, bitOffset: 0, bitfieldSize: 0 },
      ],
    }, // 7
    { kind: "array", name: "", elemType: 2, indexType: 1, nelems: 4 }, // 8
    {
      kind: "enum",
      name: "e",
      size: 4,
      signed: true,
      values: [
        { name: "NEG", value: -5 },
        { name: "POS", value: 7 },
      ],
    }, // 9
    { kind: "enum", name: "u", size: 4, signed: false, values: [{ name: "BIG", value: 0xefffffff }] }, // 10
    {
      kind: "enum64",
      name: "e64",
      size: 8,
      signed: false,
      values: [
        { name: "HUGE", value: 0xffff_ffff_ffff_fff0n },
        { name: "ONE", value: 1n },
      ],
    }, // 11
    { kind: "fwd", name: "later", union: true }, // 12
    { kind: "fwd", name: "s_later", union: false }, // 13
    { kind: "typedef", name: "myint", type: 1 }, // 14
    { kind: "volatile", name: "", type: 14 }, // 15
    { kind: "const", name: "", type: 15 }, // 16
    { kind: "restrict", name: "", type: 5 }, // 17
    { kind: "type_tag", name: "user", type: 1 }, // 18
    {
      kind: "func_proto",
      name: "",
      returnType: 1,
      params: [
        { name: "ctx", type: 5 },
        { name: "", type: 0 },
      ],
    }, // 19
    { kind: "func", name: "f", type: 19, linkage: BtfLinkage.GLOBAL }, // 20
    { kind: "func", name: "g", type: 19, linkage: BtfLinkage.STATIC }, // 21
    { kind: "var", name: "v", type: 16, linkage: BtfLinkage.GLOBAL }, // 22
    { kind: "datasec", name: ".data", size: 8, vars: [{ type: 22, offset: 4, size: 4 }] }, // 23
    { kind: "float", name: "double", size: 8 }, // 24
    { kind: "decl_tag", name: "tag", type: 6, componentIdx: 1 }, // 25
    { kind: "decl_tag", name: "whole", type: 20, componentIdx: -1 }, // 26
  ],
};

describe("writeBtf", () => {
  it("reads back every kind as written", () => {
    const bytes = must(writeBtf(ALL_KINDS));
    expect(typesOf(must(readBtf(bytes)))).toEqual(ALL_KINDS.types);
  });

  it("stores each name once, after the leading empty string", () => {
    const twice: Btf = {
      types: [
        { kind: "void", name: "" },
        { kind: "int", name: "int", size: 4, signed: true, char: false, bool: false, bitOffset: 0, bits: 32 },
        { kind: "typedef", name: "int", type: 1 },
        { kind: "typedef", name: "in", type: 1 },
      ],
    };
    const bytes = must(writeBtf(twice));
    const h = must(readBtfHeader(bytes));
    const strings = new TextDecoder().decode(bytes.subarray(h.strStart, h.strStart + h.strLen));
    expect(strings).toBe("\0int\0in\0");
    expect(h.typeLen).toBe(16 + 12 + 12);
  });

  it.skipIf(!bpftool)("bpftool (libbpf) parses a written blob to the same types", () => {
    const path = scratchFile("all-kinds.btf", must(writeBtf(ALL_KINDS)));
    const r = run(bpftool!, ["-j", "btf", "dump", "file", path]);
    expect(r.status).toBe(0);
    const mine = ALL_KINDS.types.slice(1).map((t, i) => toBpftoolJson(i + 1, t));
    expect(JSON.parse(r.stdout).types).toEqual(mine);
  });

  describe("round trips every clang fixture", () => {
    for (const f of OBJECT_FIXTURES) {
      it(`${fixtureId(f)} .BTF and .BTF.ext`, () => {
        const raw = objectBtf(committedObject(f));
        const original = must(readBtf(raw.btf));
        const strings = new BtfStringWriter();
        const types = must(writeBtfTypes(original, strings));
        // Same records, so the type section has the same length as clang's.
        expect(types.length).toBe(must(readBtfHeader(raw.btf)).typeLen);
        let ext: BtfExt | undefined;
        let extBytes: Uint8Array | undefined;
        if (raw.ext) {
          ext = must(readBtfExt(raw.ext, original.strings!));
          extBytes = must(writeBtfExt(ext, strings));
        }
        const back = must(readBtf(assembleBtf(types, strings.bytes())));
        expect(typesOf(back)).toEqual(typesOf(original));
        if (ext && extBytes) expect(must(readBtfExt(extBytes, back.strings!))).toEqual(ext);
      });
    }
  });

  it.skipIf(!existsSync(VMLINUX))("round trips the running kernel's vmlinux BTF", () => {
    const raw = new Uint8Array(readFileSync(VMLINUX));
    const original = must(readBtf(raw));
    const written = must(writeBtf(original));
    expect(must(readBtfHeader(written)).typeLen).toBe(must(readBtfHeader(raw)).typeLen);
    const back = must(readBtf(written));
    expect(back.types.length).toBe(original.types.length);
    for (let id = 0; id < original.types.length; id++) {
      const a = original.types[id]!;
      const b = back.types[id]!;
      // One toEqual over 100k types prints unreadably on failure; compare type by type.
      if (JSON.stringify(a, big) !== JSON.stringify(b, big)) expect({ id, type: b }).toEqual({ id, type: a });
    }
  });

  describe("refuses what it cannot write", () => {
    const int: BtfType = {
      kind: "int",
      name: "int",
      size: 4,
      signed: true,
      char: false,
      bool: false,
      bitOffset: 0,
      bits: 32,
    };
    const cases: Array<[string, Btf, string]> = [
      [
        "a reference past the last type",
        {
          types: [
            { kind: "void", name: "" },
            { kind: "ptr", name: "", type: 9 },
          ],
        },
        BtfWriteCode.BAD_TYPE_ID,
      ],
      ["no void at id 0", { types: [int] }, BtfWriteCode.BAD_TYPE_ID],
      [
        "void past id 0",
        {
          types: [
            { kind: "void", name: "" },
            { kind: "void", name: "" },
          ],
        },
        BtfWriteCode.BAD_TYPE_ID,
      ],
      [
        "a name with a NUL",
        {
          types: [
            { kind: "void", name: "" },
            { ...int, name: "in\0t" },
          ],
        },
        BtfWriteCode.BAD_NAME,
      ],
      [
        "a bit-field offset past 24 bits",
        {
          types: [
            { kind: "void", name: "" },
            int,
            {
              kind: "struct",
              name: "s",
              size: 4,
              kindFlag: true,
              members: [{ name: "a", type: 1, bitOffset: 1 << 24, bitfieldSize: 1 }],
            },
          ],
        },
        BtfWriteCode.DOES_NOT_FIT,
      ],
      [
        "more members than vlen holds",
        {
          types: [
            { kind: "void", name: "" },
            int,
            {
              kind: "struct",
              name: "s",
              size: 4,
              kindFlag: false,
              members: Array.from({ length: 0x10000 }, (_, i) => ({
                name: `m${i}`,
                type: 1,
                bitOffset: 0,
                bitfieldSize: 0,
              })),
            },
          ],
        },
        BtfWriteCode.DOES_NOT_FIT,
      ],
      [
        "an INT both signed and char",
        {
          types: [
            { kind: "void", name: "" },
            { ...int, char: true },
          ],
        },
        BtfWriteCode.BAD_ENCODING,
      ],
      [
        "an INT wider than its size",
        {
          types: [
            { kind: "void", name: "" },
            { ...int, bits: 40 },
          ],
        },
        BtfWriteCode.DOES_NOT_FIT,
      ],
    ];
    for (const [what, btf, code] of cases) {
      it(what, () => {
        const r = writeBtf(btf);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toContain(code);
      });
    }

    it("line info that is not sorted by instruction", () => {
      const rec = { fileName: "a.ts", lineText: "x", line: 1, column: 1 };
      const r = writeBtfExt(
        {
          funcInfo: [],
          lineInfo: [
            {
              section: "xdp",
              records: [
                { ...rec, insnOff: 16 },
                { ...rec, insnOff: 8 },
              ],
            },
          ],
          coreRelos: [],
        },
        new BtfStringWriter(),
      );
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.diagnostics[0]!.code).toBe(BtfWriteCode.BAD_EXT);
    });

    it("an offset that is not an instruction's", () => {
      const r = writeBtfExt(
        { funcInfo: [{ section: "xdp", records: [{ insnOff: 4, typeId: 1 }] }], lineInfo: [], coreRelos: [] },
        new BtfStringWriter(),
      );
      expect(r.ok).toBe(false);
    });
  });
});

function big(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}
