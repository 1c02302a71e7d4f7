import { describe, expect, it } from "vitest";
import { BtfBuilder, layoutType, writeObject } from "../../compiler/emit/index.js";
import {
  readBtf,
  resolveType,
  typeName,
  typeSize,
  type Btf,
  type BtfComposite,
} from "../../runtime/btf/index.js";
import {
  array,
  bool,
  cstring,
  i16,
  i64,
  i8,
  int,
  opaque,
  pointer,
  sizeOf,
  struct,
  u16,
  u32,
  u64,
  u8,
  union,
  type Layout,
} from "../../runtime/layout/index.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import type { CollectionSpec } from "../../runtime/object/spec.js";
import { mapKindsInput } from "./map-kinds.js";

/** Layouts as BTF: the C names clang uses, sizes and member offsets the layout's. */

const ExecEvent = struct(
  [
    ["pid", u32],
    ["ts", u64],
    ["comm", cstring(16)],
  ],
  { name: "ExecEvent" },
);
const Flags = struct([{ name: "a", layout: u8, bits: 3 }, { name: "b", layout: u8, bits: 5 }, ["c", u16]], {
  name: "Flags",
});

const CASES: Array<[string, Layout, string]> = [
  ["u8", u8, "__u8"],
  ["i8", i8, "__s8"],
  ["u16", u16, "__u16"],
  ["i16", i16, "__s16"],
  ["u32", u32, "__u32"],
  ["u64", u64, "__u64"],
  ["i64", i64, "__s64"],
  ["a named int", int(4, true, "pid_t"), "pid_t"],
  ["bool", bool, "_Bool"],
  ["CString<16>", cstring(16), "char [16]"],
  ["u64[4]", array(u64, 4), "__u64 [4]"],
  ["pointer", pointer(u32), "__u32 *"],
  ["void pointer", pointer(), "void *"],
  ["struct", ExecEvent, "struct ExecEvent"],
  [
    "anonymous union",
    union([
      ["x", u32],
      ["y", u64],
    ]),
    "union (anon)",
  ],
  ["opaque bytes", opaque(6), "unsigned char [6]"],
];

function build(l: Layout): { btf: Btf; id: number } {
  const b = new BtfBuilder();
  const id = layoutType(b, l);
  return { btf: { types: b.types }, id };
}

describe("layoutType", () => {
  for (const [what, layout, name] of CASES) {
    it(`${what} is ${name}, ${sizeOf(layout)} bytes`, () => {
      const { btf, id } = build(layout);
      expect(typeName(btf, id)).toBe(name);
      expect(typeSize(btf, id)).toBe(sizeOf(layout));
    });
  }

  it("names the base types as clang does", () => {
    const names = (l: Layout) => {
      const { btf, id } = build(l);
      return resolveType(btf, id)!.type.name;
    };
    expect([u8, i8, u16, i16, u32, int(4, true), u64, i64].map(names)).toEqual([
      "unsigned char",
      "signed char",
      "unsigned short",
      "short",
      "unsigned int",
      "int",
      "unsigned long long",
      "long long",
    ]);
  });

  it("keeps member offsets, and bit-fields with kind_flag", () => {
    const { btf, id } = build(
      struct(
        [
          ["ev", ExecEvent],
          ["f", Flags],
        ],
        { name: "Outer" },
      ),
    );
    const outer = btf.types[id] as BtfComposite;
    expect(outer.members.map((m) => [m.name, m.bitOffset])).toEqual([
      ["ev", 0],
      ["f", 32 * 8],
    ]);
    const ev = btf.types[outer.members[0]!.type] as BtfComposite;
    expect(ev.members.map((m) => [m.name, m.bitOffset / 8])).toEqual([
      ["pid", 0],
      ["ts", 8],
      ["comm", 16],
    ]);
    const flags = btf.types[outer.members[1]!.type] as BtfComposite;
    expect(flags.kindFlag).toBe(true);
    expect(flags.members.map((m) => [m.name, m.bitOffset, m.bitfieldSize])).toEqual([
      ["a", 0, 3],
      ["b", 3, 5],
      ["c", 16, 0],
    ]);
  });

  it("adds a type used twice once", () => {
    const b = new BtfBuilder();
    expect(layoutType(b, ExecEvent)).toBe(layoutType(b, ExecEvent));
    expect(layoutType(b, u32)).toBe(layoutType(b, u32));
  });
});

describe("map definitions", () => {
  const { spec, layouts } = mapKindsInput();
  const written = writeObject({ spec, layouts });
  const back = written.ok ? loadCollectionSpec(written.value) : undefined;

  it("read back by tsbpf's libbpf-style parser to the same map specs", () => {
    if (!written.ok) throw new Error(written.diagnostics[0]!.message);
    if (!back?.ok) throw new Error(back?.diagnostics[0]?.message);
    expect(back.value.maps.map(({ keyType: _k, valueType: _v, ...m }) => m)).toEqual(spec.maps);
  });

  it("carry key and value types where the layout has the map's size, sizes elsewhere", () => {
    if (!back?.ok) throw new Error("not written");
    const { maps: read } = back.value;
    const btf = readBtfOf(back.value);
    const t = (id: number | undefined) => (id === undefined ? undefined : typeName(btf, id));
    expect(read.map((m) => [m.name, t(m.keyType), t(m.valueType)])).toEqual([
      ["events", "__u32", "struct ExecEvent"],
      ["perCpu", "__u32", "__u64"],
      ["ring", undefined, undefined],
      ["perf", "__u32", undefined],
      ["jumps", undefined, undefined],
      ["stacks", "__u32", "__u64 [127]"],
      ["pinned", "__u64", "__u64"],
      ["bloom", undefined, "__u64"],
      ["queue", undefined, "__u64"],
      ["lru", "__u32", "__u64"],
    ]);
    // The ring buffer's record type is in the BTF for userspace, outside the definition.
    expect(btf.types.filter((x) => x.kind === "struct" && x.name === "ExecEvent")).toHaveLength(1);
  });
});

function readBtfOf(spec: CollectionSpec): Btf {
  // The reader keeps the raw .BTF; the maps' type ids point into it.
  const r = readBtf(spec.btf!);
  if (!r.ok) throw new Error(r.diagnostics[0]!.message);
  return r.value;
}
