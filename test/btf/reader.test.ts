import { describe, expect, it } from "vitest";
import {
  BtfCode,
  BtfKind,
  readBtf,
  readBtfExt,
  BtfStringTable,
  type BtfType,
} from "../../runtime/btf/index.js";
import { blob, info, strOff } from "./blob.js";

/** Hand-made BTF: every kind decodes to the model, and each kind of damage has its code. */
const S = [
  "int",
  "s",
  "a",
  "b",
  "E",
  "X",
  "Y",
  "E64",
  "f",
  "p",
  "fwd",
  "td",
  "v",
  ".data",
  "float",
  "tag",
  "ctx",
  "u",
];
const o = (s: string) => strOff(S, s);
const K = BtfKind;

// One of each kind, ids 1..19.
const TYPES = [
  o("int"),
  info(K.INT),
  4,
  (1 << 24) | 32, // 1 int: signed, 32 bits
  0,
  info(K.PTR),
  1, // 2 int *
  0,
  info(K.ARRAY),
  0,
  1,
  1,
  16, // 3 int[16]
  o("s"),
  info(K.STRUCT, 2, true),
  8,
  o("a"),
  1,
  0,
  o("b"),
  1,
  (3 << 24) | 35, // 4 struct s { int a; int b:3 at bit 35 }
  o("u"),
  info(K.UNION, 1),
  4,
  o("a"),
  1,
  0, // 5 union u { int a }
  o("E"),
  info(K.ENUM, 2, true),
  4,
  o("X"),
  -1,
  o("Y"),
  7, // 6 signed enum E { X = -1, Y = 7 }
  o("E64"),
  info(K.ENUM64, 1),
  8,
  o("X"),
  0xffffffff,
  0x80000000, // 7 enum64 E64 { X = 0x80000000ffffffff }
  o("fwd"),
  info(K.FWD, 0, true),
  0, // 8 union fwd
  o("td"),
  info(K.TYPEDEF),
  1, // 9 typedef int td
  0,
  info(K.VOLATILE),
  9, // 10 volatile td
  0,
  info(K.CONST),
  10, // 11 const volatile td
  0,
  info(K.RESTRICT),
  2, // 12 int * restrict
  0,
  info(K.FUNC_PROTO, 2),
  1,
  o("ctx"),
  2,
  0,
  0, // 13 int (int *ctx, ...)
  o("f"),
  info(K.FUNC, 1),
  13, // 14 global func f
  o("v"),
  info(K.VAR),
  11,
  1, // 15 global var v: const volatile td
  o(".data"),
  info(K.DATASEC, 1),
  4,
  15,
  0,
  4, // 16 datasec .data { v at 0, 4 bytes }
  o("float"),
  info(K.FLOAT),
  8, // 17 float (double)
  o("tag"),
  info(K.DECL_TAG),
  4,
  1, // 18 tag on member 1 of struct s
  o("p"),
  info(K.TYPE_TAG),
  1, // 19 int __tag("p")
];

describe("every BTF kind", () => {
  it("decodes to the model", () => {
    const r = readBtf(blob({ types: TYPES, strings: S }));
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
    const t = r.value.types;
    const expected: BtfType[] = [
      { kind: "void", name: "" },
      { kind: "int", name: "int", size: 4, signed: true, char: false, bool: false, bitOffset: 0, bits: 32 },
      { kind: "ptr", name: "", type: 1 },
      { kind: "array", name: "", elemType: 1, indexType: 1, nelems: 16 },
      {
        kind: "struct",
        name: "s",
        size: 8,
        kindFlag: true,
        members: [
          { name: "a", type: 1, bitOffset: 0, bitfieldSize: 0 },
          { name: "b", type: 1, bitOffset: 35, bitfieldSize: 3 },
        ],
      },
      {
        kind: "union",
        name: "u",
        size: 4,
        kindFlag: false,
        members: [{ name: "a", type: 1, bitOffset: 0, bitfieldSize: 0 }],
      },
      {
        kind: "enum",
        name: "E",
        size: 4,
        signed: true,
        values: [
          { name: "X", value: -1 },
          { name: "Y", value: 7 },
        ],
      },
      {
        kind: "enum64",
        name: "E64",
        size: 8,
        signed: false,
        values: [{ name: "X", value: 0x80000000ffffffffn }],
      },
      { kind: "fwd", name: "fwd", union: true },
      { kind: "typedef", name: "td", type: 1 },
      { kind: "volatile", name: "", type: 9 },
      { kind: "const", name: "", type: 10 },
      { kind: "restrict", name: "", type: 2 },
      {
        kind: "func_proto",
        name: "",
        returnType: 1,
        params: [
          { name: "ctx", type: 2 },
          { name: "", type: 0 },
        ],
      },
      { kind: "func", name: "f", type: 13, linkage: 1 },
      { kind: "var", name: "v", type: 11, linkage: 1 },
      { kind: "datasec", name: ".data", size: 4, vars: [{ type: 15, offset: 0, size: 4 }] },
      { kind: "float", name: "float", size: 8 },
      { kind: "decl_tag", name: "tag", type: 4, componentIdx: 1 },
      { kind: "type_tag", name: "p", type: 1 },
    ];
    expect(t).toEqual(expected);
  });

  it("reads big-endian BTF too (the magic says which)", () => {
    const le = blob({ types: TYPES, strings: S });
    const be = le.slice();
    const v = new DataView(be.buffer);
    v.setUint16(0, 0xeb9f, false);
    for (let i = 4; i < 24 + TYPES.length * 4; i += 4)
      v.setUint32(i, new DataView(le.buffer).getUint32(i, true), false);
    const a = readBtf(le);
    const b = readBtf(be);
    expect(b.ok && a.ok && b.value.types).toEqual(a.ok && a.value.types);
  });
});

