import {
  liveBlocks,
  type Addr,
  type BlockId,
  type Inst,
  type IrFunction,
  type Operand,
  type VReg,
} from "../ir/ir.js";
import { defOf } from "../ir/uses.js";
import { immediateDominators, predecessors } from "./dominators.js";

/**
 * Common-subexpression and redundant-load elimination over the dominator tree (the IR is not
 * SSA, so only instructions whose destination and register operands each have one definition
 * take part; that definition dominates every use).
 *
 * - Pure computations (ALU, extensions, byte swaps, stack addresses) and loads from the program
 *   context (read-only, e.g. xdp_md->data and data_end) are reused from any dominating block.
 * - Other loads are reused along chains of single-predecessor blocks until a store, atomic or
 *   helper call may have changed memory. A store to a stack slot only forgets loads of that slot
 *   and loads through pointers into the stack.
 *
 * The later instruction becomes a copy, which copy propagation then removes.
 */
export function cse(fn: IrFunction): boolean {
  const defs = new Map<VReg, number>();
  const defInst = new Map<VReg, Inst>();
  for (const b of liveBlocks(fn))
    for (const i of b.insts) {
      const d = defOf(i);
      if (d === undefined) continue;
      defs.set(d, (defs.get(d) ?? 0) + 1);
      defInst.set(d, i);
    }
  const single = (r: VReg): boolean => defs.get(r) === 1;
  const singleOp = (o: Operand): boolean => o.kind === "imm" || single(o.reg);
  const addrKey = (a: Addr): string | undefined =>
    a.kind === "stack" ? `s${a.slot}+${a.off}` : single(a.reg) ? `r${a.reg}+${a.off}` : undefined;
  const stackPointer = (a: Addr): boolean =>
    a.kind === "reg" &&
    defInst.get(a.reg)?.op === "addr" &&
    (defInst.get(a.reg) as { addr: Addr }).addr.kind === "stack";
  const op = (o: Operand): string => (o.kind === "imm" ? `#${o.value}` : `v${o.reg}`);

  const pureKey = (i: Inst): string | undefined => {
    switch (i.op) {
      case "alu":
        return singleOp(i.a) && singleOp(i.b) ? `alu ${i.alu}${i.w} ${op(i.a)} ${op(i.b)}` : undefined;
      case "neg":
        return single(i.a) ? `neg${i.w} v${i.a}` : undefined;
      case "ext":
        return single(i.src) ? `ext${i.signed ? "s" : "z"}${i.bits} v${i.src}` : undefined;
      case "bswap":
        return single(i.src) ? `bswap${i.bits} v${i.src}` : undefined;
      case "addr": {
        const k = addrKey(i.addr);
        return k ? `addr ${k}` : undefined;
      }
      case "load":
        if (fn.ctxReg !== undefined && i.addr.kind === "reg" && i.addr.reg === fn.ctxReg && single(fn.ctxReg))
          return `ctx${i.size} ${i.addr.off}`;
        return undefined;
      default:
        return undefined;
    }
  };

  const idom = immediateDominators(fn);
  const preds = predecessors(fn);
  const children = new Map<BlockId, BlockId[]>();
  for (const [b, d] of idom) if (b !== d) children.set(d, [...(children.get(d) ?? []), b]);

  let changed = false;
  const walk = (
    id: BlockId,
    pure: Map<string, VReg>,
    loads: Map<string, { reg: VReg; addr: Addr }>,
  ): void => {
    const b = fn.blocks[id]!;
    b.insts = b.insts.map((i): Inst => {
      const d = defOf(i);
      const reuse = (key: string, table: Map<string, VReg>): Inst => {
        const prev = table.get(key);
        if (prev !== undefined && prev !== d) {
          changed = true;
          return {
            op: "mov",
            dst: d!,
            src: { kind: "reg", reg: prev },
            w: 64,
            ...(i.loc ? { loc: i.loc } : {}),
          };
        }
        table.set(key, d!);
        return i;
      };
      if (d !== undefined && single(d)) {
        const k = pureKey(i);
        if (k) return reuse(k, pure);
        if (i.op === "load") {
          const a = addrKey(i.addr);
          if (a) {
            const key = `load${i.size} ${a}`;
            const prev = loads.get(key);
            if (prev && prev.reg !== d) {
              changed = true;
              return {
                op: "mov",
                dst: d,
                src: { kind: "reg", reg: prev.reg },
                w: 64,
                ...(i.loc ? { loc: i.loc } : {}),
              };
            }
            loads.set(key, { reg: d, addr: i.addr });
            return i;
          }
        }
      }
      if (i.op === "call") loads.clear();
      else if (i.op === "store" || i.op === "atomic") {
        if (i.addr.kind === "stack") {
          const slot = i.addr.slot;
          for (const [k, v] of loads)
            if ((v.addr.kind === "stack" && v.addr.slot === slot) || stackPointer(v.addr)) loads.delete(k);
        } else loads.clear();
      }
      return i;
    });
    for (const c of children.get(id) ?? []) {
      const p = preds.get(c) ?? [];
      walk(c, new Map(pure), p.length === 1 && p[0] === id ? new Map(loads) : new Map());
    }
  };
  walk(0, new Map(), new Map());
  return changed;
}
