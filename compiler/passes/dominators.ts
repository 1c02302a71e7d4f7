import { liveBlocks, successors, type BlockId, type IrFunction } from "../ir/ir.js";

/** Predecessors of every live block. */
export function predecessors(fn: IrFunction): Map<BlockId, BlockId[]> {
  const preds = new Map<BlockId, BlockId[]>();
  for (const b of liveBlocks(fn)) preds.set(b.id, []);
  for (const b of liveBlocks(fn)) for (const s of successors(b.term)) preds.get(s)?.push(b.id);
  return preds;
}

/** Blocks reachable from the entry in reverse postorder. */
export function reversePostorder(fn: IrFunction): BlockId[] {
  const seen = new Set<BlockId>();
  const post: BlockId[] = [];
  const visit = (id: BlockId): void => {
    if (seen.has(id) || !fn.blocks[id]) return;
    seen.add(id);
    for (const s of successors(fn.blocks[id]!.term)) visit(s);
    post.push(id);
  };
  visit(0);
  return post.reverse();
}

/**
 * Immediate dominators (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm"): the
 * entry maps to itself; unreachable blocks are absent.
 */
export function immediateDominators(fn: IrFunction): Map<BlockId, BlockId> {
  const order = reversePostorder(fn);
  const index = new Map(order.map((id, n) => [id, n]));
  const preds = predecessors(fn);
  const idom = new Map<BlockId, BlockId>([[0, 0]]);
  const intersect = (a: BlockId, b: BlockId): BlockId => {
    while (a !== b) {
      while (index.get(a)! > index.get(b)!) a = idom.get(a)!;
      while (index.get(b)! > index.get(a)!) b = idom.get(b)!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of order.slice(1)) {
      let d: BlockId | undefined;
      for (const p of preds.get(id) ?? []) {
        if (!idom.has(p)) continue;
        d = d === undefined ? p : intersect(p, d);
      }
      if (d !== undefined && idom.get(id) !== d) {
        idom.set(id, d);
        changed = true;
      }
    }
  }
  return idom;
}
