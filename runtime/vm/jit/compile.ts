import { VmCode } from "../codes.js";
import { VmFaultSignal } from "../fault.js";
import * as int64 from "../int64.js";
import type { LoadedProgram } from "../load.js";
import type { Machine } from "../machine.js";
import { atomicRmw } from "../memory.js";
import { STRIDE, F_OP } from "../predecode.js";
import { blocksOf, liveness, simpleLoops, type Block } from "./cfg.js";
import { Lowering } from "./lower.js";
import { compilePairs } from "./pairs.js";
import { JsStatus, MAX_OPTIMIZABLE_SOURCE, type JsProgram } from "./program.js";
import {
  N,
  P,
  REGS,
  TWO32,
  W,
  convertState,
  copyState,
  entryState,
  joinInto,
  keepLive,
  repOf,
  type State,
} from "./reps.js";

export type { JsProgram } from "./program.js";
export { JsStatus };

/**
 * Tier 2: translates a loaded (checked) program into one JavaScript function.
 *
 * Registers are typed locals (reps.ts): a forward analysis over the blocks (with liveness, and
 * bounds from unsigned jump conditions) decides, for every block entry, which registers are
 * 32-bit words, exact Numbers below 2^53, or int32 pairs, so that most arithmetic is plain
 * JavaScript arithmetic with no high half. Where an operation on a Number might reach 2^53 (a sum
 * in a loop), a guard leaves before the instruction: every exit breaks to one place that saves all
 * locals, `exit` writes the registers back by the widths recorded for that pc, and the
 * interpreter finishes the run (JsStatus.RESUME) — exact results without proofs.
 *
 * Blocks are `case`s of a dispatch `switch (pc)`; loops of the shape clang emits for single-path
 * bodies (cfg.ts `simpleLoops`) become JavaScript `for (;;)` loops inside their head's case,
 * unrolled up to four times, testing the budget once per pass (emitLoop). Elsewhere the budget is
 * tested once per block. Memory accesses cache the last region per base register (semantics.ts
 * `cacheFill`), so a loop over a packet compares a tag instead of indexing the region table.
 *
 * Programs with BPF-to-BPF calls use the pairs-only translation (pairs.ts).
 *
 * Results are identical to the interpreter's (tested), except that after a budget fault the
 * memory writes of the block that hit the limit are not done (the run is a fault either way).
 * Registers that nothing reads any more are not written back when the run goes on in the
 * interpreter; helper calls count as reading every register (HelperContext.reg), so no helper can
 * see the difference.
 */

/** Programs above this size stay in the interpreter (V8 stops optimising huge functions). */
const MAX_SLOTS = 8192;

export function canCompileJs(p: LoadedProgram): boolean {
  return p.slots <= MAX_SLOTS && !(p.uses.tailCalls && p.uses.localCalls);
}

/** Translates a program; call only when canCompileJs(p). */
export function compileJs(p: LoadedProgram): JsProgram {
  if (p.uses.localCalls) return compilePairs(p);
  const blocks = blocksOf(p);
  const rest = new Int32Array(p.slots);
  for (const b of blocks) b.members.forEach((m, i) => (rest[m] = b.members.length - 1 - i));
  const lw = new Lowering(p, rest);
  const entries = analyse(blocks, lw);
  const source = emitProgram(blocks, entries, lw);
  return instantiateProgram(p, source, rest, lw.exits);
}

/** Block-entry states by block index (undefined: unreachable). */
function analyse(blocks: readonly Block[], lw: Lowering): (State | undefined)[] {
  const index = new Map<number, number>();
  blocks.forEach((b, i) => index.set(b.start, i));
  const live = liveness(lw.p, blocks);
  const entries: (State | undefined)[] = new Array(blocks.length).fill(undefined);
  const work: number[] = [];
  const queued = new Set<number>();
  const flow = (to: number, from: State) => {
    const st = copyState(from);
    keepLive(st, live[to]!);
    const e = entries[to];
    if (e === undefined) entries[to] = st;
    else if (!joinInto(e, st)) return;
    if (!queued.has(to)) {
      queued.add(to);
      work.push(to);
    }
  };
  flow(0, entryState());
  while (work.length > 0) {
    const i = work.pop()!;
    queued.delete(i);
    const b = blocks[i]!;
    const st = copyState(entries[i]!);
    for (const pc of b.members) lw.lower(pc, st);
    const last = b.members[b.members.length - 1]!;
    if (b.target >= 0) flow(index.get(b.target)!, b.conditional ? lw.refine(last, st, true) : st);
    if (b.fallsThrough) flow(i + 1, b.conditional ? lw.refine(last, st, false) : st);
  }
  return entries;
}

