import { imm, liveBlocks, reg, type Inst, type IrFunction, type VReg } from "../ir/ir.js";
import { defOf } from "../ir/uses.js";
import { fitsImm32 } from "../ir/lower/lowerer.js";

/**
 * Local algebra that lowering's canonical-form rules leave behind:
 * - x + 0, x - 0, x | 0, x ^ 0, x << 0, x >> 0, x * 1 → a copy;
 * - an extension of a value already in that form (a zero-extending load of at most that width,
 *   or a wider/equal extension) → a copy or the inner extension;
 * - a store of n bytes of an extended value stores the unextended one (only the low bytes count).
 * Definitions are looked up only for single-definition registers, so this is safe without SSA.
 */
export function peephole(fn: IrFunction): boolean {
  const count = new Map<VReg, number>();
  const def = new Map<VReg, Inst>();
  for (const b of liveBlocks(fn))
    for (const i of b.insts) {
      const d = defOf(i);
      if (d === undefined) continue;
      count.set(d, (count.get(d) ?? 0) + 1);
      def.set(d, i);
    }
  const single = (r: VReg): Inst | undefined => (count.get(r) === 1 ? def.get(r) : undefined);
  let changed = false;
  for (const b of liveBlocks(fn)) {
    b.insts = b.insts.map((i): Inst => {
      const keep = i.loc ? { loc: i.loc } : {};
      if (i.op === "alu" && i.b.kind === "imm" && i.a.kind === "reg") {
        const v = i.b.value;
        const identity =
          (v === 0n && ["add", "sub", "or", "xor", "lsh", "rsh", "arsh"].includes(i.alu)) ||
          (v === 1n && ["mul", "div", "sdiv"].includes(i.alu));
        if (identity && i.w === 64) {
          changed = true;
          return { op: "mov", dst: i.dst, src: i.a, w: 64, ...keep };
        }
      }
      if (i.op === "ext") {
        const inner = single(i.src);
        if (inner?.op === "load" && !i.signed && inner.size * 8 <= i.bits) {
          changed = true;
          return { op: "mov", dst: i.dst, src: reg(i.src), w: 64, ...keep };
        }
        if (inner?.op === "ext" && inner.bits >= i.bits && count.get(inner.src) === 1) {
          changed = true;
          return { ...i, src: inner.src };
        }
      }
      // memory through a pointer to a stack slot: address the slot directly (r10 + k)
      if ((i.op === "load" || i.op === "store") && i.addr.kind === "reg") {
        const base = single(i.addr.reg);
        if (base?.op === "addr" && base.addr.kind === "stack") {
          changed = true;
          return { ...i, addr: { ...base.addr, off: base.addr.off + i.addr.off } } as Inst;
        }
      }
      if (i.op === "store" && i.src.kind === "reg") {
        const inner = single(i.src.reg);
        if (inner?.op === "ext" && inner.bits >= i.size * 8 && count.get(inner.src) === 1) {
          changed = true;
          return { ...i, src: reg(inner.src) };
        }
        if (inner?.op === "mov" && inner.src.kind === "imm" && (i.size < 8 || fitsImm32(inner.src.value))) {
          changed = true;
          return { ...i, src: imm(BigInt.asUintN(i.size * 8, inner.src.value)) };
        }
      }
      return i;
    });
  }
  return changed;
}
