import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { AsmCode } from "../../runtime/asm/index.js";
import { llvmTool } from "../disasm/llvm-tools.js";
import { hexOf, refusal } from "./helpers.js";

/**
 * The LLVM dialect, one row per syntax rule, with the bytes LLVM encodes. Rows that LLVM 14's
 * assembler accepts are also checked against `llvm-mc --show-encoding` below; the others are
 * ISA v4 / LLVM 17+ syntax (checked against LLVM 19 when installed) or tsbpf extensions.
 */
const TABLE: ReadonlyArray<readonly [string, string]> = [
  ["r0 = 1", "b7 00 00 00 01 00 00 00"],
  ["r1 = -2147483648", "b7 01 00 00 00 00 00 80"],
  ["w1 = 0xffffffff", "b4 01 00 00 ff ff ff ff"],
  ["w0 = w1", "bc 10 00 00 00 00 00 00"],
  ["r6 = r10", "bf a6 00 00 00 00 00 00"],
  ["r0 += r1", "0f 10 00 00 00 00 00 00"],
  ["w1 += -1", "04 01 00 00 ff ff ff ff"],
  ["r2 -= 3", "17 02 00 00 03 00 00 00"],
  ["r2 *= r3", "2f 32 00 00 00 00 00 00"],
  ["w2 /= 10", "34 02 00 00 0a 00 00 00"],
  ["r2 |= r3", "4f 32 00 00 00 00 00 00"],
  ["r2 &= 255", "57 02 00 00 ff 00 00 00"],
  ["r2 <<= 32", "67 02 00 00 20 00 00 00"],
  ["w2 >>= w3", "7c 32 00 00 00 00 00 00"],
  ["r2 s>>= 63", "c7 02 00 00 3f 00 00 00"],
  ["r2 ^= r2", "af 22 00 00 00 00 00 00"],
  ["r0 = -r0", "87 00 00 00 00 00 00 00"],
  ["w3 = -w3", "84 03 00 00 00 00 00 00"],
  ["r1 = be16 r1", "dc 01 00 00 10 00 00 00"],
  ["r1 = le32 r1", "d4 01 00 00 20 00 00 00"],
  ["r1 = be64 r1", "dc 01 00 00 40 00 00 00"],
  ["r1 = 0x1234 ll", "18 01 00 00 34 12 00 00 00 00 00 00 00 00 00 00"],
  ["r1 = -1 ll", "18 01 00 00 ff ff ff ff 00 00 00 00 ff ff ff ff"],
  ["r1 = 18446744073709551615 ll", "18 01 00 00 ff ff ff ff 00 00 00 00 ff ff ff ff"],
  ["r0 = *(u32 *)(r1 + 4)", "61 10 04 00 00 00 00 00"],
  ["r0 = *(u8 *)(r1 - 1)", "71 10 ff ff 00 00 00 00"],
  ["r2 = *(u64 *)(r10 - 8)", "79 a2 f8 ff 00 00 00 00"],
  ["w2 = *(u16 *)(r3 + 2)", "69 32 02 00 00 00 00 00"],
  ["*(u64 *)(r10 - 8) = r1", "7b 1a f8 ff 00 00 00 00"],
  ["*(u8 *)(r1 + 0) = w2", "73 21 00 00 00 00 00 00"],
  ["*(u32 *)(r1 + 0) = r2", "63 21 00 00 00 00 00 00"],
  ["if r1 > 5 goto +2", "25 01 02 00 05 00 00 00"],
  ["if r1 == r2 goto -1", "1d 21 ff ff 00 00 00 00"],
  ["if w1 s< w2 goto -3", "ce 21 fd ff 00 00 00 00"],
  ["if w1 != 7 goto +0", "56 01 00 00 07 00 00 00"],
  ["if r1 s>= -1 goto +1", "75 01 01 00 ff ff ff ff"],
  ["if r1 <= r2 goto +4", "bd 21 04 00 00 00 00 00"],
  ["goto +3", "05 00 03 00 00 00 00 00"],
  ["goto -32768", "05 00 00 80 00 00 00 00"],
  ["call 1", "85 00 00 00 01 00 00 00"],
  ["call -3", "85 00 00 00 fd ff ff ff"],
  ["exit", "95 00 00 00 00 00 00 00"],
  ["lock *(u64 *)(r1 + 0) += r2", "db 21 00 00 00 00 00 00"],
  ["lock *(u32 *)(r1 + 8) += r2", "c3 21 08 00 00 00 00 00"],
  ["lock *(u64 *)(r1 + 0) |= r2", "db 21 00 00 40 00 00 00"],
  ["lock *(u64 *)(r1 + 0) &= r2", "db 21 00 00 50 00 00 00"],
  ["lock *(u64 *)(r1 + 0) ^= r2", "db 21 00 00 a0 00 00 00"],
  ["r2 = atomic_fetch_add((u64 *)(r1 + 0), r2)", "db 21 00 00 01 00 00 00"],
  ["r2 = atomic_fetch_xor((u64 *)(r1 - 8), r2)", "db 21 f8 ff a1 00 00 00"],
  ["r0 = xchg_64(r1 + 0, r0)", "db 01 00 00 e1 00 00 00"],
  ["r0 = cmpxchg_64(r1 + 0, r0, r2)", "db 21 00 00 f1 00 00 00"],
  ["lock *(u32 *)(r1 + 0) |= w2", "c3 21 00 00 40 00 00 00"],
  ["w2 = atomic_fetch_and((u32 *)(r1 + 0), w2)", "c3 21 00 00 51 00 00 00"],
  ["w0 = xchg32_32(r1 + 0, w0)", "c3 01 00 00 e1 00 00 00"],
  ["w0 = cmpxchg32_32(r1 + 0, w0, w2)", "c3 21 00 00 f1 00 00 00"],
  ["r0 = *(u8 *)skb[4]", "30 00 00 00 04 00 00 00"],
  ["r0 = *(u32 *)skb[r1]", "40 10 00 00 00 00 00 00"],
  ["ld_pseudo r1, 1, 3", "18 11 00 00 03 00 00 00 00 00 00 00 00 00 00 00"],
];

