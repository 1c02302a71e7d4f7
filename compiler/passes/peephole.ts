import { imm, liveBlocks, reg, type Inst, type IrFunction, type Operand, type VReg } from "../ir/ir.js";
import { defOf, usesOf } from "../ir/uses.js";
import { fitsImm32 } from "../ir/lower/lowerer.js";

/**
 * Local algebra that lowering's canonical-form rules leave behind:
 * - x + 0, x - 0, x | 0, x ^ 0, x << 0, x >> 0, x * 1 → a copy;
 * - an extension of a value already in that form (a zero-extending load of at most that width,
 *   or a wider/equal extension) → a copy or the inner extension;
 * - a store of n bytes of an extended value stores the unextended one (only the low bytes count).
 * Definitions are looked up only for single-definition registers, so this is safe without SSA.
 */
/** Operations whose low 32 result bits depend only on the low 32 bits of their operands. */
const LOW_HALF_OPS = new Set(["add", "sub", "mul", "and", "or", "xor", "lsh"]);

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
  const uses = new Map<VReg, number>();
  for (const b of liveBlocks(fn))
    for (const i of [...b.insts, b.term]) for (const u of usesOf(i)) uses.set(u, (uses.get(u) ?? 0) + 1);
  const isLowMask = (o: Operand): boolean => {
    if (o.kind === "imm") return o.value === 0xffffffffn;
    const d = single(o.reg);
    return d?.op === "mov" && d.src.kind === "imm" && d.src.value === 0xffffffffn;
  };
  let changed = false;
  // x = a op b (64-bit) whose only use is a zero-extension of its low 32 bits: compute it with
  // the 32-bit ALU, which zero-extends by itself (RFC 9669 §4.1), and the extension becomes a copy
  const narrowed = new Set<VReg>();
  for (const b of liveBlocks(fn))
    for (const i of b.insts) {
      if (i.op !== "ext" || i.signed || i.bits !== 32 || uses.get(i.src) !== 1) continue;
      const inner = single(i.src);
      if (inner?.op !== "alu" || inner.w !== 64 || !LOW_HALF_OPS.has(inner.alu)) continue;
      if (inner.alu === "lsh" && (inner.b.kind !== "imm" || inner.b.value >= 32n)) continue;
      narrowed.add(i.src);
    }
  if (narrowed.size)
    for (const b of liveBlocks(fn))
      b.insts = b.insts.map((i): Inst => {
        if (i.op === "alu" && narrowed.has(i.dst)) {
          changed = true;
          const low = (o: typeof i.b) => (o.kind === "imm" ? imm(BigInt.asUintN(32, o.value)) : o);
          return { ...i, w: 32, a: low(i.a), b: low(i.b) };
        }
        if (i.op === "ext" && narrowed.has(i.src))
          return { op: "mov", dst: i.dst, src: reg(i.src), w: 64, ...(i.loc ? { loc: i.loc } : {}) };
        return i;
      });
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
      // x & 0xffffffff is the low half zero-extended (one `w = w` move, no 64-bit mask constant)
      if (i.op === "alu" && i.alu === "and" && i.w === 64 && i.a.kind === "reg" && isLowMask(i.b)) {
        changed = true;
        return { op: "ext", dst: i.dst, src: i.a.reg, bits: 32, signed: false, ...keep };
      }
      if (i.op === "ext") {
        const inner = single(i.src);
        // the 32-bit ALU already zero-extends its result
        if (inner?.op === "alu" && inner.w === 32 && !i.signed && i.bits === 32) {
          changed = true;
          return { op: "mov", dst: i.dst, src: reg(i.src), w: 64, ...keep };
        }
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
