import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  alignOf,
  array,
  bool,
  cstring,
  describeLayout,
  i16,
  i32,
  i64,
  i8,
  locate,
  pointer,
  sizeOf,
  struct,
  u16,
  u32,
  u64,
  u8,
  union,
  validateLayout,
  type Layout,
  type StructLayout,
} from "../../runtime/layout/index.js";

/** A struct as C source and as a layout, checked against clang's layout below. */
interface Fixture {
  readonly c: string;
  readonly layout: StructLayout;
}

const inner = struct(
  [
    ["a", u8],
    ["b", u64],
  ],
  { name: "inner" },
);
const FIXTURES: Record<string, Fixture> = {
  exec_event: {
    c: "struct exec_event { unsigned int pid; unsigned long long ts; char comm[16]; };",
    layout: struct(
      [
        ["pid", u32],
        ["ts", u64],
        ["comm", cstring(16)],
      ],
      { name: "exec_event" },
    ),
  },
  mixed: {
    c: "struct mixed { unsigned char a; unsigned short b; unsigned char c; int d; _Bool e; long long f; unsigned char g; };",
    layout: struct([
      ["a", u8],
      ["b", u16],
      ["c", u8],
      ["d", i32],
      ["e", bool],
      ["f", i64],
      ["g", u8],
    ]),
  },
  nested: {
    c: "struct inner { unsigned char a; unsigned long long b; }; struct nested { char x; struct inner in[2]; short y; };",
    layout: struct([
      ["x", i8],
      ["in", array(inner, 2)],
      ["y", i16],
    ]),
  },
  with_union: {
    c: "struct with_union { unsigned char tag; union { unsigned int v4; unsigned char v6[16]; } addr; unsigned short port; };",
    layout: struct([
      ["tag", u8],
      [
        "addr",
        union([
          ["v4", u32],
          ["v6", array(u8, 16)],
        ]),
      ],
      ["port", u16],
    ]),
  },
  bits: {
    c: "struct bits { unsigned int a:3; unsigned int b:30; unsigned char c; unsigned short d:9; unsigned short e:9; int :0; unsigned char f:1; };",
    layout: struct([
      { name: "a", layout: u32, bits: 3 },
      { name: "b", layout: u32, bits: 30 },
      ["c", u8],
      { name: "d", layout: u16, bits: 9 },
      { name: "e", layout: u16, bits: 9 },
      { name: "", layout: i32, bits: 0 },
      { name: "f", layout: u8, bits: 1 },
    ]),
  },
  packed: {
    c: "struct __attribute__((packed)) packed { unsigned char a; unsigned int b; unsigned long long c; };",
    layout: struct(
      [
        ["a", u8],
        ["b", u32],
        ["c", u64],
      ],
      { packed: true },
    ),
  },
  pointers: {
    c: "struct pointers { char a; void *p; int b; };",
    layout: struct([
      ["a", i8],
      ["p", pointer()],
      ["b", i32],
    ]),
  },
  empty_tail: {
    c: "struct empty_tail { unsigned long long a; unsigned char b[0]; };",
    layout: struct([
      ["a", u64],
      ["b", array(u8, 0)],
    ]),
  },
};

/** `_Static_assert`s that hold exactly when clang lays the struct out as our layout says. */
function assertions(name: string, layout: StructLayout): string {
  const lines = [
    `_Static_assert(sizeof(struct ${name}) == ${layout.size}, "size");`,
    `_Static_assert(_Alignof(struct ${name}) == ${layout.align}, "align");`,
  ];
  for (const f of layout.fields) {
    if (f.name === "" || f.bitSize !== undefined) continue;
    lines.push(`_Static_assert(__builtin_offsetof(struct ${name}, ${f.name}) == ${f.offset}, "${f.name}");`);
  }
  return lines.join("\n");
}

let clang: string | undefined;
try {
  execFileSync("clang", ["--version"], { stdio: "ignore" });
  clang = "clang";
} catch {
  console.log("clang not found: skipping the layout comparison with clang -target bpf");
}

