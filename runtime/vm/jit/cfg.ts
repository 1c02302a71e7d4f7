import { registerEffects, type LoadedProgram } from "../load.js";
import { formOf } from "../../isa/table.js";
import { F_OP, F_TARGET, STRIDE, XOp } from "../predecode.js";
import { JUMP_TEMPLATES } from "../semantics.js";

/** LD_ABS / LD_IND opcodes: they can end the program, so they end their block. */
export const LD_ABS_IND: ReadonlySet<number> = new Set([0x20, 0x28, 0x30, 0x40, 0x48, 0x50]);

/** A basic block: straight-line slots, entered only at `start`. */
export interface Block {
  readonly start: number;
  /** Slots of its instructions (a lddw is one entry). */
  readonly members: readonly number[];
  /** Jump target of the last instruction, if it jumps (-1 otherwise). */
  readonly target: number;
  /** Whether control can fall through to the next block. */
  readonly fallsThrough: boolean;
  /** Whether the last instruction is a conditional jump. */
  readonly conditional: boolean;
}

/**
 * A loop the translator can write as a JavaScript `for (;;)`: blocks `head..tail` laid out one
 * after the other, where only `head` is entered from elsewhere, every block but the tail either
 * falls through to the next or leaves the loop, and the tail jumps back to the head. Such loops
 * (what clang emits for a single-path loop body) run without going through the block dispatch.
 */
export interface Loop {
  readonly head: number;
  readonly tail: number;
}

export function opAt(p: LoadedProgram, pc: number): number {
  return p.code[pc * STRIDE + F_OP]!;
}

export function isJump(op: number): boolean {
  return op === 0x05 || op === 0x06 || JUMP_TEMPLATES.has(op);
}

function endsBlock(op: number): boolean {
  return (
    isJump(op) || op === 0x95 || op === 0x85 || op === 0x8d || op === XOp.CALL_LOCAL || LD_ABS_IND.has(op)
  );
}

export function blocksOf(p: LoadedProgram): Block[] {
  const lead = new Array<boolean>(p.slots).fill(false);
  lead[0] = true;
  for (const f of p.functionStarts) lead[f] = true;
  for (let pc = 0; pc < p.slots; pc++) {
    if (p.insnAtSlot[pc] === -1) continue;
    const op = opAt(p, pc);
    const next = pc + (op === 0x18 ? 2 : 1);
    if (isJump(op)) lead[p.code[pc * STRIDE + F_TARGET]!] = true;
    if (endsBlock(op) && next < p.slots) lead[next] = true;
  }
  const blocks: Block[] = [];
  let pc = 0;
  while (pc < p.slots) {
    const start = pc;
    const members: number[] = [];
    let last = 0;
    do {
      members.push(pc);
      last = pc;
      pc += opAt(p, pc) === 0x18 ? 2 : 1;
    } while (pc < p.slots && !lead[pc]);
    const op = opAt(p, last);
    const jump = isJump(op);
    const conditional = jump && op !== 0x05 && op !== 0x06;
    blocks.push({
      start,
      members,
      target: jump ? p.code[last * STRIDE + F_TARGET]! : -1,
      fallsThrough: pc < p.slots && op !== 0x95 && (!jump || conditional),
      conditional,
    });
  }
  return blocks;
}

/**
 * For every slot, the instructions after it in its block: a translation counts a block's
 * instructions on entry and subtracts these when it leaves mid-block (a fault, a guard).
 */
export function restOfBlocks(p: LoadedProgram, blocks: readonly Block[]): Int32Array {
  const rest = new Int32Array(p.slots);
  for (const b of blocks) b.members.forEach((m, i) => (rest[m] = b.members.length - 1 - i));
  return rest;
}

/** Loops of the simple shape described at `Loop`, by index of their head block. */
export function simpleLoops(blocks: readonly Block[]): Map<number, Loop> {
  const byStart = new Map<number, number>();
  blocks.forEach((b, i) => byStart.set(b.start, i));
  // blocks that something jumps to
  const targets = new Set<number>();
  for (const b of blocks) if (b.target >= 0) targets.add(b.target);
  const loops = new Map<number, Loop>();
  blocks.forEach((b, tail) => {
    if (b.target < 0 || b.target > b.start) return;
    const head = byStart.get(b.target)!;
    if (loops.has(head)) return;
    for (let k = head; k < tail; k++) {
      const inner = blocks[k]!;
      if (k > head && targets.has(inner.start)) return;
      if (!inner.fallsThrough) return;
      // a jump inside the body must leave the loop (a forward jump within it needs the dispatch)
      if (inner.target >= 0) {
        const t = byStart.get(inner.target)!;
        if (t >= head && t <= tail) return;
      }
    }
    if (tail > head && targets.has(b.start)) return;
    loops.set(head, { head, tail });
  });
  return loops;
}

/** Registers the instruction at `pc` reads and writes, as bit masks (for liveness). */
export function readsWrites(p: LoadedProgram, pc: number): { reads: number; writes: number } {
  const i = p.instructions[p.insnAtSlot[pc]!]!;
  const form = formOf(i)!;
  const e = registerEffects(i, form);
  const op = opAt(p, pc);
  // a helper may read any register (HelperContext.reg), so every register is live at a call
  const reads = op === 0x85 || op === 0x8d ? e.reads | 0x7ff : e.reads;
  return { reads, writes: e.writes };
}

/** Registers live at each block's entry (bit masks; r10 always counts as live). */
export function liveness(p: LoadedProgram, blocks: readonly Block[]): number[] {
  const index = new Map<number, number>();
  blocks.forEach((b, i) => index.set(b.start, i));
  const effects = blocks.map((b) => b.members.map((pc) => readsWrites(p, pc)));
  const liveIn = new Array<number>(blocks.length).fill(0);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i]!;
      let live = 0;
      if (b.target >= 0) live |= liveIn[index.get(b.target)!]!;
      if (b.fallsThrough) live |= liveIn[i + 1]!;
      const e = effects[i]!;
      for (let k = e.length - 1; k >= 0; k--) live = (live & ~e[k]!.writes) | e[k]!.reads;
      live |= 1 << 10;
      if (live !== liveIn[i]) {
        liveIn[i] = live;
        changed = true;
      }
    }
  }
  return liveIn;
}