describe("damaged BTF", () => {
  const cases: Array<[string, Uint8Array, string, number?]> = [
    ["shorter than the header", blob({ types: TYPES, strings: S }).subarray(0, 20), BtfCode.TRUNCATED, 0],
    ["bad magic", blob({ types: TYPES, strings: S, header: { magic: 0x1234 } }), BtfCode.BAD_HEADER, 0],
    ["version 2", blob({ types: TYPES, strings: S, header: { version: 2 } }), BtfCode.BAD_HEADER, 2],
    ["hdr_len 8", blob({ types: TYPES, strings: S, header: { hdrLen: 8 } }), BtfCode.BAD_HEADER, 4],
    [
      "hdr_len past the blob",
      blob({ types: TYPES, strings: S, header: { hdrLen: 1 << 20 } }),
      BtfCode.BAD_HEADER,
      4,
    ],
    [
      "type section past the blob",
      blob({ types: TYPES, strings: S, header: { typeLen: 1 << 30 } }),
      BtfCode.SECTION_OUT_OF_BOUNDS,
      8,
    ],
    [
      "string section past the blob",
      blob({ types: TYPES, strings: S, header: { strLen: 0xffffffff } }),
      BtfCode.SECTION_OUT_OF_BOUNDS,
      16,
    ],
    [
      "overlapping sections",
      blob({ types: TYPES, strings: S, header: { strOff: 4, strLen: 8 } }),
      BtfCode.SECTION_OUT_OF_BOUNDS,
    ],
    [
      "unaligned type section",
      blob({ types: TYPES, strings: S, header: { typeOff: 2, typeLen: 8 } }),
      BtfCode.BAD_HEADER,
      8,
    ],
    [
      "a name offset outside the strings",
      blob({ types: [9999, info(K.INT), 4, 32], strings: S }),
      BtfCode.BAD_STRING,
      24,
    ],
    ["a record cut short", blob({ types: [0, info(K.PTR)], strings: S }), BtfCode.TRUNCATED, 24],
    [
      "members past the type section",
      blob({ types: [o("s"), info(K.STRUCT, 5), 8, 0, 1, 0], strings: S }),
      BtfCode.TRUNCATED,
      24,
    ],
    ["kind 31", blob({ types: [0, info(31), 0], strings: S }), BtfCode.UNKNOWN_KIND, 28],
    ["kind 0 (UNKN)", blob({ types: [0, info(0), 0], strings: S }), BtfCode.UNKNOWN_KIND, 28],
    ["a pointer to type 7 of 1", blob({ types: [0, info(K.PTR), 7], strings: S }), BtfCode.BAD_TYPE_ID, 24],
    [
      "an INT with reserved bits",
      blob({ types: [o("int"), info(K.INT), 4, 0x0000ff20], strings: S }),
      BtfCode.BAD_FIELD,
      36,
    ],
    [
      "an INT wider than its size",
      blob({ types: [o("int"), info(K.INT), 4, 33], strings: S }),
      BtfCode.BAD_FIELD,
      36,
    ],
  ];
  for (const [what, bytes, code, at] of cases) {
    it(what, () => {
      const r = readBtf(bytes);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.diagnostics[0]!.code).toBe(code);
      if (at !== undefined) expect(r.diagnostics[0]!.byteOffset).toBe(at);
    });
  }

  it("a string section that does not start with NUL", () => {
    const b = blob({ types: [], strings: ["x"] });
    b[24] = 0x41;
    const r = readBtf(b);
    expect(!r.ok && r.diagnostics[0]!.code).toBe(BtfCode.BAD_FIELD);
  });

  it("reports byte offsets relative to the ELF file with baseOffset", () => {
    const r = readBtf(blob({ types: [0, info(K.PTR), 7], strings: S }), { baseOffset: 1000 });
    expect(!r.ok && r.diagnostics[0]!.byteOffset).toBe(1024);
  });
});

