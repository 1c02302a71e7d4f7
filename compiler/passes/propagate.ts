import { fitsImm32 } from "../ir/lower/lowerer.js";
import {
  imm,
  liveBlocks,
  type Inst,
  type IrFunction,
  type Operand,
  type Terminator,
  type VReg,
} from "../ir/ir.js";
import { defOf, mapUses } from "../ir/uses.js";
import { foldAlu, foldBswap, foldCmp, foldExt } from "./fold.js";

/**
 * Constant and copy propagation with constant folding and branch folding. The IR is not SSA, so
 * a register is treated as a constant (or a copy) everywhere only when it has exactly one
 * definition, which then dominates every use (lowering never reads a register before writing
 * it) — and, for copies, when the source also has a single definition.
 */
export function propagate(fn: IrFunction): boolean {
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
  const known = new Map<VReg, Operand>();
  for (const [r, i] of defInst) {
    if (!single(r) || i.op !== "mov") continue;
    if (i.src.kind === "imm") known.set(r, i.w === 32 ? imm(BigInt.asUintN(32, i.src.value)) : i.src);
    else if (single(i.src.reg) && i.w === 64) known.set(r, i.src);
  }
  const resolve = (o: Operand): Operand => {
    let cur = o;
    for (let n = 0; n < 16 && cur.kind === "reg"; n++) {
      const k = known.get(cur.reg);
      if (!k) break;
      cur = k;
    }
    return cur;
  };
  let changed = false;
  for (const b of liveBlocks(fn)) {
    const out: Inst[] = [];
    for (const i0 of b.insts) {
      const i = substitute(i0, resolve);
      let f = fold(i);
      // substitute() copies the instruction: only a different one counts as a change (otherwise
      // the optimiser never reaches its fixed point and runs its full 20 rounds every time)
      if (f !== i0 && sameInst(f, i0)) f = i0;
      if (f !== i0) changed = true;
      out.push(f);
      const d = defOf(f);
      if (
        d !== undefined &&
        single(d) &&
        f.op === "mov" &&
        f.w === 64 &&
        f.src.kind === "imm" &&
        !known.has(d)
      ) {
        known.set(d, f.src);
        changed = true;
      }
    }
    b.insts = out;
    const t = substitute(b.term, resolve);
    let ft = foldTerm(t, resolve);
    if (ft !== b.term && sameInst(ft, b.term)) ft = b.term;
    if (ft !== b.term) changed = true;
    b.term = ft;
  }
  return changed;
}

/** Field-by-field equality of two instructions (operands, addresses and argument lists by value). */
function sameInst(a: Inst | Terminator, b: Inst | Terminator): boolean {
  const same = (x: unknown, y: unknown): boolean => {
    if (x === y) return true;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
    if (Array.isArray(x) || Array.isArray(y))
      return (
        Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((e, k) => same(e, y[k]))
      );
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    return (
      kx.length === ky.length &&
      kx.every((k) => same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]))
    );
  };
  return same(a, b);
}

/** Replaces registers by known constants or copies, where the form allows an immediate. */
function substitute<T extends Inst | Terminator>(i: T, resolve: (o: Operand) => Operand): T {
  const x = i as Inst | Terminator;
  const regOnly = (o: Operand): Operand => {
    const r = resolve(o);
    return r.kind === "reg" ? r : o;
  };
  switch (x.op) {
    case "mov":
      return { ...x, src: resolve(x.src) } as T;
    case "alu": {
      const a = resolve(x.a);
      let b = resolve(x.b);
      if (b.kind === "imm" && x.w === 64 && !fitsImm32(b.value)) b = regOnly(x.b);
      return { ...x, a, b } as T;
    }
    case "store": {
      let src = resolve(x.src);
      if (src.kind === "imm" && x.size === 8 && !fitsImm32(src.value)) src = regOnly(x.src);
      return mapUses({ ...x, src }, (o) => (o === src ? o : regOnly(o))) as T;
    }
    case "call":
      return { ...x, args: x.args.map(resolve) } as T;
    case "ret":
      return { ...x, value: resolve(x.value) } as T;
    case "br": {
      let b = resolve(x.b);
      if (b.kind === "imm" && !fitsImm32(b.value)) b = regOnly(x.b);
      const a = resolve({ kind: "reg", reg: x.a });
      return { ...x, a: a.kind === "reg" ? a.reg : x.a, b } as T;
    }
    default:
      return mapUses(i, regOnly);
  }
}

function fold(i: Inst): Inst {
  if (i.op === "alu" && i.a.kind === "imm" && i.b.kind === "imm")
    return {
      op: "mov",
      dst: i.dst,
      src: imm(foldAlu(i.alu, i.w, i.a.value, i.b.value)),
      w: 64,
      ...(i.loc ? { loc: i.loc } : {}),
    };
  return i;
}

function foldTerm(t: Terminator, resolve: (o: Operand) => Operand): Terminator {
  if (t.op === "br") {
    if (t.then === t.else) return { op: "jmp", target: t.then, ...(t.loc ? { loc: t.loc } : {}) };
    const a = resolve({ kind: "reg", reg: t.a });
    const b = resolve(t.b);
    if (a.kind === "imm" && b.kind === "imm")
      return {
        op: "jmp",
        target: foldCmp(t.cmp, a.value, b.value) ? t.then : t.else,
        ...(t.loc ? { loc: t.loc } : {}),
      };
  }
  return t;
}

/** Folds ext/bswap of constants (kept apart so `propagate` stays readable). */
export function foldUnary(fn: IrFunction): boolean {
  const consts = new Map<VReg, bigint>();
  const defs = new Map<VReg, number>();
  for (const b of liveBlocks(fn))
    for (const i of b.insts) {
      const d = defOf(i);
      if (d !== undefined) defs.set(d, (defs.get(d) ?? 0) + 1);
      if (i.op === "mov" && i.src.kind === "imm") consts.set(i.dst, i.src.value);
    }
  let changed = false;
  for (const b of liveBlocks(fn))
    b.insts = b.insts.map((i) => {
      if (
        (i.op === "ext" || i.op === "bswap" || i.op === "neg") &&
        defs.get(i.op === "neg" ? i.a : i.src) === 1
      ) {
        const v = consts.get(i.op === "neg" ? i.a : i.src);
        if (v === undefined) return i;
        changed = true;
        const value =
          i.op === "ext"
            ? foldExt(v, i.bits, i.signed)
            : i.op === "bswap"
              ? foldBswap(v, i.bits)
              : foldAlu("sub", i.w, 0n, v);
        return { op: "mov", dst: i.dst, src: imm(value), w: 64, ...(i.loc ? { loc: i.loc } : {}) } as Inst;
      }
      return i;
    });
  return changed;
}
