import { CallSrc, formOf, Op, type Instruction } from "../isa/index.js";
import type { Cfg } from "./cfg.js";
import type { LddwTarget } from "./env.js";
import { HELPER_BY_ID } from "./helpers.js";

/**
 * Scalars whose exact value may matter, before each instruction (the static counterpart of the
 * kernel's precision marks: mark_chain_precision / backtrack_insn). A scalar matters when some path
 * from here carries its value, through register copies and arithmetic, into something the verifier
 * checks by value: a conditional jump, a memory address or stored value, a helper or function
 * argument, pointer arithmetic, or a return value whose range is checked. Any other scalar — a
 * running sum that is only returned from an XDP program, say — can differ between two states
 * without making one safe and the other not, so pruning (statesEqual) compares it by type only.
 *
 * The kernel finds this per path by walking back from each check; a backward dataflow over the
 * whole function finds a superset of those registers, which prunes a little less but never more.
 * Stack slots are always compared exactly (stores make their source register precise), so only
 * registers are relaxed. Bit r of each mask is register r.
 */

const ARGS = 0b111110; // r1-r5
const CALLER_SAVED = 0b111111; // r0-r5
const bit = (r: number) => 1 << r;

/**
 * Registers that may hold a pointer before each instruction (a forward dataflow): decides whether
 * `dst += src` is scalar arithmetic (the result carries both values) or pointer arithmetic (the
 * scalar operand becomes part of a pointer and is checked, kernel: adjust_ptr_min_max_vals).
 */
function maybePointers(
  program: readonly Instruction[],
  cfg: Cfg,
  succ: readonly (readonly number[])[],
  lddw: ReadonlyMap<number, LddwTarget>,
): Uint16Array {
  const n = program.length;
  const ptrIn = new Uint16Array(n);
  const seen = new Uint8Array(n);
  const work: number[] = [];
  cfg.subprogStart.forEach((s, k) => {
    // main: r1 = ctx; a subprogram or callback: any argument may be a pointer
    ptrIn[s] = bit(10) | (k === 0 ? bit(1) : ARGS);
    seen[s] = 1;
    work.push(s);
  });
  while (work.length) {
    const i = work.pop()!;
    const out = pointerTransfer(program[i]!, ptrIn[i]!, lddw.has(i));
    for (const t of succ[i]!) {
      const merged = ptrIn[t]! | out;
      if (seen[t] && merged === ptrIn[t]) continue;
      seen[t] = 1;
      ptrIn[t] = merged;
      work.push(t);
    }
  }
  return ptrIn;
}

function pointerTransfer(insn: Instruction, mask: number, lddwIsPointer: boolean): number {
  const form = formOf(insn);
  if (!form) return mask;
  const d = bit(insn.dst);
  const srcPtr = form.src.kind === "reg" && (mask & bit(insn.src)) !== 0;
  switch (form.kind) {
    case "mov":
      return form.is64 && srcPtr ? mask | d : mask & ~d;
    case "movsx":
    case "neg":
    case "end":
    case "bswap":
    case "ldxsx":
      return mask & ~d;
    case "alu":
      if (!form.is64) return mask & ~d;
      return srcPtr ? mask | d : mask;
    case "lddw":
      return lddwIsPointer ? mask | d : mask & ~d;
    case "ldx":
      // narrow loads are scalars (no pointer field is 1 or 2 bytes); wider ones may be a ctx
      // pointer field (data, data_end) or a spilled pointer
      return form.size >= 4 ? mask | d : mask & ~d;
    case "atomic": {
      const cmpxchg = insn.imm === 0xf1;
      const fetch = (insn.imm & 1) !== 0;
      return cmpxchg ? mask | bit(0) : fetch ? mask | bit(insn.src) : mask;
    }
    case "ldabs":
    case "ldind":
      return mask & ~CALLER_SAVED;
    case "call": {
      const rest = mask & ~CALLER_SAVED;
      if (insn.src !== CallSrc.HELPER) return rest; // BPF functions return scalars
      const ret = HELPER_BY_ID.get(insn.imm)?.ret;
      return ret === "integer" || ret === "void" ? rest : rest | bit(0);
    }
    default:
      return mask;
  }
}

/**
 * Registers whose values must be compared by range when pruning, before each instruction.
 * `r0Checked` says whether the main program's exit checks r0's range (kernel: check_return_code).
 */
export function computePreciseRegs(
  program: readonly Instruction[],
  cfg: Cfg,
  succ: readonly (readonly number[])[],
  lddw: ReadonlyMap<number, LddwTarget>,
  r0Checked: boolean,
): Uint16Array {
  const n = program.length;
  const ptr = maybePointers(program, cfg, succ, lddw);
  const need = new Uint16Array(n);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      let out = 0;
      for (const t of succ[i]!) out |= need[t]!;
      const insn = program[i]!;
      const v = preciseTransfer(insn, out, ptr[i]!, r0Checked || cfg.subprogOf[i] !== 0);
      if (v !== need[i]) {
        need[i] = v;
        changed = true;
      }
    }
  }
  return need;
}

function preciseTransfer(insn: Instruction, out: number, ptr: number, r0Checked: boolean): number {
  const form = formOf(insn);
  if (!form) return 0x7ff;
  const d = bit(insn.dst);
  const s = form.src.kind === "reg" ? bit(insn.src) : 0;
  const dstNeeded = (out & d) !== 0;
  switch (form.kind) {
    case "mov":
    case "movsx":
      return (out & ~d) | (dstNeeded ? s : 0);
    case "neg":
    case "end":
    case "bswap":
      return out;
    case "alu": {
      let v = out & ~d;
      if (dstNeeded) v |= d | s;
      // pointer arithmetic: the scalar operand is checked and becomes the pointer's offset
      if (ptr & d) v |= s;
      if (ptr & s) v |= d;
      return v;
    }
    case "lddw":
      return out & ~d;
    case "ldx":
    case "ldxsx":
      return (out & ~d) | bit(insn.src);
    case "st":
      return out | d;
    case "stx":
      return out | d | s;
    case "atomic": {
      const cmpxchg = insn.imm === 0xf1;
      const fetch = (insn.imm & 1) !== 0;
      const def = cmpxchg ? bit(0) : fetch ? s : 0;
      return (out & ~def) | d | s | (cmpxchg ? bit(0) : 0);
    }
    case "ldabs":
      return (out & ~CALLER_SAVED) | bit(6);
    case "ldind":
      return (out & ~CALLER_SAVED) | bit(6) | s;
    case "jcond":
      return out | d | s;
    case "ja":
      return out;
    case "call": {
      let uses = ARGS;
      if (insn.src === CallSrc.HELPER) {
        const proto = HELPER_BY_ID.get(insn.imm);
        if (proto) uses = ARGS & ((1 << (proto.args.length + 1)) - 1);
      }
      return (out & ~CALLER_SAVED) | uses;
    }
    case "callx":
      return (out & ~CALLER_SAVED) | ARGS | d;
    case "exit":
      return r0Checked ? bit(0) : 0;
  }
}

/** Successors of each instruction inside its own function (calls continue after the call). */
export function functionSuccessors(program: readonly Instruction[], cfg: Cfg): number[][] {
  const n = program.length;
  const succ: number[][] = [];
  for (let i = 0; i < n; i++) {
    const insn = program[i]!;
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
  return succ;
}
