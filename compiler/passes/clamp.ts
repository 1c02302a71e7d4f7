import { liveBlocks, type CmpOp, type IrFunction } from "../ir/ir.js";
import { predecessors } from "./dominators.js";

/** The comparison that also holds at equality, and the one that no longer does. */
const WITH_EQ: Partial<Record<CmpOp, CmpOp>> = { gt: "ge", lt: "le", sgt: "sge", slt: "sle" };
const WITHOUT_EQ: Partial<Record<CmpOp, CmpOp>> = { ge: "gt", le: "lt", sge: "sgt", sle: "slt" };

/**
 * Clamps: `if (n > C) n = C` branches to a block that only sets n = C. When n == C that store
 * changes nothing, so the equal case may as well take it: `if n >= C`. The verifier then knows
 * n < C on the other path, one value fewer for a loop bounded by n to walk (clang does the same:
 * `if w1 < 4096 goto; w1 = 4096`). 64-bit compare and mov only, so n == C is the whole register.
 */
export function widenClamps(fn: IrFunction): boolean {
  const preds = predecessors(fn);
  let changed = false;
  for (const b of liveBlocks(fn)) {
    const t = b.term;
    if (t.op !== "br" || t.w !== 64 || t.b.kind !== "imm" || t.then === t.else) continue;
    const c = t.b.value;
    for (const side of ["then", "else"] as const) {
      const s = fn.blocks[t[side]];
      const other = side === "then" ? t.else : t.then;
      if (!s || (preds.get(s.id) ?? []).length !== 1 || s.insts.length !== 1) continue;
      const m = s.insts[0]!;
      if (m.op !== "mov" || m.w !== 64 || m.dst !== t.a || m.src.kind !== "imm" || m.src.value !== c)
        continue;
      if (s.term.op !== "jmp" || s.term.target !== other) continue;
      const next = (side === "then" ? WITH_EQ : WITHOUT_EQ)[t.cmp];
      if (!next) continue;
      b.term = { ...t, cmp: next };
      changed = true;
    }
  }
  return changed;
}