/** Loops up to this many instructions per iteration are unrolled (at most UNROLL times). */
const UNROLL_INSNS = 64;
const UNROLL = 4;

function emitProgram(
  blocks: readonly Block[],
  entries: readonly (State | undefined)[],
  lw: Lowering,
): string {
  const index = new Map<number, number>();
  blocks.forEach((b, i) => index.set(b.start, i));
  const loops = simpleLoops(blocks);
  const out: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const loop = loops.get(i);
    const reachable = loop ? blocks.slice(i, loop.tail + 1).every((_, k) => entries[i + k]) : entries[i];
    if (!reachable) continue;
    if (!loop) {
      out.push(`case ${blocks[i]!.start}:` + emitBlock(blocks, entries, lw, i, index, undefined));
      continue;
    }
    out.push(`case ${blocks[i]!.start}:` + emitLoop(blocks, entries, lw, i, loop.tail, index));
    i = loop.tail;
  }
  let decl = "let _=0";
  for (let r = 0; r < REGS; r++) {
    decl += `,w${r}=0,n${r}=0,l${r}=L[${r}],h${r}=H[${r}]`;
    // region cache for accesses based on r (semantics.ts cacheFill)
    decl += `,cT${r}=-1,cB${r}=NOBYTES,cV${r}=NOVIEW,cS${r}=0,cW${r}=false`;
  }
  // every exit to the interpreter breaks out to one place that saves all locals for `exit`
  let save = "";
  for (let r = 0; r < REGS; r++)
    save += `S[${4 * r}]=w${r};S[${4 * r + 1}]=n${r};S[${4 * r + 2}]=l${r};S[${4 * r + 3}]=h${r};`;
  return (
    "return function run(m){" +
    "const L=m.L,H=m.H,mem=m.mem,regions=mem.regions,budget=m.budget;" +
    decl +
    ";let pc=m.pc,insns=m.insns,cur=0,bp=0,bi=0;" +
    "try{X:{D:for(;;){switch(pc){\n" +
    out.join("\n") +
    `\ndefault:cur=pc;m.raise("${VmCode.INTERNAL}","JS tier: no block at pc "+pc);}}}` +
    `${save}return exit(m,bp,bi);}` +
    // registers need no write-back on a fault: a faulted run's registers are not observable
    "catch(e){if(cur>=0){m.pc=cur;m.insns=insns-rest[cur];}throw e;}}"
  );
}

/**
 * A simple loop (blocks head..tail) as `for (;;)`, its body repeated up to UNROLL times. The
 * budget is tested once per pass, for every instruction the pass could run; when that much is not
 * left, the interpreter takes over at the head and stops at the exact instruction. Inside a pass
 * blocks only add their length, so every exit (side exit, guard, fault) still sees exact counts.
 */
function emitLoop(
  blocks: readonly Block[],
  entries: readonly (State | undefined)[],
  lw: Lowering,
  head: number,
  tail: number,
  index: ReadonlyMap<number, number>,
): string {
  let perPass = 0;
  for (let k = head; k <= tail; k++) perPass += blocks[k]!.members.length;
  const copies = Math.max(1, Math.min(UNROLL, Math.floor(UNROLL_INSNS / perPass)));
  const start = blocks[head]!.start;
  const total = perPass * copies;
  let code = `for(;;){if(insns+${total}>budget)${lw.bail(start, entries[head]!, 0)}\n`;
  for (let c = 0; c < copies; c++) {
    const loop: LoopEmit = { head, last: c === copies - 1 };
    for (let k = head; k <= tail; k++) code += emitBlock(blocks, entries, lw, k, index, loop);
  }
  return code + "}";
}

/** How emitBlock writes the blocks of a simple loop: the back edge continues the `for` only
 * from the last copy; earlier copies fall into the next one. */
interface LoopEmit {
  readonly head: number;
  readonly last: boolean;
}

