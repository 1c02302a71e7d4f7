import { describe, expect, it } from "vitest";
import { formatInstruction } from "../../runtime/disasm/index.js";
import { Alu, Atomic, encodeProgram, Jmp, type Instruction, type OpForm } from "../../runtime/isa/index.js";
import { llvmMcDisassemble, llvmTool } from "./llvm-tools.js";
import { sampleInstructions } from "./samples.js";

/**
 * Differential test of the llvm-dialect disassembler against LLVM's own BPF instruction printer
 * (llvm-mc --disassemble prints exactly what llvm-objdump prints), over every form of the opcode
 * table with edge-biased field values. LLVM 14 is the reference; for the ISA v4 forms it cannot
 * print, LLVM 19 (when installed) is.
 */

const samples = sampleInstructions(24);
const bytes = samples.map((s) => encodeProgram([s.insn]));

/** Forms LLVM 14's decoder rejects (no MOD, JSET, ST, v4 forms; 32-bit atomics need +alu32). */
function llvm14CannotDecode(f: OpForm, alu32: boolean): boolean {
  if (f.kind === "alu" && f.op === Alu.MOD) return true;
  if (f.kind === "jcond" && f.op === Jmp.JSET) return true;
  if (f.kind === "st" || f.kind === "bswap" || f.kind === "ldxsx" || f.mnemonic === "ja32") return true;
  // Without alu32 only XADDW (add) and, misread as XADDW, fetch-add decode.
  return (
    !alu32 &&
    f.kind === "atomic" &&
    f.size === 4 &&
    f.op !== Atomic.ADD &&
    f.op !== (Atomic.ADD | Atomic.FETCH)
  );
}

/**
 * Where the text deliberately differs from LLVM 14 because LLVM 14 loses or misreads bits: it
 * ignores the signed-division offset and movsx width, reads callx's register from imm, prints a
 * 32-bit fetch-add as a plain add without alu32, drops LD_IND's imm and ld_pseudo's high word.
 */
function llvm14Misprints(f: OpForm, i: Instruction, alu32: boolean): boolean {
  if (f.select?.off === 1 || f.kind === "movsx" || f.kind === "callx") return true;
  if (!alu32 && f.kind === "atomic" && f.size === 4 && f.op === (Atomic.ADD | Atomic.FETCH)) return true;
  return laterLlvmAlsoDiffers(f, i);
}

/** The two LLVM gaps that remain in LLVM 19. */
function laterLlvmAlsoDiffers(f: OpForm, i: Instruction): boolean {
  return (f.kind === "ldind" && i.imm !== 0) || (f.kind === "lddw" && i.src !== 0 && (i.immHi ?? 0) !== 0);
}

const mc14 = llvmTool("llvm-mc", 14);
const mc19 = llvmTool("llvm-mc", 19);
if (!mc14) console.log("disasm: llvm-mc 14 not found, LLVM 14 differential tests skipped");
if (!mc19)
  console.log("disasm: llvm-mc 19 not found (apt-get install llvm-19), ISA v4 differential test skipped");

describe.skipIf(!mc14)("formatInstruction = LLVM 14's printer", () => {
  for (const alu32 of [false, true]) {
    it(`${alu32 ? "with --mattr=+alu32" : "default attributes"}: ${samples.length} instructions`, () => {
      const theirs = llvmMcDisassemble(mc14!, bytes, alu32 ? ["-mattr=+alu32"] : []);
      const mismatches: string[] = [];
      let compared = 0;
      samples.forEach(({ form, insn }, k) => {
        const ours = formatInstruction(insn, { alu32 });
        const ref = theirs[k];
        if (llvm14CannotDecode(form, alu32)) {
          if (ref !== undefined)
            mismatches.push(`${form.mnemonic}: LLVM 14 decoded it after all as '${ref}'`);
          return;
        }
        if (ref === undefined) {
          mismatches.push(
            `${form.mnemonic}: LLVM 14 could not decode [${bytes[k]!.join(",")}] (ours: ${ours})`,
          );
          return;
        }
        if (llvm14Misprints(form, insn, alu32)) return;
        compared++;
        if (ours !== ref) mismatches.push(`${form.mnemonic}: ours '${ours}' llvm '${ref}'`);
      });
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(samples.length / 2);
    });
  }
});

describe.skipIf(!mc19)("formatInstruction({ alu32: true }) = LLVM 19's printer at -mcpu=v4", () => {
  it(`every form: ${samples.length} instructions`, () => {
    const theirs = llvmMcDisassemble(mc19!, bytes, ["-mcpu=v4"]);
    const mismatches: string[] = [];
    samples.forEach(({ form, insn }, k) => {
      if (laterLlvmAlsoDiffers(form, insn)) return;
      const ours = formatInstruction(insn, { alu32: true });
      if (ours !== theirs[k]) mismatches.push(`${form.mnemonic}: ours '${ours}' llvm '${theirs[k]}'`);
    });
    expect(mismatches).toEqual([]);
  });
});
