import {
  liveBlocks,
  type BlockId,
  type Inst,
  type IrFunction,
  type Terminator,
  type VReg,
} from "../ir/ir.js";
import { defOf, mapDef, mapUses, usesOf } from "../ir/uses.js";
import { predecessors } from "./dominators.js";

/**
 * Live-range splitting into webs: a virtual register assigned in several places (a `let`, a
 * loop counter, the lowering's temporaries) is renamed so that each group of definitions that
 * reach a common use — a web — gets a register of its own. `sum = (sum & 0xffff) + (sum >> 16)`
 * then no longer has to keep both sums in one machine register, which costs copies, and the
 * allocator can colour each piece where it fits. Definitions that meet at a use (the two arms of
 * an if, a loop's entry value and its update) stay together, so the program's meaning cannot
 * change: every use still reads exactly the definitions it read before.
 */
export function splitWebs(fn: IrFunction): boolean {
  const blocks = liveBlocks(fn);
  type Site = { readonly block: BlockId; readonly index: number };
  const defs = new Map<VReg, Site[]>();
  for (const b of blocks)
    b.insts.forEach((i, index) => {
      const d = defOf(i);
      if (d !== undefined) defs.set(d, [...(defs.get(d) ?? []), { block: b.id, index }]);
    });
  const preds = predecessors(fn);
  let changed = false;
  for (const [v, sites] of defs) {
    if (sites.length < 2 || v === fn.ctxReg) continue;
    // reaching definitions of v (numbered by site) at the end of each block
    const lastIn = new Map<BlockId, number>();
    sites.forEach((s, n) => lastIn.set(s.block, n)); // sites are in block order: the last wins
    const out = new Map<BlockId, Set<number>>();
    const inOf = (id: BlockId): Set<number> => {
      const r = new Set<number>();
      for (const p of preds.get(id) ?? []) for (const d of out.get(p) ?? []) r.add(d);
      return r;
    };
    for (let again = true; again; ) {
      again = false;
      for (const b of blocks) {
        const next = lastIn.has(b.id) ? new Set([lastIn.get(b.id)!]) : inOf(b.id);
        const prev = out.get(b.id);
        if (!prev || prev.size !== next.size || [...next].some((d) => !prev.has(d))) {
          out.set(b.id, next);
          again = true;
        }
      }
    }
    // union the definitions that reach each use
    const parent = sites.map((_, n) => n);
    const find = (n: number): number => (parent[n] === n ? n : (parent[n] = find(parent[n]!)));
    const useDefs: { block: BlockId; index: number; reaching: number[] }[] = [];
    let orphanUse = false;
    for (const b of blocks) {
      let cur = inOf(b.id);
      const items: (Inst | Terminator)[] = [...b.insts, b.term];
      items.forEach((i, index) => {
        if (usesOf(i).includes(v)) {
          const reaching = [...cur];
          if (reaching.length === 0) orphanUse = true;
          for (const d of reaching.slice(1)) parent[find(d)] = find(reaching[0]!);
          useDefs.push({ block: b.id, index, reaching });
        }
        if (index < b.insts.length && defOf(i) === v)
          cur = new Set([sites.findIndex((s) => s.block === b.id && s.index === index)]);
      });
    }
    if (orphanUse) continue; // read before any write on some path: leave it alone
    const roots = [...new Set(sites.map((_, n) => find(n)))];
    if (roots.length < 2) continue;
    const name = new Map<number, VReg>(roots.map((r, k) => [r, k === 0 ? v : fn.nextReg++]));
    const rename = (d: number): VReg => name.get(find(d))!;
    sites.forEach((s, n) => {
      const b = fn.blocks[s.block]!;
      b.insts[s.index] = mapDef(b.insts[s.index]!, () => rename(n));
    });
    for (const u of useDefs) {
      if (u.reaching.length === 0) continue;
      const to = rename(u.reaching[0]!);
      if (to === v) continue;
      const b = fn.blocks[u.block]!;
      const f = (o: import("../ir/ir.js").Operand) =>
        o.kind === "reg" && o.reg === v ? { kind: "reg" as const, reg: to } : o;
      if (u.index < b.insts.length) b.insts[u.index] = mapUses(b.insts[u.index]!, f);
      else b.term = mapUses(b.term, f);
    }
    changed = true;
  }
  return changed;
}
