import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { AsmCode } from "../../runtime/asm/index.js";
import { conformanceProgram, parseConformanceFile } from "../../runtime/conformance/index.js";
import { hexOf, refusal } from "./helpers.js";

/**
 * The conformance dialect, one row per operand shape. Expected bytes follow the encodings in
 * shared/conformance/README.md ("Every mnemonic used in tests/"): opcode, dst|src<<4, off (LE16),
 * imm (LE32).
 */
describe("conformance dialect encodings", () => {
  it.each([
    ["mov %r0, 1", "b7 00 00 00 01 00 00 00"],
    ["mov %r1, -10", "b7 01 00 00 f6 ff ff ff"],
    ["mov %r1, 0xffffffff", "b7 01 00 00 ff ff ff ff"],
    ["mov %r1, 0x80000000", "b7 01 00 00 00 00 00 80"],
    ["mov32 %r2, %r3", "bc 32 00 00 00 00 00 00"],
    ["add %r1, %r2", "0f 21 00 00 00 00 00 00"],
    ["add32 %r1, 7", "04 01 00 00 07 00 00 00"],
    ["sub %r9, %r10", "1f a9 00 00 00 00 00 00"],
    ["div %r1, 3", "37 01 00 00 03 00 00 00"],
    ["sdiv %r1, 3", "37 01 01 00 03 00 00 00"],
    ["sdiv32 %r1, %r2", "3c 21 01 00 00 00 00 00"],
    ["mod %r1, %r2", "9f 21 00 00 00 00 00 00"],
    ["smod32 %r0, -3", "94 00 01 00 fd ff ff ff"],
    ["arsh32 %r0, 4", "c4 00 00 00 04 00 00 00"],
    ["lsh32 %r0, -4", "64 00 00 00 fc ff ff ff"],
    ["neg %r3", "87 03 00 00 00 00 00 00"],
    ["neg32 %r3", "84 03 00 00 00 00 00 00"],
    ["movsx864 %r6, %r5", "bf 56 08 00 00 00 00 00"],
    ["movsx1632 %r4, %r3", "bc 34 10 00 00 00 00 00"],
    ["movsx3264 %r0, %r9", "bf 90 20 00 00 00 00 00"],
    ["be16 %r0", "dc 00 00 00 10 00 00 00"],
    ["le64 %r0", "d4 00 00 00 40 00 00 00"],
    ["swap32 %r0", "d7 00 00 00 20 00 00 00"],
    ["bswap32 %r0", "d7 00 00 00 20 00 00 00"],
    ["lddw %r0, 0x1122334455667788", "18 00 00 00 88 77 66 55 00 00 00 00 44 33 22 11"],
    ["lddw %r0, 2147483648", "18 00 00 00 00 00 00 80 00 00 00 00 00 00 00 00"],
    ["lddw %r1, -1", "18 01 00 00 ff ff ff ff 00 00 00 00 ff ff ff ff"],
    ["lddw %r1, 0x10, 2", "18 21 00 00 10 00 00 00 00 00 00 00 00 00 00 00"],
    ["ldxb %r0, [%r1]", "71 10 00 00 00 00 00 00"],
    ["ldxh %r0, [%r1+2]", "69 10 02 00 00 00 00 00"],
    ["ldxw %r2, [%r10-4]", "61 a2 fc ff 00 00 00 00"],
    ["ldxdw %r0, [%r1+0x10]", "79 10 10 00 00 00 00 00"],
    ["ldxsb %r0, [%r1+1]", "91 10 01 00 00 00 00 00"],
    ["ldxsw %r0, [%r1-1]", "81 10 ff ff 00 00 00 00"],
    ["stb [%r1+2], 0x11", "72 01 02 00 11 00 00 00"],
    ["stdw [%r10-8], -1", "7a 0a f8 ff ff ff ff ff"],
    ["stxh [%r1+2], %r2", "6b 21 02 00 00 00 00 00"],
    ["stxdw [%r10-8], %r1", "7b 1a f8 ff 00 00 00 00"],
    ["lock add [%r10-8], %r1", "db 1a f8 ff 00 00 00 00"],
    ["lock add32 [%r10-8], %r1", "c3 1a f8 ff 00 00 00 00"],
    ["lock fetch xor32 [%r10-4], %r3", "c3 3a fc ff a1 00 00 00"],
    ["lock xchg [%r10-8], %r1", "db 1a f8 ff e1 00 00 00"],
    ["lock cmpxchg32 [%r10-8], %r1", "c3 1a f8 ff f1 00 00 00"],
    ["ja +1", "05 00 01 00 00 00 00 00"],
    ["ja -2", "05 00 fe ff 00 00 00 00"],
    ["ja32 +3", "06 00 00 00 03 00 00 00"],
    ["jeq %r1, 0x80000000, +1", "15 01 01 00 00 00 00 80"],
    ["jne %r1, %r2, -1", "5d 21 ff ff 00 00 00 00"],
    ["jset32 %r1, 4, +0", "46 01 00 00 04 00 00 00"],
    ["jsle32 %r1, %r2, +5", "de 21 05 00 00 00 00 00"],
    ["call 5", "85 00 00 00 05 00 00 00"],
    ["call helper 5", "85 00 00 00 05 00 00 00"],
    ["call local +2", "85 10 00 00 02 00 00 00"],
    ["call runtime 7", "85 20 00 00 07 00 00 00"],
    ["call kfunc 7, 2", "85 20 02 00 07 00 00 00"],
    ["call %r2", "8d 02 00 00 00 00 00 00"],
    ["callx %r2", "8d 02 00 00 00 00 00 00"],
    ["exit", "95 00 00 00 00 00 00 00"],
    ["ldabsh 12", "28 00 00 00 0c 00 00 00"],
    ["ldindb %r3, 4", "50 30 00 00 04 00 00 00"],
  ])("%s", (line, bytes) => {
    expect(hexOf(line, "conformance")).toBe(bytes);
  });
});