/** One block's code; inside a loop (`loop`), the tail's back edge and fall-through as LoopEmit says. */
function emitBlock(
  blocks: readonly Block[],
  entries: readonly (State | undefined)[],
  lw: Lowering,
  i: number,
  index: ReadonlyMap<number, number>,
  loop: LoopEmit | undefined,
): string {
  const b = blocks[i]!;
  const st = copyState(entries[i]!);
  const len = b.members.length;
  // loops test the budget once per pass (emitLoop)
  let code = loop
    ? `insns+=${len};\n`
    : `if((insns+=${len})>budget){insns-=${len};cur=-1;bf(m,${b.start},insns);}\n`;
  const last = b.members[len - 1]!;
  const backEdge = loop !== undefined && b.target === blocks[loop.head]!.start;
  for (const pc of b.members) {
    const l = lw.lower(pc, st);
    code += l.code;
    if (pc !== last || b.target < 0) continue;
    const t = index.get(b.target)!;
    const toTarget = convertState(st, entries[t]!);
    const toNext = b.fallsThrough && entries[i + 1] ? convertState(st, entries[i + 1]!) : "";
    if (!backEdge) {
      const jump = toTarget + `pc=${b.target};continue D;`;
      code += l.cond !== undefined ? `if${l.cond}{${jump}}` : jump;
      break;
    }
    if (l.cond === undefined) {
      code += toTarget + (loop!.last ? "continue;" : "");
    } else if (loop!.last) {
      code += `if${l.cond}{${toTarget}continue;}${toNext}break;`;
    } else {
      // an earlier copy: go on into the next copy, or leave the loop
      code += `if(!${l.cond}){${toNext}break;}${toTarget}`;
    }
    return code + "\n";
  }
  if (b.fallsThrough && entries[i + 1]) code += convertState(st, entries[i + 1]!);
  return code + "\n";
}

function instantiateProgram(
  p: LoadedProgram,
  source: string,
  rest: Int32Array,
  exits: ReadonlyMap<number, readonly number[]>,
): JsProgram {
  // the locals of every register (w, n, l, h) as saved by the translation's exit code
  const saved = new Float64Array(4 * REGS);
  const exit = (m: Machine, pc: number, insns: number): number => {
    const widths = exits.get(pc)!;
    for (let r = 0; r < REGS; r++) {
      const rep = repOf(widths[r]!);
      if (rep === W) {
        m.L[r] = saved[4 * r]!;
        m.H[r] = 0;
      } else if (rep === N) {
        const n = saved[4 * r + 1]!;
        m.L[r] = n % TWO32;
        m.H[r] = Math.floor(n / TWO32);
      } else if (rep === P) {
        m.L[r] = saved[4 * r + 2]!;
        m.H[r] = saved[4 * r + 3]!;
      }
    }
    m.pc = pc;
    m.insns = insns;
    return JsStatus.RESUME;
  };
  const budgetFault = (m: Machine, start: number, done: number) => {
    // the instruction that would exceed the budget: walk the block's straight-line slots
    let at = start;
    for (let k = 0; k < m.budget - done; k++) at += p.code[at * STRIDE + F_OP] === 0x18 ? 2 : 1;
    m.pc = at;
    m.insns = m.budget;
    throw new VmFaultSignal({
      code: VmCode.BUDGET_EXCEEDED,
      message: `instruction budget of ${m.budget} exhausted`,
    });
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function(
    "prog",
    "helpers",
    "rest",
    "bf",
    "OUT",
    "mul64Hi",
    "div64",
    "mod64",
    "sdiv64",
    "smod64",
    "div32",
    "mod32",
    "sdiv32",
    "smod32",
    "bswap32",
    "atomicRmw",
    "NOBYTES",
    "NOVIEW",
    "S",
    "exit",
    source,
  ) as (...deps: unknown[]) => (m: Machine) => number;
  const run = factory(
    p,
    p.helpers,
    rest,
    budgetFault,
    int64.OUT,
    int64.mul64Hi,
    int64.div64,
    int64.mod64,
    int64.sdiv64,
    int64.smod64,
    int64.div32,
    int64.mod32,
    int64.sdiv32,
    int64.smod32,
    int64.bswap32,
    atomicRmw,
    new Uint8Array(0),
    new DataView(new ArrayBuffer(0)),
    saved,
    exit,
  );
  return { run, source, optimizable: source.length <= MAX_OPTIMIZABLE_SOURCE };
}
