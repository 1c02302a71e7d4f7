import { liveness } from "../ir/liveness.js";
import { liveBlocks, type IrFunction } from "../ir/ir.js";
import { defOf, hasSideEffects, usesOf } from "../ir/uses.js";

/**
 * Removes instructions whose results are not live afterwards (until none is left). Liveness, not
 * "read anywhere", because registers may be assigned more than once: the `0` a `get()` stores on
 * its absent path is dead when that path returns at once.
 */
export function deadCode(fn: IrFunction): boolean {
  let changed = false;
  for (;;) {
    const { liveOut } = liveness(fn);
    let removed = false;
    for (const b of liveBlocks(fn)) {
      const live = new Set(liveOut.get(b.id));
      for (const u of usesOf(b.term)) live.add(u);
      const keep: typeof b.insts = [];
      for (let k = b.insts.length - 1; k >= 0; k--) {
        const i = b.insts[k]!;
        const d = defOf(i);
        const selfMove = i.op === "mov" && i.src.kind === "reg" && i.src.reg === i.dst && i.w === 64;
        if (selfMove || (d !== undefined && !hasSideEffects(i) && !live.has(d))) {
          removed = true;
          continue;
        }
        if (d !== undefined) live.delete(d);
        for (const u of usesOf(i)) live.add(u);
        keep.push(i);
      }
      b.insts = keep.reverse();
    }
    if (!removed) return changed;
    changed = true;
  }
}