describe("struct layout matches clang -target bpf and x86_64", () => {
  for (const target of ["bpf", "x86_64-linux-gnu"]) {
    it.skipIf(!clang)(`on ${target}`, () => {
      const dir = mkdtempSync(join(tmpdir(), "tsbpf-layout-"));
      const file = join(dir, "layout.c");
      // Bit-fields have no offsetof; the next test checks their positions by running code.
      const src = Object.entries(FIXTURES)
        .map(([name, f]) => `${f.c}\n${assertions(name, f.layout)}`)
        .join("\n");
      writeFileSync(file, src);
      execFileSync(clang!, ["-target", target, "-fsyntax-only", "-Wno-gnu-empty-struct", file], {
        stdio: "pipe",
      });
    });
  }

  it.skipIf(!clang)("places bit-fields where clang does (checked by running the code)", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsbpf-bits-"));
    const f = FIXTURES.bits!;
    const checks = f.layout.fields
      .filter((x) => x.bitSize !== undefined && x.name !== "")
      .map((x, i) => {
        const bit = x.offset * 8 + (x.bitOffset ?? 0);
        return `{ struct bits s; memset(&s, 0, sizeof s); s.${x.name} = ~0u; unsigned char *b = (unsigned char *)&s;
          for (int i = 0; i < (int)(sizeof s * 8); i++) { int set = (b[i / 8] >> (i % 8)) & 1;
            int want = i >= ${bit} && i < ${bit + x.bitSize!}; if (set != want) return ${i + 1}; } }`;
      });
    writeFileSync(
      join(dir, "bits.c"),
      `#include <string.h>\n${f.c}\nint main(void) {\n${checks.join("\n")}\nreturn 0; }\n`,
    );
    execFileSync(clang!, ["-O0", "-o", join(dir, "bits"), join(dir, "bits.c")], { stdio: "pipe" });
    expect(() => execFileSync(join(dir, "bits"))).not.toThrow();
  });
});

describe("layout queries", () => {
  it.each<[Layout, number, number, string]>([
    [u8, 1, 1, "u8"],
    [i64, 8, 8, "i64"],
    [bool, 1, 1, "bool"],
    [cstring(16), 16, 1, "CString<16>"],
    [array(u32, 3), 12, 4, "u32[3]"],
    [pointer(u32), 8, 8, "u32 *"],
    [FIXTURES.exec_event!.layout, 32, 8, "struct exec_event"],
    [
      union([
        ["a", u8],
        ["b", u32],
      ]),
      4,
      4,
      "union { 2 fields }",
    ],
  ])("%j: size %i align %i name %s", (layout, size, align, name) => {
    expect(sizeOf(layout)).toBe(size);
    expect(alignOf(layout)).toBe(align);
    expect(describeLayout(layout)).toBe(name);
    expect(validateLayout(layout)).toEqual([]);
  });

  it("locates member paths, through arrays and anonymous members", () => {
    const l = FIXTURES.nested!.layout;
    expect(locate(l, "in[1].b")).toEqual({ offset: 8 + 16 + 8, layout: u64 });
    expect(locate(l, "y")?.offset).toBe(40);
    expect(locate(l, "in[2]")).toBeUndefined();
    expect(locate(l, "nope")).toBeUndefined();
    const anon = struct([
      ["a", u32],
      [
        "",
        union([
          ["x", u32],
          ["y", u16],
        ]),
      ],
    ]);
    expect(locate(anon, "y")).toEqual({ offset: 4, layout: u16 });
    expect(locate(FIXTURES.bits!.layout, "b")).toMatchObject({ offset: 4, bitOffset: 0, bitSize: 30 });
  });

  it("validates layouts from outside and reports every problem", () => {
    const bad: StructLayout = {
      kind: "struct",
      size: 4,
      align: 3,
      fields: [
        { name: "a", offset: 0, layout: u32 },
        { name: "a", offset: 2, layout: u16 },
        { name: "c", offset: 4, layout: u8 },
      ],
    };
    const codes = validateLayout(bad).map((d) => d.message);
    expect(codes).toHaveLength(4);
    expect(codes.join("\n")).toMatch(/alignment 3/);
    expect(codes.join("\n")).toMatch(/duplicate/);
    expect(codes.join("\n")).toMatch(/overlaps/);
    expect(codes.join("\n")).toMatch(/past the 4-byte struct/);
  });

  it("refuses impossible constructions as bugs", () => {
    expect(() =>
      struct([
        ["a", u8],
        ["a", u8],
      ]),
    ).toThrow(RangeError);
    expect(() => cstring(0)).toThrow(RangeError);
    expect(() => struct([{ name: "x", layout: u8, bits: 9 }])).toThrow(RangeError);
  });
});
