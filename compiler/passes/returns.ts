import { liveBlocks, reg, type Block, type IrFunction, type Operand } from "../ir/ir.js";
import { predecessors } from "./dominators.js";

/**
 * Shared exit for early returns: `if (bad) return 3;` lowers to a branch into a block of its own
 * (`r0 = 3; exit`, two instructions each). When a function has several such blocks, each reached
 * by one branch, the constant is set before the branch instead (into a register the allocator
 * prefers to be r0; on the other path it is simply dead) and the branch goes to one shared
 * `exit` — one instruction per early return instead of two, as clang lays out a chain of checks
 * (`w0 = 2; if w4 != 64 goto LBB0_15`).
 */
export function shareReturns(fn: IrFunction): boolean {
  const preds = predecessors(fn);
  const hoistable: { ret: Block; pred: Block; value: Operand }[] = [];
  for (const b of liveBlocks(fn)) {
    // a register operand works too (`return p;` after `if (p === 6 || p === 17)`): the block is
    // empty and has one predecessor, so the register holds the same value at that branch
    if (b.id === 0 || b.insts.length !== 0 || b.term.op !== "ret") continue;
    const ps = preds.get(b.id) ?? [];
    const p = ps.length === 1 ? fn.blocks[ps[0]!] : undefined;
    if (!p || p === b || p.term.op !== "br" || p.term.then === p.term.else) continue;
    // one early return per branch: the constant goes in front of the branch
    if (hoistable.some((h) => h.pred === p)) continue;
    hoistable.push({ ret: b, pred: p, value: b.term.value });
  }
  // n returns cost 2n instructions; shared they cost n + 1
  if (hoistable.length < 2) return false;
  const rv = fn.nextReg++;
  const exit: Block = { id: fn.blocks.length, insts: [], term: { op: "ret", value: reg(rv) } };
  fn.blocks.push(exit);
  for (const { ret, pred, value } of hoistable) {
    const t = pred.term;
    if (t.op !== "br") continue;
    const loc = ret.term.loc ?? t.loc;
    pred.insts.push({ op: "mov", dst: rv, src: value, w: 64, ...(loc ? { loc } : {}) });
    pred.term = {
      ...t,
      then: t.then === ret.id ? exit.id : t.then,
      else: t.else === ret.id ? exit.id : t.else,
    };
    fn.blocks[ret.id] = undefined;
  }
  return true;
}
