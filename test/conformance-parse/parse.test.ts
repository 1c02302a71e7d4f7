import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConformanceCode,
  conformanceProgram,
  parseConformanceFile,
} from "../../runtime/conformance/index.js";
import { encodeProgram, slotIndex } from "../../runtime/isa/index.js";
import type { Result } from "../../runtime/diag/diagnostic.js";

const ROOT = resolve(import.meta.dirname, "../../../shared/conformance");
const present = existsSync(join(ROOT, "tests"));
if (!present) console.log(`conformance-parse: suite files skipped, ${ROOT} not found`);

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.value;
};
const codes = <T>(r: Result<T>) => (r.ok ? [] : r.diagnostics.map((d) => d.code));

describe("parseConformanceFile: format rules", () => {
  it.each([
    ["comment after an instruction", "-- asm\nmov %r0, 1 # set\nexit\n-- result\n0x1", 1n],
    ["comment inside a header line", "-- asm # code\nmov %r0, 2\nexit\n-- result # r0\n2", 2n],
    ["CRLF line ends", "-- asm\r\nmov %r0, 3\r\nexit\r\n-- result\r\n0x3\r\n", 3n],
    ["upper-case hex result", "-- asm\nexit\n-- result\n0xFF", 0xffn],
    ["decimal result", "-- asm\nexit\n-- result\n10", 10n],
    ["last result line counts", "-- asm\nexit\n-- result\n0x1\n0x2", 2n],
    ["result before mem", "-- asm\nexit\n-- result\n0x7\n-- mem\n01 02", 7n],
    ["header keyword found by substring", "--  asm and more\nexit\n-- the result\n0x4", 4n],
    [
      "'-- c' section ignored, #include removed",
      "-- c\n#include <x.h>\nint f() { return 1; }\n-- asm\nexit\n-- result\n0x5",
      5n,
    ],
    [
      "'no register offset' ignored with the line after it",
      "-- asm\nexit\n-- no register offset\ncall instruction\n-- result\n0x6",
      6n,
    ],
    ["stray 0x7F byte in a comment", "# \x7f 9669\n-- asm\nexit\n-- result\n0x8", 8n],
    ["negative decimal result as u64", "-- asm\nexit\n-- result\n-1", 0xffff_ffff_ffff_ffffn],
  ])("%s", (_name, text, expected) => {
    expect(value(parseConformanceFile(text, "t.data")).result).toBe(expected);
  });

  it("reads -- mem over several lines, either case, concatenated", () => {
    const c = value(parseConformanceFile("-- asm\nexit\n-- mem\naa BB 0c\n\n  dd\n-- result\n0", "m.data"));
    expect([...c.mem]).toEqual([0xaa, 0xbb, 0x0c, 0xdd]);
  });

  it("gives empty memory when there is no -- mem", () => {
    expect(value(parseConformanceFile("-- asm\nexit\n-- result\n0", "m.data")).mem.length).toBe(0);
  });

  it("keeps asm text with real line numbers", () => {
    const text = "# header\n# more\n-- asm\n\nmov %r0, 1\n# inside\nexit\n\n-- result\n0x1\n";
    const c = value(parseConformanceFile(text, "l.data"));
    expect(c.asm).toEqual({ text: "mov %r0, 1\n# inside\nexit", firstLine: 5 });
  });

  it("points assembler diagnostics at the file's line", () => {
    const text = "# one\n# two\n-- asm\nmov %r0, 1\n\nldxq %r0, [%r1]\nexit\n-- result\n0x1\n";
    const r = conformanceProgram(value(parseConformanceFile(text, "bad.data")));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.location).toMatchObject({ file: "bad.data", line: 6, column: 1 });
  });

  it("reads raw slots written as 64-bit numbers", () => {
    const c = value(
      parseConformanceFile("-- raw\n0x5566778800000018\n0x1122334400000000\n149\n-- result\n0", "r.data"),
    );
    expect([...c.raw!]).toEqual([
      0x18, 0, 0, 0, 0x88, 0x77, 0x66, 0x55, 0, 0, 0, 0, 0x44, 0x33, 0x22, 0x11, 0x95, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it("reads raw slots written as 8 separate bytes, and an empty -- error", () => {
    const c = value(
      parseConformanceFile("-- raw\n07 00 01 00 01 00 00 00\n95 00 00 00 00 00 00 00\n-- error\n", "u.data"),
    );
    expect([...c.raw!.subarray(0, 8)]).toEqual([7, 0, 1, 0, 1, 0, 0, 0]);
    expect(c.raw!.length).toBe(16);
    expect(c.error).toBe("");
    expect(c.result).toBeUndefined();
  });

  it("keeps the last -- error line", () => {
    expect(
      value(parseConformanceFile("-- asm\nlock\n-- error\nInvalid number of operands for lock", "e.data"))
        .error,
    ).toBe("Invalid number of operands for lock");
  });

  it.each([
    ["unknown header", "-- asm\nexit\n-- bogus\n-- result\n0", ConformanceCode.UNKNOWN_SECTION],
    ["nothing at all", "", ConformanceCode.NO_EXPECTATION],
    ["result but no code", "-- result\n0x0", ConformanceCode.NO_PROGRAM],
    ["only labels", "-- asm\nfail:\n-- result\n0x0", ConformanceCode.NO_PROGRAM],
    ["bad result", "-- asm\nexit\n-- result\n0xzz", ConformanceCode.BAD_RESULT],
    ["result over 64 bits", "-- asm\nexit\n-- result\n0x10000000000000000", ConformanceCode.BAD_RESULT],
    ["bad memory byte", "-- asm\nexit\n-- mem\n01 xyz\n-- result\n0", ConformanceCode.BAD_MEMORY],
    ["bad raw word", "-- raw\n0xnothex\n-- result\n0", ConformanceCode.BAD_RAW],
    ["section twice", "-- asm\nexit\n-- asm\nexit\n-- result\n0", ConformanceCode.DUPLICATE_SECTION],
  ])("refuses: %s", (_name, text, code) => {
    expect(codes(parseConformanceFile(text, "x.data"))).toContain(code);
  });
});

/** index.tsv: one row per tests/ file with memory size, expected r0 and program length in slots. */
function indexRows(): Map<string, { mem: number; r0: bigint; slots: number }> {
  const rows = new Map<string, { mem: number; r0: bigint; slots: number }>();
  const lines = readFileSync(join(ROOT, "index.tsv"), "utf8").trim().split("\n");
  const head = lines[0]!.split("\t");
  const col = (name: string) => head.indexOf(name);
  for (const line of lines.slice(1)) {
    const f = line.split("\t");
    rows.set(f[col("file")]!, {
      mem: Number(f[col("mem_bytes")]),
      r0: BigInt(f[col("expected_r0")]!),
      slots: Number(f[col("slots")]),
    });
  }
  return rows;
}

const list = (sub: string) =>
  present
    ? readdirSync(join(ROOT, sub))
        .filter((f) => f.endsWith(".data"))
        .sort()
    : [];

describe.skipIf(!present)("every tests/ file", () => {
  const rows = present ? indexRows() : new Map();
  const files = list("tests");

  it("index.tsv lists them all", () => {
    expect(files.length).toBe(313);
    expect([...rows.keys()].sort()).toEqual(files);
  });

  it.each(files)("%s parses and agrees with index.tsv", (file) => {
    const c = value(parseConformanceFile(readFileSync(join(ROOT, "tests", file), "latin1"), file));
    const row = rows.get(file)!;
    expect(c.result).toBe(row.r0);
    expect(c.mem.length).toBe(row.mem);
    const program = value(conformanceProgram(c));
    expect(slotIndex(program)[program.length]).toBe(row.slots);
  });

  it("lddw.data: the raw section and the asm section are the same program", () => {
    const c = value(
      parseConformanceFile(readFileSync(join(ROOT, "tests", "lddw.data"), "latin1"), "lddw.data"),
    );
    expect(c.raw).toBeDefined();
    const fromAsm = value(conformanceProgram({ ...c, raw: undefined }));
    expect(encodeProgram(fromAsm)).toEqual(c.raw);
  });
});

describe.skipIf(!present)("negative/ files", () => {
  const files = list("negative");
  const unused = files.filter((f) => f.startsWith("unused-"));

  it("has the 45 unused-field files, each with byte-form raw code and an empty error", () => {
    expect(unused.length).toBe(45);
  });

  it.each(unused)("%s is refused by the decoder (reserved field set)", (file) => {
    const c = value(parseConformanceFile(readFileSync(join(ROOT, "negative", file), "latin1"), file));
    expect(c.error).toBe("");
    expect(c.raw!.length).toBe(16);
    const r = conformanceProgram(c);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics[0]!.code).toMatch(/^TSB01/);
      expect(r.diagnostics[0]!.byteOffset).toBe(0);
    }
  });

  it.each([
    ["empty.data", ConformanceCode.NO_EXPECTATION],
    ["empty_instructions.data", ConformanceCode.NO_PROGRAM],
    ["invalid_unknown_directive.data", ConformanceCode.UNKNOWN_SECTION],
  ])("%s is refused by the reader", (file, code) => {
    expect(codes(parseConformanceFile(readFileSync(join(ROOT, "negative", file), "latin1"), file))).toContain(
      code,
    );
  });
});