/** ISA v4 syntax (LLVM 17+), plus LLVM syntax LLVM 14 cannot assemble. */
const V4_TABLE: ReadonlyArray<readonly [string, string]> = [
  ["r1 s/= r2", "3f 21 01 00 00 00 00 00"],
  ["w1 s/= 3", "34 01 01 00 03 00 00 00"],
  ["r1 s%= 3", "97 01 01 00 03 00 00 00"],
  ["w2 s%= w4", "9c 42 01 00 00 00 00 00"],
  ["r1 %= r2", "9f 21 00 00 00 00 00 00"],
  ["w0 = (s8)w1", "bc 10 08 00 00 00 00 00"],
  ["r0 = (s16)r1", "bf 10 10 00 00 00 00 00"],
  ["r3 = (s32)r6", "bf 63 20 00 00 00 00 00"],
  ["r1 = bswap16 r1", "d7 01 00 00 10 00 00 00"],
  ["r3 = bswap64 r3", "d7 03 00 00 40 00 00 00"],
  ["r1 = *(s8 *)(r4 + 0)", "91 41 00 00 00 00 00 00"],
  ["r3 = *(s32 *)(r6 + 8)", "81 63 08 00 00 00 00 00"],
  ["*(u32 *)(r10 - 4) = 7", "62 0a fc ff 07 00 00 00"],
  ["*(u64 *)(r1 + 8) = -1", "7a 01 08 00 ff ff ff ff"],
  ["if r3 & 4660 goto -8", "45 03 f8 ff 34 12 00 00"],
  ["if w3 & w4 goto +1", "4e 43 01 00 00 00 00 00"],
  ["gotol +5", "06 00 00 00 05 00 00 00"],
  ["callx r3", "8d 03 00 00 00 00 00 00"],
];

/** tsbpf's own spellings (lossless forms of what LLVM prints ambiguously). */
const EXTENSION_TABLE: ReadonlyArray<readonly [string, string]> = [
  ["call pc+3", "85 10 00 00 03 00 00 00"],
  ["call pc-1", "85 10 00 00 ff ff ff ff"],
  ["call kfunc 77", "85 20 00 00 4d 00 00 00"],
  ["call kfunc 77, 2", "85 20 02 00 4d 00 00 00"],
  ["r0 = *(u16 *)skb[r1 + 4]", "48 10 00 00 04 00 00 00"],
  ["ld_pseudo r1, 2, 0x800000003", "18 21 00 00 03 00 00 00 00 00 00 00 08 00 00 00"],
];

