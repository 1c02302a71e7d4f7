import { CallSrc, lddwValue, type Instruction, type OpForm } from "../isa/index.js";

/**
 * Instruction text in the bpf_conformance dialect, built from the opcode table's mnemonics, in
 * exactly the shapes runtime/asm/conformance-dialect.ts reads back (shared/conformance/README.md,
 * "The assembler dialect").
 */

const r = (n: number) => `%r${n}`;
const signed = (v: number) => (v >= 0 ? `+${v}` : `${v}`);
const mem = (base: number, off: number) => (off === 0 ? `[${r(base)}]` : `[${r(base)}${signed(off)}]`);

export function formatConformance(insn: Instruction, form: OpForm): string {
  const name = form.mnemonic;
  switch (form.kind) {
    case "alu":
    case "mov":
      return `${name} ${r(insn.dst)}, ${form.src.kind === "reg" ? r(insn.src) : insn.imm}`;
    case "neg":
    case "end":
    case "bswap":
      return `${name} ${r(insn.dst)}`;
    case "movsx":
      return `${name} ${r(insn.dst)}, ${r(insn.src)}`;
    case "ja":
      return `${name} ${signed(form.is64 ? insn.off : insn.imm)}`;
    case "jcond":
      return `${name} ${r(insn.dst)}, ${form.src.kind === "reg" ? r(insn.src) : insn.imm}, ${signed(insn.off)}`;
    case "call":
      if (insn.src === CallSrc.LOCAL) return `call local ${signed(insn.imm)}`;
      if (insn.src === CallSrc.KFUNC) return `call kfunc ${insn.imm}${insn.off !== 0 ? `, ${insn.off}` : ""}`;
      return `call ${insn.imm}`;
    case "callx":
      // The suite's spelling (callx.data); the register is the dst field.
      return `call ${r(insn.dst)}`;
    case "exit":
      return "exit";
    case "lddw": {
      const hex = "0x" + lddwValue(insn).toString(16);
      return `lddw ${r(insn.dst)}, ${hex}${insn.src !== 0 ? `, ${insn.src}` : ""}`;
    }
    case "ldabs":
      return `${name} ${insn.imm}`;
    case "ldind":
      return `${name} ${r(insn.src)}, ${insn.imm}`;
    case "ldx":
    case "ldxsx":
      return `${name} ${r(insn.dst)}, ${mem(insn.src, insn.off)}`;
    case "st":
      return `${name} ${mem(insn.dst, insn.off)}, ${insn.imm}`;
    case "stx":
    case "atomic":
      return `${name} ${mem(insn.dst, insn.off)}, ${r(insn.src)}`;
  }
}
