import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  array,
  bool,
  cstring,
  decode,
  encode,
  encodeToBytes,
  i16,
  i32,
  i64,
  i8,
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

const event = struct(
  [
    ["pid", u32],
    ["ts", u64],
    ["comm", cstring(16)],
    ["ok", bool],
    ["delta", i16],
  ],
  { name: "event" },
);

describe("encode/decode", () => {
  it.each<[string, Layout, unknown, number[] | undefined]>([
    ["u8", u8, 255, [255]],
    ["i8 -1", i8, -1, [0xff]],
    ["u16", u16, 0x1234, [0x34, 0x12]],
    ["i32 min", i32, -2147483648, [0, 0, 0, 0x80]],
    ["u64 bigint", u64, 0x0102030405060708n, [8, 7, 6, 5, 4, 3, 2, 1]],
    ["i64 -2", i64, -2n, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
    ["bool", bool, true, [1]],
    ["cstring", cstring(4), "ab", [0x61, 0x62, 0, 0]],
    ["u8 array", array(u8, 3), Uint8Array.of(1, 2, 3), [1, 2, 3]],
    ["u16 array", array(u16, 2), [1, 2], [1, 0, 2, 0]],
    ["pointer", pointer(), 0x1000n, [0, 0x10, 0, 0, 0, 0, 0, 0]],
    ["opaque", opaque(2, 2), Uint8Array.of(9, 8), [9, 8]],
    [
      "padded struct",
      struct([
        ["a", u8],
        ["b", u32],
      ]),
      { a: 1, b: 2 },
      [1, 0, 0, 0, 2, 0, 0, 0],
    ],
    [
      "union",
      struct([
        [
          "u",
          union([
            ["x", u32],
            ["y", u8],
          ]),
        ],
      ]),
      { u: { y: 7 } },
      [7, 0, 0, 0],
    ],
    [
      "bit-fields",
      struct([
        { name: "a", layout: u8, bits: 3 },
        { name: "b", layout: i8, bits: 5 },
      ]),
      { a: 5, b: -1 },
      [0xfd],
    ],
  ])("%s", (_name, layout, value, bytes) => {
    const r = encodeToBytes(layout, value);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    if (bytes) expect([...r.value]).toEqual(bytes);
    const back = decode(layout, r.value);
    if (_name === "union")
      expect(back).toEqual({ u: { x: 7, y: 7 } }); // every member, as C sees it
    else expect(back).toEqual(value);
  });

  it("decodes u64/i64 as bigint, narrower ints as numbers, structs as objects", () => {
    const r = encodeToBytes(event, { pid: 42, ts: 5n, comm: "bash", ok: false, delta: -3 });
    expect(r.ok && decode(event, r.value)).toEqual({ pid: 42, ts: 5n, comm: "bash", ok: false, delta: -3 });
    expect(sizeOf(event)).toBe(40);
  });

  it("reads a CString up to its NUL and at most N-1 bytes", () => {
    expect(decode(cstring(4), Uint8Array.of(0x61, 0, 0x62, 0))).toBe("a");
    expect(decode(cstring(4), Uint8Array.of(0x61, 0x62, 0x63, 0x64))).toBe("abc");
    expect(decode(cstring(8), new TextEncoder().encode("héllo\0\0"))).toBe("héllo");
  });

  it("decodes at an offset inside a larger buffer and encodes there", () => {
    const buf = new Uint8Array(12);
    expect(encode(u32, 0xdeadbeef, buf, 8).ok).toBe(true);
    expect(decode(u32, buf, 8)).toBe(0xdeadbeef);
    expect(decode(u32, buf.subarray(4), 4)).toBe(0xdeadbeef);
    expect(() => decode(u64, buf, 8)).toThrow(RangeError);
  });

  it("flattens anonymous struct and union members, as C does", () => {
    const l = struct([
      ["kind", u8],
      [
        "",
        union([
          ["a", u32],
          [
            "",
            struct([
              ["lo", u16],
              ["hi", u16],
            ]),
          ],
        ]),
      ],
    ]);
    const r = encodeToBytes(l, { kind: 1, a: 0x00020001 });
    expect(r.ok && decode(l, r.value)).toEqual({ kind: 1, a: 0x00020001, lo: 1, hi: 2 });
  });
});

describe("values that do not fit are diagnostics, never truncation", () => {
  it.each<[string, Layout, unknown, string, RegExp]>([
    ["u8 256", u8, 256, "TSB0701", /value: 256 does not fit u8 \(range 0\.\.255\)/],
    ["u32 negative", u32, -1, "TSB0701", /-1 does not fit u32/],
    ["i8 128", i8, 128n, "TSB0701", /range -128\.\.127/],
    ["u64 too big", u64, 1n << 64n, "TSB0701", /does not fit u64/],
    ["string for int", u32, "5", "TSB0702", /expected a number or bigint for u32, got a string/],
    ["number for bool", bool, 1, "TSB0702", /expected a boolean/],
    ["fraction", u16, 1.5, "TSB0703", /1\.5 is not an integer/],
    ["NaN", i32, Number.NaN, "TSB0703", /not an integer/],
    [
      "long string",
      cstring(4),
      "abcd",
      "TSB0704",
      /string of 4 bytes does not fit CString<4> \(at most 3 bytes/,
    ],
    ["NUL inside", cstring(8), "a\0b", "TSB0705", /NUL/],
    ["short array", array(u16, 3), [1, 2], "TSB0706", /u16\[3\] needs 3 elements, got 2/],
    ["short bytes", array(u8, 3), Uint8Array.of(1), "TSB0706", /needs 3 bytes, got 1/],
    [
      "missing field",
      event,
      { pid: 1, ts: 1n, comm: "", ok: true },
      "TSB0707",
      /missing field 'delta' \(i16\)/,
    ],
    ["unknown field", struct([["a", u8]]), { a: 1, b: 2 }, "TSB0708", /has no field 'b'/],
    [
      "union, two members",
      union([
        ["x", u32],
        ["y", u8],
      ]),
      { x: 1, y: 2 },
      "TSB0713",
      /exactly one/,
    ],
    ["unsafe number", u64, 2 ** 60, "TSB0714", /beyond 2\^53/],
    [
      "bit-field range",
      struct([{ name: "f", layout: u8, bits: 3 }]),
      { f: 8 },
      "TSB0701",
      /value\.f: 8 does not fit 3-bit field/,
    ],
    [
      "nested path",
      struct([["in", array(struct([["v", u8]]), 2)]]),
      { in: [{ v: 1 }, { v: -1 }] },
      "TSB0701",
      /value\.in\[1\]\.v/,
    ],
  ])("%s", (_name, layout, value, code, message) => {
    const r = encodeToBytes(layout, value);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]!.code).toBe(code);
    expect(r.diagnostics[0]!.message).toMatch(message);
  });

  it("reports every problem at once", () => {
    const r = encodeToBytes(event, { pid: -1, ts: 1.5, comm: "x".repeat(20), ok: 1, delta: 0 });
    expect(!r.ok && r.diagnostics.map((d) => d.code)).toEqual(["TSB0701", "TSB0703", "TSB0704", "TSB0702"]);
  });

  it("refuses a buffer too small for the layout", () => {
    const r = encode(u64, 1n, new Uint8Array(8), 4);
    expect(!r.ok && r.diagnostics[0]!.code).toBe("TSB0709");
  });
});

