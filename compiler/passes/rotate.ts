import { liveBlocks, type BlockId, type IrFunction } from "../ir/ir.js";
import { immediateDominators } from "./dominators.js";

/**
 * Branch duplication: a block that ends in `jmp J`, where J does nothing but branch, takes J's
 * branch itself. Static size is unchanged (one jump for one branch) and a jump is saved each time
 * the path runs. Its main customer is the loop: the latch's `jmp head` becomes the loop test, so
 * the loop is tested at the bottom (`i++; if i < n goto body`) the way clang rotates loops, and
 * an iteration runs one instruction fewer. The head stays for the entry into the loop.
 */
export function duplicateBranches(fn: IrFunction): boolean {
  let changed = false;
  const idom = immediateDominators(fn);
  const dominates = (a: BlockId, b: BlockId): boolean => {
    for (let x: BlockId | undefined = b; x !== undefined; x = idom.get(x) === x ? undefined : idom.get(x))
      if (x === a) return true;
    return false;
  };
  for (const p of liveBlocks(fn)) {
    if (p.term.op !== "jmp") continue;
    const j = fn.blocks[p.term.target];
    if (!j || j === p || j.insts.length !== 0 || j.term.op !== "br") continue;
    // only back edges (J dominates P): elsewhere the copy would give J's targets another
    // predecessor, which costs more in shared early returns than the jump it saves
    if (!dominates(j.id, p.id)) continue;
    if (j.term.then === j.id || j.term.else === j.id) continue;
    const loc = p.term.loc ?? j.term.loc;
    p.term = { ...j.term, ...(loc ? { loc } : {}) };
    changed = true;
  }
  return changed;
}
