import { Alu, Atomic, CallSrc, formOf, Jmp, lddwValue, type Instruction } from "../isa/index.js";
import { helperName } from "../uapi/helpers.js";

/**
 * Instruction text as the kernel's verifier log prints it (kernel: kernel/bpf/disasm.c,
 * print_bpf_insn): `(07) r1 += -8`, `(61) r0 = *(u32 *)(r1 +4)`, `(15) if r1 == 0x0 goto pc+3`.
 * `mapName` names the map a `lddw` loads, when known.
 */

const ALU_SYM: Record<number, string> = {
  [Alu.ADD]: "+=",
  [Alu.SUB]: "-=",
  [Alu.MUL]: "*=",
  [Alu.DIV]: "/=",
  [Alu.OR]: "|=",
  [Alu.AND]: "&=",
  [Alu.LSH]: "<<=",
  [Alu.RSH]: ">>=",
  [Alu.MOD]: "%=",
  [Alu.XOR]: "^=",
  [Alu.MOV]: "=",
  [Alu.ARSH]: "s>>=",
};

const JMP_SYM: Record<number, string> = {
  [Jmp.JEQ]: "==",
  [Jmp.JGT]: ">",
  [Jmp.JGE]: ">=",
  [Jmp.JSET]: "&",
  [Jmp.JNE]: "!=",
  [Jmp.JSGT]: "s>",
  [Jmp.JSGE]: "s>=",
  [Jmp.JLT]: "<",
  [Jmp.JLE]: "<=",
  [Jmp.JSLT]: "s<",
  [Jmp.JSLE]: "s<=",
};

const SIZE_NAME: Record<number, string> = { 1: "u8", 2: "u16", 4: "u32", 8: "u64" };
const off = (n: number) => (n >= 0 ? `+${n}` : `${n}`);
const pc = (n: number) => (n >= 0 ? `pc+${n}` : `pc${n}`);
const hex32 = (imm: number) => "0x" + (imm >>> 0).toString(16);

export function insnText(insn: Instruction, mapName?: string): string {
  const code = `(${insn.opcode.toString(16).padStart(2, "0")})`;
  return `${code} ${body(insn, mapName)}`;
}

function body(insn: Instruction, mapName?: string): string {
  const form = formOf(insn);
  if (!form) return `unknown opcode ${insn.opcode.toString(16).padStart(2, "0")}`;
  const r = (n: number) => (form.is64 ? "r" : "w") + n;
  const d = insn.dst;
  const s = insn.src;
  switch (form.kind) {
    case "alu": {
      const sym = ALU_SYM[form.op]!;
      const signed = insn.off === 1 && (form.op === Alu.DIV || form.op === Alu.MOD) ? "s" : "";
      const rhs = form.src.kind === "reg" ? r(s) : `${insn.imm}`;
      return `${r(d)} ${signed}${sym} ${rhs}`;
    }
    case "mov":
      return `${r(d)} = ${form.src.kind === "reg" ? r(s) : insn.imm}`;
    case "movsx":
      return `${r(d)} = (s${form.size})${r(s)}`;
    case "neg":
      return `${r(d)} = -${r(d)}`;
    case "end":
      return `r${d} = ${form.src.kind === "reg" ? "be" : "le"}${insn.imm} r${d}`;
    case "bswap":
      return `r${d} = bswap${insn.imm} r${d}`;
    case "ja":
      return form.is64 ? `goto ${pc(insn.off)}` : `gotol ${pc(insn.imm)}`;
    case "jcond": {
      const rhs = form.src.kind === "reg" ? r(s) : hex32(insn.imm);
      return `if ${r(d)} ${JMP_SYM[form.op]} ${rhs} goto ${pc(insn.off)}`;
    }
    case "call":
      if (insn.src === CallSrc.LOCAL) return `call ${pc(insn.imm)}`;
      if (insn.src === CallSrc.KFUNC) return `call kernel-function#${insn.imm}`;
      return `call ${helperName(insn.imm)}#${insn.imm}`;
    case "callx":
      return `call r${d}`;
    case "exit":
      return "exit";
    case "lddw": {
      if (insn.src === 1 || insn.src === 5) return `r${d} = map[${mapName ?? `id:${insn.imm}`}]`;
      if (insn.src === 2 || insn.src === 6)
        return `r${d} = map[${mapName ?? `id:${insn.imm}`}][0]+${insn.immHi ?? 0}`;
      return `r${d} = 0x${lddwValue(insn).toString(16)}`;
    }
    case "ldabs":
      return `r0 = *(${SIZE_NAME[form.size]} *)skb[${insn.imm}]`;
    case "ldind":
      return `r0 = *(${SIZE_NAME[form.size]} *)skb[r${s} + ${insn.imm}]`;
    case "ldx":
      return `r${d} = *(${SIZE_NAME[form.size]} *)(r${s} ${off(insn.off)})`;
    case "ldxsx":
      return `r${d} = *(s${form.size * 8} *)(r${s} ${off(insn.off)})`;
    case "st":
      return `*(${SIZE_NAME[form.size]} *)(r${d} ${off(insn.off)}) = ${insn.imm}`;
    case "stx":
      return `*(${SIZE_NAME[form.size]} *)(r${d} ${off(insn.off)}) = r${s}`;
    case "atomic": {
      const sz = SIZE_NAME[form.size]!;
      const w = form.size === 8 ? "64" : "";
      const mem = `(${sz} *)(r${d} ${off(insn.off)})`;
      const names: Record<number, string> = {
        [Atomic.ADD]: "add",
        [Atomic.OR]: "or",
        [Atomic.AND]: "and",
        [Atomic.XOR]: "xor",
      };
      if (insn.imm === Atomic.XCHG) return `r${s} = atomic${w}_xchg(${mem}, r${s})`;
      if (insn.imm === Atomic.CMPXCHG) return `r0 = atomic${w}_cmpxchg(${mem}, r0, r${s})`;
      const name = names[insn.imm & ~Atomic.FETCH]!;
      if (insn.imm & Atomic.FETCH) return `r${s} = atomic${w}_fetch_${name}(${mem}, r${s})`;
      const sym: Record<string, string> = { add: "+=", or: "|=", and: "&=", xor: "^=" };
      return `lock *${mem} ${sym[name]} r${s}`;
    }
  }
}