describe("round trip (fast-check)", () => {
  const layout = struct([
    ["a", u8],
    ["b", i64],
    ["c", array(i16, 3)],
    ["d", cstring(8)],
    ["e", bool],
    { name: "f", layout: u32, bits: 7 },
    { name: "g", layout: i32, bits: 13 },
    ["h", array(u8, 5)],
  ]);
  const value = fc.record({
    a: fc.integer({ min: 0, max: 255 }),
    b: fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
    c: fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: 3, maxLength: 3 }),
    d: fc.string({ maxLength: 7, unit: fc.constantFrom(..."abcxyz019_-") }),
    e: fc.boolean(),
    f: fc.integer({ min: 0, max: 127 }),
    g: fc.integer({ min: -4096, max: 4095 }),
    h: fc.uint8Array({ minLength: 5, maxLength: 5 }),
  });

  it("decode(encode(v)) = v and equal values give equal bytes", () => {
    fc.assert(
      fc.property(value, (v) => {
        const r = encodeToBytes(layout, v);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(decode(layout, r.value)).toEqual(v);
        const again = new Uint8Array(sizeOf(layout)).fill(0xaa); // padding is rewritten as zero
        expect(encode(layout, v, again).ok).toBe(true);
        expect(again).toEqual(r.value);
      }),
      { numRuns: 300 },
    );
  });
});
