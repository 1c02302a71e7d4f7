import { CallSrc, formOf, Op, type Instruction } from "../isa/index.js";
import type { Cfg } from "./cfg.js";
import { HELPER_BY_ID } from "./helpers.js";

/**
 * Registers live before each instruction (kernel: compute_live_registers, Linux 6.15+): a
 * backward dataflow over each function's control flow. A register that no path reads before
 * writing it cannot make two states differ, so pruning ignores it (kernel: clean_func_state).
 * Bit r of the mask is register r.
 */

const CALLER_SAVED = 0b111111; // r0-r5
const ARGS = 0b111110; // r1-r5
const bit = (r: number) => 1 << r;

function useDef(insn: Instruction): { use: number; def: number } {
  const form = formOf(insn);
  if (!form) return { use: 0x7ff, def: 0 };
  const srcReg = form.src.kind === "reg" ? bit(insn.src) : 0;
  switch (form.kind) {
    case "mov":
    case "movsx":
      return { use: srcReg, def: bit(insn.dst) };
    case "alu":
      return { use: srcReg | bit(insn.dst), def: bit(insn.dst) };
    case "neg":
    case "end":
    case "bswap":
      return { use: bit(insn.dst), def: bit(insn.dst) };
    case "lddw":
      return { use: 0, def: bit(insn.dst) };
    case "ldx":
    case "ldxsx":
      return { use: bit(insn.src), def: bit(insn.dst) };
    case "st":
      return { use: bit(insn.dst), def: 0 };
    case "stx":
      return { use: bit(insn.dst) | bit(insn.src), def: 0 };
    case "atomic": {
      const cmpxchg = insn.imm === 0xf1;
      const fetch = (insn.imm & 1) !== 0;
      return {
        use: bit(insn.dst) | bit(insn.src) | (cmpxchg ? bit(0) : 0),
        def: cmpxchg ? bit(0) : fetch ? bit(insn.src) : 0,
      };
    }
    case "ldabs":
      return { use: bit(6), def: CALLER_SAVED };
    case "ldind":
      return { use: bit(6) | bit(insn.src), def: CALLER_SAVED };
    case "jcond":
      return { use: bit(insn.dst) | srcReg, def: 0 };
    case "ja":
      return { use: 0, def: 0 };
    case "call": {
      if (insn.src === CallSrc.HELPER) {
        const proto = HELPER_BY_ID.get(insn.imm);
        const n = proto ? proto.args.length : 5;
        return { use: ARGS & ((1 << (n + 1)) - 1), def: CALLER_SAVED };
      }
      return { use: ARGS, def: CALLER_SAVED };
    }
    case "callx":
      return { use: ARGS | bit(insn.dst), def: CALLER_SAVED };
    case "exit":
      return { use: bit(0), def: 0 };
  }
}

export function computeLiveRegs(program: readonly Instruction[], cfg: Cfg): Uint16Array {
  const n = program.length;
  const use = new Uint16Array(n);
  const def = new Uint16Array(n);
  const succ: number[][] = [];
  for (let i = 0; i < n; i++) {
    const insn = program[i]!;
    const ud = useDef(insn);
    use[i] = ud.use;
    def[i] = ud.def;
    const form = formOf(insn);
    const s: number[] = [];
    const target = (off: number) => cfg.atSlot[cfg.slot[i]! + off + 1]!;
    if (form?.kind === "exit") {
      // no successor inside the function
    } else if (form?.kind === "ja") s.push(target(insn.opcode === Op.JA32 ? insn.imm : insn.off));
    else if (form?.kind === "jcond") s.push(i + 1, target(insn.off));
    else if (i + 1 < n) s.push(i + 1);
    succ.push(s.filter((t) => t >= 0 && t < n && cfg.subprogOf[t] === cfg.subprogOf[i]));
  }
  const live = new Uint16Array(n);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      let out = 0;
      for (const t of succ[i]!) out |= live[t]!;
      const v = use[i]! | (out & ~def[i]!);
      if (v !== live[i]) {
        live[i] = v;
        changed = true;
      }
    }
  }
  return live;
}