describe("conformance dialect labels", () => {
  it("counts label distances in slots, lddw taking two", () => {
    const src = "ja L\nlddw %r0, 1\nL:\njne %r0, 1, L\nexit";
    expect(hexOf(src, "conformance").split(" ").slice(0, 4).join(" ")).toBe("05 00 02 00");
    expect(hexOf(src, "conformance").split(" ").slice(24, 28).join(" ")).toBe("55 00 ff ff");
  });

  it("defines the implicit 'exit' label at the first exit", () => {
    const src = "jne %r0, 0x10, exit\nmov %r0, 1\nexit\nmov %r0, 2\nexit";
    expect(hexOf(src, "conformance").split(" ").slice(0, 4).join(" ")).toBe("55 00 01 00");
  });

  it("lets a declared exit: label win over the implicit one", () => {
    const src = "ja exit\nexit\nexit:\nexit";
    expect(hexOf(src, "conformance").split(" ").slice(0, 4).join(" ")).toBe("05 00 01 00");
  });

  it("puts ja32 and local call distances in imm", () => {
    const src = "ja32 L\ncall local f\nL:\nexit\nf:\nexit";
    const bytes = hexOf(src, "conformance").split(" ");
    expect(bytes.slice(0, 8).join(" ")).toBe("06 00 00 00 01 00 00 00");
    expect(bytes.slice(8, 16).join(" ")).toBe("85 10 00 00 01 00 00 00");
  });

  it("accepts an instruction after a label on the same line", () => {
    expect(hexOf("top: ja top", "conformance")).toBe("05 00 ff ff 00 00 00 00");
  });

  it("records each instruction's source line", () => {
    const r = parseConformanceFile("-- asm\n\nmov %r0, 1\nexit\n-- result\n1", "s.data");
    const p = r.ok ? conformanceProgram(r.value) : r;
    expect(p.ok && p.value.map((i) => i.meta?.source?.line)).toEqual([3, 4]);
  });
});

