import {
  LLVM_ALU_OPS,
  LLVM_ATOMIC_OPS,
  LLVM_JMP_OPS,
  LLVM_SIGNED_SIZE_TYPES,
  LLVM_SIZE_TYPES,
} from "../asm/llvm-operators.js";
import { Atomic, CallSrc, lddwValue, type Instruction, type OpForm } from "../isa/index.js";
import type { FormatOptions } from "./options.js";

/**
 * Instruction text in LLVM's BPF syntax, as llvm-objdump 14 prints it (BPFInstPrinter: signed
 * decimal immediates, `+N`/`-N` branch offsets, `(rN + off)` memory operands). Forms LLVM 14
 * cannot print use the LLVM 17+ strings; the few places where LLVM 14 drops bits (LD_IND's imm,
 * ld_pseudo's high word, callx's register) print the missing part instead.
 */

const aluOps = new Map(LLVM_ALU_OPS.map(([s, op, signed]) => [`${op}:${signed}`, s]));
const jmpOps = new Map(LLVM_JMP_OPS.map(([s, op]) => [op, s]));
const atomicOps = new Map(LLVM_ATOMIC_OPS.map(([s, op, name]) => [op, { s, name }]));

const reg = (n: number, wide: boolean) => (wide ? "r" : "w") + n;
const offset = (off: number) => (off >= 0 ? `+ ${off}` : `- ${-off}`);
const mem = (base: number, off: number) => `r${base} ${offset(off)}`;
/** BPFInstPrinter::printBrTargetOperand: non-negative offsets get a `+`. */
const branch = (v: number) => (v >= 0 ? `+${v}` : `${v}`);

export function formatLlvm(insn: Instruction, form: OpForm, options: FormatOptions): string {
  const w = form.is64;
  const d = insn.dst;
  switch (form.kind) {
    case "alu": {
      const signed = form.select?.off === 1 ? 1 : 0;
      const op = aluOps.get(`${form.op}:${signed}`)!;
      const rhs = form.src.kind === "reg" ? reg(insn.src, w) : `${insn.imm}`;
      return `${reg(d, w)} ${op}= ${rhs}`;
    }
    case "mov":
      return `${reg(d, w)} = ${form.src.kind === "reg" ? reg(insn.src, w) : insn.imm}`;
    case "neg":
      return `${reg(d, w)} = -${reg(d, w)}`;
    case "movsx":
      return `${reg(d, w)} = (s${form.size})${reg(insn.src, w)}`;
    case "end":
    case "bswap":
      // LLVM prints byte-order conversions on the 64-bit register name for both classes.
      return `r${d} = ${form.mnemonic} r${d}`;
    case "ja":
      return w ? `goto ${branch(insn.off)}` : `gotol ${branch(insn.imm)}`;
    case "jcond": {
      const rhs = form.src.kind === "reg" ? reg(insn.src, w) : `${insn.imm}`;
      return `if ${reg(d, w)} ${jmpOps.get(form.op)!} ${rhs} goto ${branch(insn.off)}`;
    }
    case "call":
      if (options.distinctCalls && insn.src === CallSrc.LOCAL) return `call pc${branch(insn.imm)}`;
      if (options.distinctCalls && insn.src === CallSrc.KFUNC) {
        return `call kfunc ${insn.imm}${insn.off !== 0 ? `, ${insn.off}` : ""}`;
      }
      return `call ${insn.imm}`;
    case "callx":
      return `callx r${d}`;
    case "exit":
      return "exit";
    case "lddw": {
      const value = lddwValue(insn);
      if (insn.src === 0) return `r${d} = ${BigInt.asIntN(64, value)} ll`;
      // LLVM prints only the low word, unsigned; the high word (a map value offset) is kept here.
      return `ld_pseudo\tr${d}, ${insn.src}, ${insn.immHi ? value : insn.imm >>> 0}`;
    }
    case "ldabs":
      return `r0 = *(${LLVM_SIZE_TYPES[form.size]} *)skb[${insn.imm}]`;
    case "ldind": {
      const extra = insn.imm === 0 ? "" : ` ${insn.imm >= 0 ? "+" : "-"} ${Math.abs(insn.imm)}`;
      return `r0 = *(${LLVM_SIZE_TYPES[form.size]} *)skb[r${insn.src}${extra}]`;
    }
    case "ldx": {
      const narrow = form.size < 8 && options.alu32 === true;
      return `${reg(d, !narrow)} = *(${LLVM_SIZE_TYPES[form.size]} *)(${mem(insn.src, insn.off)})`;
    }
    case "ldxsx":
      return `r${d} = *(${LLVM_SIGNED_SIZE_TYPES[form.size]} *)(${mem(insn.src, insn.off)})`;
    case "st":
      return `*(${LLVM_SIZE_TYPES[form.size]} *)(${mem(d, insn.off)}) = ${insn.imm}`;
    case "stx": {
      const narrow = form.size < 8 && options.alu32 === true;
      return `*(${LLVM_SIZE_TYPES[form.size]} *)(${mem(d, insn.off)}) = ${reg(insn.src, !narrow)}`;
    }
    case "atomic":
      return formatAtomic(insn, form, options);
  }
}

function formatAtomic(insn: Instruction, form: OpForm, options: FormatOptions): string {
  const wide = form.size === 8;
  const type = LLVM_SIZE_TYPES[form.size]!;
  const at = mem(insn.dst, insn.off);
  // LLVM 14 without alu32 decodes only the 32-bit atomic add (XADDW), printing an r register.
  const valueWide = wide || (form.op === Atomic.ADD && options.alu32 !== true);
  const v = reg(insn.src, valueWide);
  if (form.op === Atomic.XCHG) return `${v} = xchg${wide ? "_64" : "32_32"}(${at}, ${v})`;
  if (form.op === Atomic.CMPXCHG) {
    const r0 = reg(0, wide);
    return `${r0} = cmpxchg${wide ? "_64" : "32_32"}(${at}, ${r0}, ${v})`;
  }
  const base = atomicOps.get(form.op & ~Atomic.FETCH)!;
  if (form.op & Atomic.FETCH) return `${v} = atomic_fetch_${base.name}((${type} *)(${at}), ${v})`;
  return `lock *(${type} *)(${at}) ${base.s}= ${v}`;
}
