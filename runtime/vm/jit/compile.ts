import { VmCode } from "../codes.js";
import { instantiateGenerated } from "../generated.js";
import type { LoadedProgram } from "../load.js";
import type { Machine } from "../machine.js";
import { budgetFault, countBlock } from "./budget.js";
import { blocksOf, liveness, readsWrites, restOfBlocks, simpleLoops, type Block } from "./cfg.js";
import { Lowering, type GuardedAdd } from "./lower.js";
import { compilePairs } from "./pairs.js";
import { JsStatus, MAX_OPTIMIZABLE_SOURCE, type JsProgram } from "./program.js";
import {
  MAX_SAFE,
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
  num,
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
  const rest = restOfBlocks(p, blocks);
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
    ";let pc=m.pc,insns=m.insns,cur=0,ahead=0,bp=0,bi=0;" +
    "try{X:{D:for(;;){switch(pc){\n" +
    out.join("\n") +
    `\ndefault:cur=pc;m.raise("${VmCode.INTERNAL}","JS tier: no block at pc "+pc);}}}` +
    `${save}return exit(m,bp,bi);}` +
    // registers need no write-back on a fault: a faulted run's registers are not observable
    "catch(e){if(cur>=0){m.pc=cur;m.insns=insns-rest[cur]-ahead;}throw e;}}"
  );
}

/**
 * A simple loop (blocks head..tail) as `for (;;)`, its body repeated up to UNROLL times. The
 * budget is tested once per pass, for every instruction the pass could run; when that much is not
 * left, the interpreter takes over at the head and stops at the exact instruction. The pass's
 * instructions are counted at its head too, and every way out of it (the loop's exits, guards,
 * faults) subtracts those it did not run (Lowering.ahead), so counts stay exact.
 *
 * Sums that might reach 2^53 (hoistGuards) are tested at the head as well: a register that the
 * pass changes only by adding at most `inc` k times needs to be at most 2^53 - 1 - k·inc there.
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
  const emitPasses = (): string => {
    let code = "";
    let done = 0;
    for (let c = 0; c < copies; c++) {
      const loop: LoopEmit = { head, last: c === copies - 1, total };
      for (let k = head; k <= tail; k++) {
        done += blocks[k]!.members.length;
        lw.ahead = total - done;
        code += emitBlock(blocks, entries, lw, k, index, loop);
      }
    }
    lw.ahead = 0;
    return code;
  };
  // first without hoisted guards, to see which sums have guards
  lw.guardLog = [];
  lw.hoisted = new Set();
  let body = emitPasses();
  const hoist = hoistGuards(blocks, lw, head, tail, copies, entries[head]!, lw.guardLog);
  lw.guardLog = undefined;
  if (hoist.pcs.size > 0) {
    lw.hoisted = hoist.pcs;
    body = emitPasses();
    lw.hoisted = new Set();
  }
  const enter = `if(insns+${total}>budget${hoist.test})${lw.bail(start, entries[head]!, 0)}insns+=${total};\n`;
  return `for(;;){${enter}${body}}`;
}

/**
 * The sums of a loop whose guards can be tested once per pass at its head: those of a register
 * the body writes only by them, held as a number at the head. Returns their slots and the
 * head's test (` || n<r> > limit ...`).
 */
function hoistGuards(
  blocks: readonly Block[],
  lw: Lowering,
  head: number,
  tail: number,
  copies: number,
  entry: State,
  log: readonly GuardedAdd[],
): { pcs: Set<number>; test: string } {
  const writes = new Array<number>(REGS).fill(0);
  for (let k = head; k <= tail; k++)
    for (const pc of blocks[k]!.members) {
      const w = readsWrites(lw.p, pc).writes;
      for (let r = 0; r < REGS; r++) if ((w >> r) & 1) writes[r]!++;
    }
  const pcs = new Set<number>();
  let test = "";
  for (let r = 0; r < REGS; r++) {
    const rep = repOf(entry.width[r]!);
    if (rep !== W && rep !== N) continue;
    // the largest addend of each sum into r (the log has the copies that needed a guard; an
    // early copy may not, but it adds as much)
    const inc = new Map<number, number>();
    for (const g of log) if (g.d === r) inc.set(g.pc, Math.max(inc.get(g.pc) ?? 0, g.inc));
    // every write to r in the body must be one of them
    if (inc.size === 0 || inc.size !== writes[r]) continue;
    let most = 0;
    for (const v of inc.values()) most += v * copies;
    if (most > 2 ** 52) continue;
    for (const pc of inc.keys()) pcs.add(pc);
    test += `||${num(r, entry.width[r]!)}>${MAX_SAFE - most}`;
  }
  return { pcs, test };
}

/** How emitBlock writes the blocks of a simple loop: the back edge continues the `for` only
 * from the last copy; earlier copies fall into the next one. */
interface LoopEmit {
  readonly head: number;
  readonly last: boolean;
  /** Instructions the pass counted at its head. */
  readonly total: number;
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
  // loops count and test the budget once per pass (emitLoop); leaving one gives back the rest
  let code = loop ? "" : countBlock(b);
  const giveBack = loop && lw.ahead > 0 ? `insns-=${lw.ahead};` : "";
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
      const jump = toTarget + giveBack + `pc=${b.target};continue D;`;
      code += l.cond !== undefined ? `if${l.cond}{${jump}}` : jump;
      break;
    }
    if (l.cond === undefined) {
      code += toTarget + (loop!.last ? "continue;" : "");
    } else if (loop!.last) {
      code += `if${l.cond}{${toTarget}continue;}${toNext}break;`;
    } else {
      // an earlier copy: go on into the next copy, or leave the loop
      code += `if(!${l.cond}){${toNext}${giveBack}break;}${toTarget}`;
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
  const run = instantiateGenerated<(m: Machine) => number>(source, {
    prog: p,
    helpers: p.helpers,
    rest,
    bf: budgetFault(p),
    NOBYTES: new Uint8Array(0),
    NOVIEW: new DataView(new ArrayBuffer(0)),
    S: saved,
    exit,
  });
  return { run, source, optimizable: source.length <= MAX_OPTIMIZABLE_SOURCE };
}
