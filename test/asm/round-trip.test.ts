import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble, type AsmDialect } from "../../runtime/asm/index.js";
import { conformanceProgram, parseConformanceFile } from "../../runtime/conformance/index.js";
import { formatDiagnosticLine } from "../../runtime/diag/diagnostic.js";
import { disassemble, formatInstruction } from "../../runtime/disasm/index.js";
import { CallSrc, decodeProgram, encodeProgram, Op, type Instruction } from "../../runtime/isa/index.js";
import { sampleInstructions } from "../disasm/samples.js";
import { hex } from "./helpers.js";

const bytesOf = (source: string, dialect: AsmDialect): string => {
  const r = assemble(source, { dialect, file: "round-trip" });
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n") + "\n" + source);
  return hex(encodeProgram(r.value));
};
const textOf = (p: readonly Instruction[], options: Parameters<typeof formatInstruction>[1]) =>
  p.map((i) => formatInstruction(i, options)).join("\n");

const ROOT = resolve(import.meta.dirname, "../../../shared/conformance/tests");
const present = existsSync(ROOT);
if (!present) console.log(`asm: conformance round trip skipped, ${ROOT} not found`);
const files = present
  ? readdirSync(ROOT)
      .filter((f) => f.endsWith(".data"))
      .sort()
  : [];

describe.skipIf(!present)("round trip of every tests/ program", () => {
  it.each(files)("%s", (file) => {
    const parsed = parseConformanceFile(readFileSync(join(ROOT, file), "latin1"), file);
    if (!parsed.ok) throw new Error(parsed.diagnostics.map(formatDiagnosticLine).join("\n"));
    const program = conformanceProgram(parsed.value);
    if (!program.ok) throw new Error(program.diagnostics.map(formatDiagnosticLine).join("\n"));
    const bytes = encodeProgram(program.value);
    // assemble → encode → decode → encode
    const decoded = decodeProgram(bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(hex(encodeProgram(decoded.value))).toBe(hex(bytes));
    // disassemble in each dialect → assemble → the same bytes
    expect(bytesOf(textOf(decoded.value, { dialect: "conformance" }), "conformance")).toBe(hex(bytes));
    expect(bytesOf(textOf(decoded.value, { dialect: "llvm", distinctCalls: true }), "llvm")).toBe(hex(bytes));
    expect(
      bytesOf(textOf(decoded.value, { dialect: "llvm", distinctCalls: true, alu32: true }), "llvm"),
    ).toBe(hex(bytes));
    // an llvm-objdump-style listing (slot numbers, raw bytes) re-assembles too
    const listing = disassemble(decoded.value, { showRawInsn: true, distinctCalls: true }).join("\n");
    expect(bytesOf(listing, "llvm")).toBe(hex(bytes));
  });
});

describe("round trip of every form of the opcode table", () => {
  const samples = sampleInstructions(40, 0xc0ffee);
  it.each([
    ["conformance", { dialect: "conformance" }],
    ["llvm, distinct calls", { dialect: "llvm", distinctCalls: true }],
    ["llvm, distinct calls, alu32", { dialect: "llvm", distinctCalls: true, alu32: true }],
  ] as const)("%s", (_name, options) => {
    const failures: string[] = [];
    for (const { form, insn } of samples) {
      const text = formatInstruction(insn, options);
      const want = hex(encodeProgram([insn]));
      const r = assemble(text, { dialect: options.dialect, file: "s" });
      const got = r.ok ? hex(encodeProgram(r.value)) : r.diagnostics.map(formatDiagnosticLine).join("; ");
      if (got !== want) failures.push(`${form.mnemonic}: '${text}' → ${got}, want ${want}`);
    }
    expect(failures).toEqual([]);
  });

  it("llvm text without distinctCalls loses only the kind of call", () => {
    for (const { insn } of samples) {
      const r = assemble(formatInstruction(insn), { dialect: "llvm" });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const back = r.value[0]!;
      if (insn.opcode === Op.CALL && (insn.src === CallSrc.LOCAL || insn.src === CallSrc.KFUNC)) {
        expect({ opcode: back.opcode, src: back.src, imm: back.imm }).toEqual({
          opcode: insn.opcode,
          src: 0,
          imm: insn.imm,
        });
      } else {
        expect(hex(encodeProgram([back]))).toBe(hex(encodeProgram([insn])));
      }
    }
  });
});
