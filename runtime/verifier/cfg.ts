import {
  CallSrc,
  Cls,
  Jmp,
  LdImm64Src,
  Op,
  opClass,
  opCode,
  slotIndex,
  type Instruction,
} from "../isa/index.js";
import { failure, VerifierCode, type Failure } from "./codes.js";

/**
 * The program's shape before any state is tracked (kernel: check_subprogs + check_cfg):
 * subprogram boundaries, jump targets, reachability, jumps out of range or into the second half
 * of a 16-byte load, and the instructions where states are compared (prune points).
 * Positions are kept both as instruction indexes (tsbpf's Instruction[]) and as 8-byte slots
 * (what the kernel calls insn indexes and prints in its log).
 */
export interface Cfg {
  /** Slot of each instruction; one extra element holds the total slot count. */
  readonly slot: readonly number[];
  /** Instruction index starting at each slot, -1 for the second half of a lddw. */
  readonly atSlot: Int32Array;
  /** First instruction index of each subprogram, ascending; subprogram 0 starts at 0. */
  readonly subprogStart: readonly number[];
  /** Subprogram of each instruction. */
  readonly subprogOf: Int32Array;
  /** Instructions where states are checkpointed and compared (kernel: mark_prune_point). */
  readonly prunePoint: Uint8Array;
  /** Targets of back edges: loop heads, where a checkpoint is always added. */
  readonly loopHead: Uint8Array;
}

export type CfgFailure = Failure & { readonly insn: number };

const isJmpClass = (op: number) => opClass(op) === Cls.JMP || opClass(op) === Cls.JMP32;

/** Target slot of a jump or local call at `slot`. */
function jumpTargetSlot(insn: Instruction, slot: number): number {
  if (insn.opcode === Op.JA32) return slot + insn.imm + 1;
  if (insn.opcode === Op.CALL) return slot + insn.imm + 1;
  return slot + insn.off + 1;
}

export function isLocalCall(insn: Instruction): boolean {
  return insn.opcode === Op.CALL && insn.src === CallSrc.LOCAL;
}

/** Successor slots of the instruction at `slot` inside its function (calls continue after the call). */
function successors(insn: Instruction, slot: number): number[] {
  const op = insn.opcode;
  if (op === Op.LDDW) return [slot + 2];
  if (!isJmpClass(op)) return [slot + 1];
  const code = opCode(op);
  if (code === Jmp.EXIT) return [];
  if (code === Jmp.CALL) return [slot + 1];
  if (code === Jmp.JA) return [jumpTargetSlot(insn, slot)];
  return [slot + 1, jumpTargetSlot(insn, slot)];
}

