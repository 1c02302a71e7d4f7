import { liveBlocks, successors, type BlockId, type IrFunction, type Terminator } from "../ir/ir.js";

/**
 * Control-flow cleanup: drops unreachable blocks, jumps straight through empty blocks, turns
 * branches with equal targets into jumps and merges a block into its only predecessor.
 */
export function simplifyCfg(fn: IrFunction): boolean {
  let changed = false;
  // thread jumps through empty forwarding blocks
  const forward = (id: BlockId): BlockId => {
    const seen = new Set<BlockId>();
    let cur = id;
    for (;;) {
      const b = fn.blocks[cur];
      if (!b || b.insts.length || b.term.op !== "jmp" || seen.has(cur)) return cur;
      seen.add(cur);
      cur = b.term.target;
    }
  };
  for (const b of liveBlocks(fn)) {
    const t = b.term;
    let nt: Terminator = t;
    if (t.op === "jmp") nt = { ...t, target: forward(t.target) };
    if (t.op === "br") {
      const then = forward(t.then);
      const els = forward(t.else);
      nt =
        then === els
          ? { op: "jmp", target: then, ...(t.loc ? { loc: t.loc } : {}) }
          : { ...t, then, else: els };
    }
    if (targetsOf(nt) !== targetsOf(t)) {
      b.term = nt;
      changed = true;
    }
  }
  // unreachable blocks
  const reach = new Set<BlockId>();
  const stack: BlockId[] = [0];
  while (stack.length) {
    const id = stack.pop()!;
    if (reach.has(id) || !fn.blocks[id]) continue;
    reach.add(id);
    stack.push(...successors(fn.blocks[id]!.term));
  }
  fn.blocks.forEach((b, id) => {
    if (b && !reach.has(id)) {
      fn.blocks[id] = undefined;
      changed = true;
    }
  });
  // merge single-predecessor successors reached by a jump
  const preds = new Map<BlockId, number>();
  for (const b of liveBlocks(fn)) for (const s of successors(b.term)) preds.set(s, (preds.get(s) ?? 0) + 1);
  for (const b of liveBlocks(fn)) {
    while (
      b.term.op === "jmp" &&
      b.term.target !== b.id &&
      b.term.target !== 0 &&
      preds.get(b.term.target) === 1
    ) {
      const next = fn.blocks[b.term.target];
      if (!next) break;
      b.insts.push(...next.insts);
      b.term = next.term;
      fn.blocks[next.id] = undefined;
      changed = true;
    }
  }
  return changed;
}

function targetsOf(t: Terminator): string {
  return t.op === "jmp" ? `j${t.target}` : t.op === "br" ? `b${t.then},${t.else}` : "r";
}
