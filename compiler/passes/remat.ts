import { liveBlocks, type Inst, type IrFunction, type Terminator, type VReg } from "../ir/ir.js";
import { defOf, mapUses, usesOf } from "../ir/uses.js";
import { fitsImm32 } from "../ir/lower/lowerer.js";

/**
 * Rematerialisation before register allocation: a stack address (`r = r10 - k`) or a small
 * constant used after a helper call, or in another block, is recomputed right where it is used
 * instead of being kept alive — across a call it would otherwise occupy one of the four
 * callee-saved registers and cost a move into the argument register anyway (clang does the same).
 */
function cheap(i: Inst): boolean {
  if (i.op === "addr") return i.addr.kind === "stack";
  return i.op === "mov" && i.src.kind === "imm" && fitsImm32(i.src.value);
}

export function rematerialize(fn: IrFunction): boolean {
  const defs = new Map<VReg, number>();
  const defInst = new Map<VReg, { inst: Inst; block: number }>();
  for (const b of liveBlocks(fn))
    for (const i of b.insts) {
      const d = defOf(i);
      if (d === undefined) continue;
      defs.set(d, (defs.get(d) ?? 0) + 1);
      defInst.set(d, { inst: i, block: b.id });
    }
  const uses = new Map<VReg, number>();
  for (const b of liveBlocks(fn))
    for (const i of [...b.insts, b.term]) for (const u of usesOf(i)) uses.set(u, (uses.get(u) ?? 0) + 1);
  // a stack address takes two instructions: kept, it costs those two plus a move per use
  const candidates = new Map<VReg, Inst>();
  for (const [r, { inst }] of defInst)
    if (defs.get(r) === 1 && cheap(inst) && (inst.op === "mov" || (uses.get(r) ?? 0) <= 2))
      candidates.set(r, inst);
  if (candidates.size === 0) return false;
  let changed = false;
  for (const b of liveBlocks(fn)) {
    const out: Inst[] = [];
    // registers defined in this block with no call since
    const fresh = new Set<VReg>();
    const rewrite = <T extends Inst | Terminator>(i: T): T => {
      let x = i;
      for (const u of usesOf(i)) {
        const def = candidates.get(u);
        if (!def || fresh.has(u)) continue;
        const t = fn.nextReg++;
        out.push({ ...def, dst: t } as Inst);
        x = mapUses(x, (o) => (o.kind === "reg" && o.reg === u ? { kind: "reg", reg: t } : o));
        changed = true;
      }
      return x;
    };
    for (const i0 of b.insts) {
      const i = rewrite(i0);
      out.push(i);
      if (i.op === "call") fresh.clear();
      const d = defOf(i);
      if (d !== undefined && candidates.has(d)) fresh.add(d);
    }
    b.term = rewrite(b.term);
    b.insts = out;
  }
  return changed;
}