export function buildCfg(program: readonly Instruction[]): { cfg: Cfg } | { failure: CfgFailure } {
  const slot = slotIndex(program);
  const nslots = slot[program.length]!;
  const atSlot = new Int32Array(nslots).fill(-1);
  program.forEach((_, i) => (atSlot[slot[i]!] = i));
  const fail = (insn: number, f: Failure) => ({ failure: { ...f, insn } });

  if (program.length === 0)
    return fail(0, failure(VerifierCode.FALLS_OFF_END, "last insn is not an exit or jmp"));

  // kernel: add_subprog for every local call and every lddw of a function address
  const starts = new Set<number>([0]);
  for (let i = 0; i < program.length; i++) {
    const insn = program[i]!;
    const callee = isLocalCall(insn) || (insn.opcode === Op.LDDW && insn.src === LdImm64Src.FUNC);
    if (!callee) continue;
    const t = insn.opcode === Op.LDDW ? slot[i]! + insn.imm + 1 : jumpTargetSlot(insn, slot[i]!);
    if (t < 0 || t >= nslots || atSlot[t] === -1) {
      return fail(i, failure(VerifierCode.JUMP_OUT_OF_RANGE, `call to invalid destination`));
    }
    starts.add(atSlot[t]!);
  }
  const subprogStart = [...starts].sort((a, b) => a - b);
  const subprogOf = new Int32Array(program.length);
  for (let s = 0, i = 0; i < program.length; i++) {
    while (s + 1 < subprogStart.length && subprogStart[s + 1]! <= i) s++;
    subprogOf[i] = s;
  }

  // kernel: check_subprogs — jumps stay inside their subprogram; each ends with exit or ja
  for (let i = 0; i < program.length; i++) {
    const insn = program[i]!;
    const sp = subprogOf[i]!;
    const first = slot[subprogStart[sp]!]!;
    const end = sp + 1 < subprogStart.length ? slot[subprogStart[sp + 1]!]! : nslots;
    if (isJmpClass(insn.opcode)) {
      const code = opCode(insn.opcode);
      if (code !== Jmp.CALL && code !== Jmp.EXIT) {
        const t = jumpTargetSlot(insn, slot[i]!);
        if (t < first || t >= end) {
          return fail(
            i,
            failure(VerifierCode.JUMP_OUT_OF_RANGE, `jump out of range from insn ${slot[i]} to ${t}`),
          );
        }
      }
    }
    const last = i + 1 === program.length || subprogOf[i + 1] !== sp;
    if (last) {
      const code = opCode(insn.opcode);
      if (!isJmpClass(insn.opcode) || (code !== Jmp.EXIT && code !== Jmp.JA)) {
        return fail(i, failure(VerifierCode.FALLS_OFF_END, "last insn is not an exit or jmp"));
      }
    }
  }

  // kernel: check_cfg — depth-first walk over slots; every slot that starts an instruction must be
  // reached, and no edge may land on the second half of a lddw
  const reached = new Uint8Array(nslots);
  const prunePoint = new Uint8Array(program.length);
  const loopHead = new Uint8Array(program.length);
  const onStack = new Uint8Array(nslots);
  const done = new Uint8Array(nslots);
  type Frame = { s: number; succ: number[]; k: number };
  const walk: Frame[] = [];
  const enter = (s: number) => {
    reached[s] = 1;
    if (atSlot[s] === -1) return; // second half of a lddw: reported below
    onStack[s] = 1;
    const insn = program[atSlot[s]!]!;
    const succ = successors(insn, s);
    if (isLocalCall(insn)) succ.push(jumpTargetSlot(insn, s));
    if (insn.opcode === Op.LDDW && insn.src === LdImm64Src.FUNC) succ.push(s + insn.imm + 1);
    walk.push({ s, succ, k: 0 });
  };
  for (const st of subprogStart.slice(0, 1)) enter(slot[st]!);
  while (walk.length) {
    const top = walk[walk.length - 1]!;
    if (top.k >= top.succ.length) {
      onStack[top.s] = 0;
      done[top.s] = 1;
      walk.pop();
      continue;
    }
    const w = top.succ[top.k++]!;
    const from = atSlot[top.s]!;
    const insn = program[from]!;
    if (w < 0 || w >= nslots) {
      return fail(
        from,
        failure(VerifierCode.JUMP_OUT_OF_RANGE, `jump out of range from insn ${top.s} to ${w}`),
      );
    }
    const to = atSlot[w]!;
    if (to >= 0 && isJmpClass(insn.opcode)) {
      const code = opCode(insn.opcode);
      if (code === Jmp.CALL) {
        // kernel: visit_func_call_insn — the insn after any call; the call itself only for
        // BPF-to-BPF calls (helpers that run callbacks are added by the walk)
        if (isLocalCall(insn)) prunePoint[from] = 1;
        if (w === top.s + 1) prunePoint[to] = 1;
      } else if (code !== Jmp.EXIT) {
        prunePoint[to] = 1;
        if (code !== Jmp.JA) prunePoint[from] = 1;
      }
    }
    if (onStack[w]) {
      if (to >= 0) loopHead[to] = 1; // back edge: allowed for privileged programs (bounded loops)
      continue;
    }
    if (!reached[w]) enter(w);
  }
  for (let s = 0; s < nslots; s++) {
    const i = atSlot[s]!;
    if (i === -1) continue;
    if (!reached[s]) return fail(i, failure(VerifierCode.UNREACHABLE, `unreachable insn ${s}`));
    if (program[i]!.opcode === Op.LDDW && reached[s + 1]) {
      return fail(i, failure(VerifierCode.JUMP_INTO_LDDW, `jump into the middle of ldimm64 insn ${s}`));
    }
  }
  return { cfg: { slot, atSlot, subprogStart, subprogOf, prunePoint, loopHead } };
}