describe("llvm dialect encodings", () => {
  it.each([...TABLE, ...V4_TABLE, ...EXTENSION_TABLE])("%s", (line, bytes) => {
    expect(hexOf(line, "llvm")).toBe(bytes);
  });
});

/** `llvm-mc --show-encoding` for each line, as hex bytes; undefined where it refuses the line. */
function llvmMcEncode(mc: string, lines: readonly string[], args: readonly string[]): (string | undefined)[] {
  return lines.map((line) => {
    const r = spawnSync(mc, ["-triple=bpfel", "--show-encoding", ...args], {
      input: line + "\n",
      encoding: "utf8",
    });
    const m = /encoding: \[([^\]]*)\]/.exec(r.stdout);
    if (r.status !== 0 || !m) return undefined;
    return m[1]!
      .split(",")
      .map((b) => Number(b).toString(16).padStart(2, "0"))
      .join(" ");
  });
}

const mc14 = llvmTool("llvm-mc", 14);
const mc19 = llvmTool("llvm-mc", 19);
if (!mc14) console.log("asm: llvm-mc 14 not found, LLVM 14 encoding comparison skipped");
if (!mc19) console.log("asm: llvm-mc 19 not found, ISA v4 encoding comparison skipped");

/** Rows LLVM 14 prints but its assembler cannot parse (fetch/xchg/cmpxchg came to the parser later). */
const LLVM14_UNPARSED = TABLE.map(([l]) => l).filter((l) => /atomic_fetch|xchg/.test(l));

describe.skipIf(!mc14)("llvm dialect = llvm-mc 14's encodings", () => {
  it("every row LLVM 14 can assemble", () => {
    const refs = llvmMcEncode(
      mc14!,
      TABLE.map(([l]) => l),
      ["-mcpu=v3"],
    );
    const rows = TABLE.map(([line, bytes], i) => ({ line, bytes, ref: refs[i] }));
    // ld_pseudo is a codegen-only spelling in LLVM: it prints it but does not parse it.
    const refused = rows.filter((r) => r.ref === undefined).map((r) => r.line);
    expect(refused).toEqual([...LLVM14_UNPARSED, "ld_pseudo r1, 1, 3"]);
    for (const r of rows)
      if (r.ref !== undefined) expect(`${r.line}: ${r.ref}`).toBe(`${r.line}: ${r.bytes}`);
  });
});

describe.skipIf(!mc19)("llvm dialect = llvm-mc 19's encodings for ISA v4 and atomic syntax", () => {
  it("every v4 row and every atomic row LLVM 14 cannot parse", () => {
    const rows = [...V4_TABLE, ...TABLE.filter(([l]) => LLVM14_UNPARSED.includes(l))];
    const refs = llvmMcEncode(
      mc19!,
      rows.map(([l]) => l),
      ["-mcpu=v4"],
    );
    rows.forEach(([line, bytes], i) => expect(`${line}: ${refs[i]}`).toBe(`${line}: ${bytes}`));
  });
});

