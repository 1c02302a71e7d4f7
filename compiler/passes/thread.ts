import {
  liveBlocks,
  type Block,
  type BlockId,
  type IrFunction,
  type Terminator,
  type VReg,
} from "../ir/ir.js";
import { defOf } from "../ir/uses.js";
import { predecessors } from "./dominators.js";
import { foldCmp } from "./fold.js";

/**
 * Jump threading: a block that only branches on `x cmp imm` is skipped by a predecessor that
 * already knows how the branch goes — because it just set x to a constant (the 0/1 of a `bool`,
 * the result of `?:`) or because it is reached only along an edge that tested x (a map lookup's
 * result tested once by `get()` and again by the program's `=== undefined`). This removes the
 * re-tests lowering leaves at control-flow joins and gives the verifier one null check per pointer.
 */

/** What is known about a register on an edge: equal to, or different from, a constant. */
type Fact = { readonly eq: boolean; readonly value: bigint };

function edgeFact(t: Terminator, to: BlockId, x: VReg): Fact | undefined {
  if (t.op !== "br" || t.a !== x || t.b.kind !== "imm" || t.then === t.else) return undefined;
  if (t.cmp !== "eq" && t.cmp !== "ne") return undefined;
  const taken = t.then === to;
  return { eq: (t.cmp === "eq") === taken, value: t.b.value };
}

/** The fact about x on entry to `b`'s end, following single-predecessor chains upwards. */
function factAtEnd(fn: IrFunction, preds: Map<BlockId, BlockId[]>, b: Block, x: VReg): Fact | undefined {
  const seen = new Set<BlockId>();
  for (let cur: Block | undefined = b; cur && !seen.has(cur.id); ) {
    seen.add(cur.id);
    for (let k = cur.insts.length - 1; k >= 0; k--) {
      const i = cur.insts[k]!;
      if (defOf(i) !== x) continue;
      return i.op === "mov" && i.src.kind === "imm" && i.w === 64
        ? { eq: true, value: i.src.value }
        : undefined;
    }
    const p: BlockId[] = preds.get(cur.id) ?? [];
    if (p.length !== 1) return undefined;
    const pred: Block | undefined = fn.blocks[p[0]!];
    if (!pred) return undefined;
    const f = edgeFact(pred.term, cur.id, x);
    if (f) return f;
    cur = pred;
  }
  return undefined;
}

function decide(t: Terminator & { op: "br" }, f: Fact): BlockId | undefined {
  if (t.b.kind !== "imm") return undefined;
  if (f.eq) return foldCmp(t.cmp, f.value, t.b.value) ? t.then : t.else;
  if (f.value !== t.b.value) return undefined;
  if (t.cmp === "eq") return t.else;
  if (t.cmp === "ne") return t.then;
  return undefined;
}

export function threadJumps(fn: IrFunction): boolean {
  const preds = predecessors(fn);
  let changed = false;
  for (const j of liveBlocks(fn)) {
    const t = j.term;
    if (t.op !== "br" || j.insts.length !== 0 || t.b.kind !== "imm" || j.id === 0) continue;
    for (const pid of preds.get(j.id) ?? []) {
      const p = fn.blocks[pid];
      if (!p || p.id === j.id) continue;
      let fact: Fact | undefined;
      if (p.term.op === "br") fact = edgeFact(p.term, j.id, t.a);
      if (!fact) {
        // facts established inside p (or above it) hold on every edge out of p
        if (p.term.op === "br" && p.term.then === p.term.else) continue;
        fact = factAtEnd(fn, preds, p, t.a);
      }
      if (!fact) continue;
      const target = decide(t, fact);
      if (target === undefined || target === j.id) continue;
      const pt = p.term;
      if (pt.op === "jmp") p.term = { ...pt, target };
      else if (pt.op === "br")
        p.term = {
          ...pt,
          then: pt.then === j.id ? target : pt.then,
          else: pt.else === j.id ? target : pt.else,
        };
      changed = true;
    }
  }
  return changed;
}
