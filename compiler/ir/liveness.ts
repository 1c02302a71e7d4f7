import { liveBlocks, successors, type BlockId, type IrFunction, type VReg } from "./ir.js";
import { defOf, usesOf } from "./uses.js";

/** Registers live on entry to and exit from each block (backward dataflow to a fixed point). */
export interface Liveness {
  readonly liveIn: Map<BlockId, Set<VReg>>;
  readonly liveOut: Map<BlockId, Set<VReg>>;
}

export function liveness(fn: IrFunction): Liveness {
  const blocks = liveBlocks(fn);
  const use = new Map<BlockId, Set<VReg>>();
  const def = new Map<BlockId, Set<VReg>>();
  for (const b of blocks) {
    const u = new Set<VReg>();
    const d = new Set<VReg>();
    for (const i of [...b.insts, b.term]) {
      for (const r of usesOf(i)) if (!d.has(r)) u.add(r);
      const x = defOf(i);
      if (x !== undefined) d.add(x);
    }
    use.set(b.id, u);
    def.set(b.id, d);
  }
  const liveIn = new Map<BlockId, Set<VReg>>(blocks.map((b) => [b.id, new Set<VReg>()]));
  const liveOut = new Map<BlockId, Set<VReg>>(blocks.map((b) => [b.id, new Set<VReg>()]));
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = blocks.length - 1; k >= 0; k--) {
      const b = blocks[k]!;
      const out = liveOut.get(b.id)!;
      for (const s of successors(b.term))
        for (const r of liveIn.get(s) ?? []) if (!out.has(r)) (out.add(r), (changed = true));
      const inn = liveIn.get(b.id)!;
      const d = def.get(b.id)!;
      for (const r of use.get(b.id)!) if (!inn.has(r)) (inn.add(r), (changed = true));
      for (const r of out) if (!d.has(r) && !inn.has(r)) (inn.add(r), (changed = true));
    }
  }
  return { liveIn, liveOut };
}
