import { liveBlocks, type IrFunction, type VReg } from "../ir/ir.js";
import { defOf, hasSideEffects, usesOf } from "../ir/uses.js";

/** Removes instructions whose results nothing reads (until none is left). */
export function deadCode(fn: IrFunction): boolean {
  let changed = false;
  for (;;) {
    const used = new Set<VReg>();
    for (const b of liveBlocks(fn)) {
      for (const i of b.insts) for (const u of usesOf(i)) used.add(u);
      for (const u of usesOf(b.term)) used.add(u);
    }
    let removed = false;
    for (const b of liveBlocks(fn)) {
      const keep = b.insts.filter((i) => {
        const d = defOf(i);
        if (i.op === "mov" && i.src.kind === "reg" && i.src.reg === i.dst && i.w === 64) return false;
        if (d === undefined || hasSideEffects(i)) return true;
        return used.has(d);
      });
      if (keep.length !== b.insts.length) {
        removed = true;
        b.insts = keep;
      }
    }
    if (!removed) return changed;
    changed = true;
  }
}
