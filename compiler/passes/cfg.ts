import {
  liveBlocks,
  successors,
  type BlockId,
  type IrFunction,
  type Operand,
  type Terminator,
} from "../ir/ir.js";

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
  // tail merging: blocks with the same code and exit (typically `return 2`) become one
  const same = new Map<string, BlockId>();
  const alias = new Map<BlockId, BlockId>();
  for (const b of liveBlocks(fn)) {
    if (b.id === 0 || b.insts.length > 4) continue;
    const key = JSON.stringify([b.insts, b.term], (k, v: unknown) =>
      k === "loc" ? undefined : typeof v === "bigint" ? `${v}n` : v,
    );
    const first = same.get(key);
    if (first === undefined) same.set(key, b.id);
    else if (!successors(b.term).includes(b.id)) alias.set(b.id, first);
  }
  if (alias.size) {
    const to = (id: BlockId): BlockId => alias.get(id) ?? id;
    for (const b of liveBlocks(fn)) {
      const t = b.term;
      if (t.op === "jmp") b.term = { ...t, target: to(t.target) };
      else if (t.op === "br") b.term = { ...t, then: to(t.then), else: to(t.else) };
    }
    changed = true;
  }
  // a block ending in `return c` jumps to an empty `return c` block instead: one exit, as clang has
  // (only into a block something already jumps to, so merging does not undo it)
  const entered = new Set<BlockId>();
  for (const b of liveBlocks(fn)) for (const s of successors(b.term)) entered.add(s);
  const emptyRet = new Map<string, BlockId>();
  for (const b of liveBlocks(fn))
    if (b.insts.length === 0 && b.term.op === "ret" && entered.has(b.id) && b.id !== 0)
      emptyRet.set(operandKey(b.term.value), b.id);
  for (const b of liveBlocks(fn)) {
    if (b.insts.length === 0 || b.term.op !== "ret") continue;
    const target = emptyRet.get(operandKey(b.term.value));
    if (target !== undefined) {
      b.term = { op: "jmp", target, ...(b.term.loc ? { loc: b.term.loc } : {}) };
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

function operandKey(o: Operand): string {
  return o.kind === "imm" ? `#${o.value}` : `v${o.reg}`;
}

function targetsOf(t: Terminator): string {
  return t.op === "jmp" ? `j${t.target}` : t.op === "br" ? `b${t.then},${t.else}` : "r";
}