describe(".BTF.ext", () => {
  const strings = new BtfStringTable(new TextEncoder().encode("\0xdp\0a.c\0  return 0;\0" + "0:1\0"));
  const ext = (words: number[], hdrLen = 32) => {
    const out = new Uint8Array(hdrLen + words.length * 4);
    const v = new DataView(out.buffer);
    v.setUint16(0, 0xeb9f, true);
    v.setUint8(2, 1);
    v.setUint32(4, hdrLen, true);
    return { out, v, words };
  };
  // func_info: rec 8, "xdp" 1 record; line_info: rec 16, "xdp" 1 record; core_relo: rec 16, "xdp" 1 record.
  const func = [8, 1, 1, 16, 3];
  const line = [16, 1, 1, 8, 5, 9, (12 << 10) | 3];
  const core = [16, 1, 1, 24, 3, 21, 0];
  function build(hdrLen = 32) {
    const words = [...func, ...line, ...core];
    const { out, v } = ext(words, hdrLen);
    v.setUint32(8, 0, true);
    v.setUint32(12, func.length * 4, true);
    v.setUint32(16, func.length * 4, true);
    v.setUint32(20, line.length * 4, true);
    if (hdrLen >= 32) {
      v.setUint32(24, (func.length + line.length) * 4, true);
      v.setUint32(28, core.length * 4, true);
    }
    words.forEach((w, i) => v.setUint32(hdrLen + 4 * i, w, true));
    return out;
  }

  it("func_info, line_info and CO-RE relocation records", () => {
    const r = readBtfExt(build(), strings);
    if (!r.ok) throw new Error(r.diagnostics[0]!.message);
    expect(r.value).toEqual({
      funcInfo: [{ section: "xdp", records: [{ insnOff: 16, typeId: 3 }] }],
      lineInfo: [
        {
          section: "xdp",
          records: [{ insnOff: 8, fileName: "a.c", lineText: "  return 0;", line: 12, column: 3 }],
        },
      ],
      coreRelos: [{ section: "xdp", records: [{ insnOff: 24, typeId: 3, accessString: "0:1", kind: 0 }] }],
    });
  });

  it("a short (24-byte) header has no CO-RE area", () => {
    const b = build(32);
    const v = new DataView(b.buffer);
    v.setUint32(4, 24, true);
    // With hdr_len 24 the areas start 8 bytes earlier; point them at the same bytes.
    v.setUint32(8, 8, true);
    v.setUint32(16, 8 + func.length * 4, true);
    const r = readBtfExt(b, strings);
    expect(r.ok && r.value.coreRelos).toEqual([]);
    expect(r.ok && r.value.lineInfo[0]!.records[0]!.line).toBe(12);
  });

  const damaged: Array<[string, (v: DataView) => void]> = [
    ["bad magic", (v) => v.setUint16(0, 0, true)],
    ["hdr_len past the section", (v) => v.setUint32(4, 4096, true)],
    ["func_info past the section", (v) => v.setUint32(12, 4096, true)],
    ["record size below the minimum", (v) => v.setUint32(32, 4, true)],
    ["more records than fit", (v) => v.setUint32(32 + 8, 1000, true)],
    ["a section name outside the strings", (v) => v.setUint32(32 + 4, 9999, true)],
  ];
  for (const [what, edit] of damaged) {
    it(what, () => {
      const b = build();
      edit(new DataView(b.buffer));
      const r = readBtfExt(b, strings);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.diagnostics[0]!.code).toMatch(/^TSB033[37]$/);
    });
  }
});