describe("llvm dialect labels, comments and listings", () => {
  it("resolves labels in slots, lddw counting two", () => {
    const src = "start:\n  r1 = 5 ll\n  if r1 > 4 goto done\n  goto start\ndone:\n  exit";
    const b = hexOf(src, "llvm").split(" ");
    expect(b.slice(16, 20).join(" ")).toBe("25 01 01 00");
    expect(b.slice(24, 28).join(" ")).toBe("05 00 fc ff");
  });

  it("puts gotol and local-call label distances in imm", () => {
    const b = hexOf("gotol L\ncall f\nL: exit\nf: exit", "llvm").split(" ");
    expect(b.slice(0, 8).join(" ")).toBe("06 00 00 00 01 00 00 00");
    expect(b.slice(8, 16).join(" ")).toBe("85 10 00 00 01 00 00 00");
  });

  it("ignores ; # and // comments and clang -S directives", () => {
    const src = "\t.text\n\t.globl\tprog\nprog:  ; entry\n\tr0 = 0 # zero\n\texit // done\n\t.size prog, 16";
    expect(hexOf(src, "llvm")).toBe("b7 00 00 00 00 00 00 00 95 00 00 00 00 00 00 00");
  });

  it("re-assembles an llvm-objdump -dr listing (raw bytes, symbols, annotations, relocations)", () => {
    const listing = [
      "",
      "t3.o:\tfile format elf64-bpf",
      "",
      "Disassembly of section xdp:",
      "",
      "0000000000000000 <prog>:",
      "       0:\t18 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00\tr2 = 0 ll",
      "\t\t0000000000000000:  R_BPF_64_64\tcounts",
      "       2:\t79 23 08 00 00 00 00 00\tr3 = *(u64 *)(r2 + 8)",
      "       3:\t15 03 01 00 00 00 00 00\tif r3 == 0 goto +1 <LBB0_2>",
      "       4:\t07 03 00 00 01 00 00 00\tr3 += 1",
      "",
      "0000000000000028 <LBB0_2>:",
      "       5:\t95 00 00 00 00 00 00 00\texit",
    ].join("\n");
    expect(hexOf(listing, "llvm")).toBe(
      "18 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 79 23 08 00 00 00 00 00 15 03 01 00 00 00 00 00 07 03 00 00 01 00 00 00 95 00 00 00 00 00 00 00",
    );
  });

  it("assembles examples/asm/count.s", () => {
    const path = resolve(import.meta.dirname, "../../examples/asm/count.s");
    if (!existsSync(path)) return;
    expect(hexOf(readFileSync(path, "utf8"), "llvm").split(" ").length).toBe(6 * 8);
  });
});

describe("llvm dialect diagnostics", () => {
  it.each([
    ["r11 = 1", AsmCode.BAD_REGISTER, 1, 1, "r11"],
    ["r1 = w2", AsmCode.REGISTER_WIDTH, 1, 6, "same width"],
    ["if r1 > w2 goto +1", AsmCode.REGISTER_WIDTH, 1, 9, "same width"],
    ["r1 = be16 r2", AsmCode.OPERAND_MISMATCH, 1, 11, "in place"],
    ["r1 = atomic_fetch_add((u64 *)(r2 + 0), r3)", AsmCode.OPERAND_MISMATCH, 1, 40, "operand register"],
    ["r1 = cmpxchg_64(r2 + 0, r0, r3)", AsmCode.OPERAND_MISMATCH, 1, 1, "r0"],
    ["r0 = *(u32 *)(r1 + 32768)", AsmCode.OFFSET_RANGE, 1, 18, "16-bit"],
    ["r0 = 4294967296", AsmCode.IMM_RANGE, 1, 6, "32 bits"],
    ["w0 = *(u64 *)(r1 + 0)", AsmCode.REGISTER_WIDTH, 1, 1, "r0"],
    ["r0 = *(s64 *)(r1 + 0)", AsmCode.BAD_OPERAND, 1, 8, "s64"],
    ["goto nowhere", AsmCode.UNDEFINED_LABEL, 1, 6, "nowhere"],
    ["goto +40000", AsmCode.OFFSET_RANGE, 1, 6, "16-bit"],
    ["r0 = frob r1", AsmCode.UNKNOWN_INSTRUCTION, 1, 1, "frob"],
    ["mov %r0, 1", AsmCode.UNKNOWN_INSTRUCTION, 1, 1, "mov %r0, 1"],
    ["   12:\t<unknown>", AsmCode.UNDECODABLE, 1, 8, "unknown"],
    ["w0 = (s32)w1", AsmCode.BAD_OPERAND, 1, 7, "s32"],
    ["lock *(u16 *)(r1 + 0) += r2", AsmCode.BAD_OPERAND, 1, 8, "u16"],
    ["r1 = 0x10000000000000000 ll", AsmCode.IMM64_RANGE, 1, 6, "64 bits"],
  ])("%s → %s", (src, code, line, column, words) => {
    const d = refusal(src, "llvm")[0]!;
    expect(d.code).toBe(code);
    expect(d.location).toMatchObject({ file: "t.s", line, column });
    expect(d.message).toContain(words);
  });

  it("hints at the dialect when given conformance syntax", () => {
    expect(refusal("mov %r0, 1", "llvm")[0]!.hint).toMatch(/conformance dialect/);
  });
});