describe("conformance dialect diagnostics", () => {
  it.each([
    ["or %r0, %r50", AsmCode.BAD_REGISTER, 1, 9, "%r50"],
    ["ldxq %r0, %r1", AsmCode.UNKNOWN_INSTRUCTION, 1, 1, "ldxq"],
    ["ldxb %r0, %r1", AsmCode.BAD_OPERAND, 1, 11, "memory operand"],
    ["ldxb %r0, [%r1+0x10000]", AsmCode.OFFSET_RANGE, 1, 15, "16-bit"],
    ["mov32 %r0, 2147483648", AsmCode.IMM_RANGE, 1, 12, "32 bits"],
    ["mov32 %r0, 0x100000000", AsmCode.IMM_RANGE, 1, 12, "32 bits"],
    ["lddw %r0", AsmCode.OPERAND_COUNT, 1, 1, "2 operands"],
    ["lddw %r0, 0x10000000000000000", AsmCode.IMM64_RANGE, 1, 11, "64 bits"],
    ["ja NOT_A_LABEL", AsmCode.UNDEFINED_LABEL, 1, 4, "NOT_A_LABEL"],
    ["ja 3", AsmCode.BAD_OPERAND, 1, 4, "+N"],
    ["ja +32768", AsmCode.OFFSET_RANGE, 1, 4, "16-bit"],
    ["lock or [%r10-8]", AsmCode.OPERAND_COUNT, 1, 1, "lock or"],
    ["lock", AsmCode.OPERAND_COUNT, 1, 1, "lock"],
    ["mov %r1,%r2", AsmCode.BAD_OPERAND, 1, 5, "comma"],
    ["mov r1, 2", AsmCode.BAD_OPERAND, 1, 5, "register"],
    ["mov %r1, twelve", AsmCode.BAD_NUMBER, 1, 10, "not a number"],
    ["exit %r0", AsmCode.OPERAND_COUNT, 1, 6, "0 operands"],
    ["a:\na:\nexit", AsmCode.DUPLICATE_LABEL, 2, 1, "already defined at line 1"],
    ["stw [%r1], %r2", AsmCode.BAD_OPERAND, 1, 12, "immediate"],
  ])("%s → %s", (src, code, line, column, words) => {
    const d = refusal(src, "conformance")[0]!;
    expect(d.code).toBe(code);
    expect(d.location).toMatchObject({ file: "t.s", line, column });
    expect(d.message).toContain(words);
  });

  it("reports every bad line, not only the first", () => {
    expect(refusal("ldxq %r0\nmov %r0, %r11\nexit", "conformance").map((d) => d.location?.line)).toEqual([
      1, 2,
    ]);
  });

  it("suggests the closest mnemonic", () => {
    expect(refusal("ldxq %r0, [%r1]", "conformance")[0]!.hint).toMatch(/did you mean 'ldx[bhw]'/);
  });
});

const ROOT = resolve(import.meta.dirname, "../../../shared/conformance/negative");
const present = existsSync(ROOT);
if (!present) console.log(`asm: negative conformance files skipped, ${ROOT} not found`);

/** negative/ files that upstream's assembler refuses: each must be refused by ours, at the right line. */
describe.skipIf(!present)("negative/ assembler cases", () => {
  it.each([
    ["invalid_register.data", AsmCode.BAD_REGISTER, "%r50"],
    ["invalid_mnemonic.data", AsmCode.UNKNOWN_INSTRUCTION, "ldxq"],
    ["invalid_offset.data", AsmCode.BAD_OPERAND, "memory operand"],
    ["invalid_offset_range.data", AsmCode.OFFSET_RANGE, "0x10000"],
    ["invalid_imm32_dec_range.data", AsmCode.IMM_RANGE, "2147483648"],
    ["invalid_imm32_hex_range.data", AsmCode.IMM_RANGE, "0x100000000"],
    ["invalid_operand_count.data", AsmCode.OPERAND_COUNT, "lddw"],
    ["invalid_label.data", AsmCode.UNDEFINED_LABEL, "NOT_A_LABEL"],
    ["invalid_lock.data", AsmCode.OPERAND_COUNT, "lock"],
    ["invalid_lock2.data", AsmCode.OPERAND_COUNT, "lock"],
  ])("%s", (file, code, words) => {
    const text = readFileSync(join(ROOT, file), "latin1");
    const parsed = parseConformanceFile(text, file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const r = conformanceProgram(parsed.value);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const d = r.diagnostics[0]!;
    expect(d.code).toBe(code);
    expect(d.message).toContain(words);
    // The first program line of the file is the offending one in every case.
    expect(d.location?.line).toBe(parsed.value.asm!.firstLine);
    expect(d.location?.file).toBe(file);
  });
});
