import { Node } from "ts-morph";
import { sizeOf, type Layout } from "../../../runtime/layout/index.js";
import { Code } from "../../diagnostics/codes.js";
import type { Reporter } from "../../diagnostics/report.js";
import { describeLayout, type TypeResolver } from "../../frontend/dsl-types.js";
import {
  fits,
  holds,
  I64,
  intName,
  maxOf,
  sameInt,
  wrap,
  convertsImplicitly,
  type IntType,
} from "../../frontend/int-types.js";
import type { ModuleInfo, ProgramDecl } from "../../frontend/module.js";
import { IrBuilder } from "../builder.js";
import {
  imm,
  reg,
  type Addr,
  type AluOp,
  type BlockId,
  type Operand,
  type Size,
  type SrcLoc,
  type VReg,
  type Width,
} from "../ir.js";
import { DEFAULT_TARGET, type Target } from "../target.js";
import { Subprograms } from "./subprograms.js";
import { ERROR, type Binding, type Region, type Value } from "./values.js";

/** Bytes of eBPF stack per function (kernel: MAX_BPF_STACK). */
export const MAX_STACK = 512;

export interface Frame {
  readonly bindings: Map<Node, Binding>;
  /** Where `return` goes when this frame is an inlined function. */
  readonly ret?: {
    readonly reg: VReg;
    readonly block: BlockId;
    readonly type: IntType | { kind: "bool" } | undefined;
  };
  readonly fn: Node;
  /** Declared result of a subprogram: `return` converts to it. */
  readonly returns?: IntType | { kind: "bool" };
}

/** Whether an immediate fits the sign-extended 32-bit field of 64-bit ALU, jump and store forms. */
export function fitsImm32(v: bigint): boolean {
  const s = BigInt.asIntN(64, v);
  return s >= -0x80000000n && s <= 0x7fffffffn;
}

/**
 * State of lowering one program: the IR under construction, scopes, loop targets, and the
 * integer and memory operations every visitor shares (conversions, arithmetic at a width, loads,
 * stores, copies). Visitors for expressions, statements and calls live in sibling files.
 */
export class Lowerer {
  readonly b: IrBuilder;
  readonly frames: Frame[] = [];
  readonly loops: { readonly breakTo: BlockId; readonly continueTo: BlockId }[] = [];
  readonly inlining: Node[] = [];
  ctxReg: VReg = -1;

  constructor(
    readonly rep: Reporter,
    readonly types: TypeResolver,
    readonly mod: ModuleInfo,
    readonly prog: ProgramDecl | undefined,
    name: string,
    readonly target: Target = DEFAULT_TARGET,
    /** Subprograms (`@noinline` functions) called so far, by declaration → symbol name. */
    readonly subprograms: Subprograms = new Subprograms(),
  ) {
    this.b = new IrBuilder(name);
  }

  get frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  lookup(decl: Node): Binding | undefined {
    return this.frame.bindings.get(decl);
  }

  error(code: string, node: Node, message: string, hint?: string): Value {
    this.rep.error(code, node, message, hint);
    return ERROR;
  }

  setLoc(node: Node): void {
    const sf = node.getSourceFile();
    const pos = sf.getLineAndColumnAtPos(node.getStart());
    const text = sf.getFullText().split("\n")[pos.line - 1] ?? "";
    const loc: SrcLoc = {
      location: { file: sf.getFilePath(), line: pos.line, column: pos.column },
      text: text.trim(),
    };
    this.b.loc = loc;
  }

  // ---- registers and constants ----

  newReg(): VReg {
    return this.b.newReg();
  }

  /** A register holding `v`, materialising constants. */
  inReg(o: Operand): VReg {
    if (o.kind === "reg") return o.reg;
    const r = this.newReg();
    this.b.emit({ op: "mov", dst: r, src: o, w: 64 });
    return r;
  }

  /** An operand legal as the second operand of an ALU or jump of width w. */
  legal(o: Operand, w: Width): Operand {
    if (o.kind === "imm" && w === 64 && !fitsImm32(o.value)) return reg(this.inReg(o));
    if (o.kind === "imm" && w === 32) return imm(BigInt.asUintN(32, o.value));
    return o;
  }

  // ---- integer conversion ----

  /** The integer in `v` at type `to`: constants must fit unless explicit; narrowing needs proof. */
  convert(v: Value, to: IntType, node: Node, explicit = false): Value {
    if (v.kind === "error") return v;
    if (v.kind === "bool") return { kind: "int", type: to, op: v.op, max: 1n };
    if (v.kind === "const") {
      if (!explicit && !fits(v.value, to))
        return this.error(
          Code.LITERAL_RANGE,
          node,
          `${v.value} does not fit ${intName(to)} (range ${minStr(to)}..${maxOf(to)})`,
          `use a wider type, or convert explicitly: ${intName(to)}(${v.value})`,
        );
      const w = wrap(v.value, to);
      return { kind: "int", type: to, op: imm(w), max: w >= 0n ? w : undefined } as Value;
    }
    if (v.kind !== "int")
      return this.error(Code.OPERAND_TYPE, node, `expected an integer, found ${this.describe(v)}`);
    if (sameInt(v.type, to)) return v;
    const provenFit = v.max !== undefined && v.max <= maxOf(to);
    if (!explicit && !convertsImplicitly(v.type, to) && !provenFit)
      return this.error(
        Code.NARROWING,
        node,
        `${intName(v.type)} does not fit ${intName(to)} without losing bits`,
        `convert explicitly: ${intName(to)}(…) or \`… as ${intName(to)}\``,
      );
    const keep = v.max !== undefined ? { max: v.max } : {};
    if (to.bits === 64 || holds(to, v.type) || provenFit) return { kind: "int", type: to, op: v.op, ...keep };
    const dst = this.newReg();
    this.b.emit({ op: "ext", dst, src: this.inReg(v.op), bits: to.bits as 8 | 16 | 32, signed: to.signed });
    return { kind: "int", type: to, op: reg(dst) };
  }

  describe(v: Value): string {
    switch (v.kind) {
      case "int":
        return intName(v.type);
      case "place":
        return describeLayout(v.layout);
      case "ptr":
        return `a pointer to ${describeLayout(v.layout)} that may be null`;
      case "opt":
        return "a value that may be undefined";
      default:
        return v.kind;
    }
  }

  /** An integer operand of a value already converted to `t`. */
  operand(v: Value): Operand {
    if (v.kind === "int" || v.kind === "bool") return v.op;
    if (v.kind === "const") return imm(v.value);
    return imm(0);
  }

  // ---- arithmetic at a width ----

  /** dst = a op b at type t, keeping canonical form. */
  arith(
    op: "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>",
    t: IntType,
    a: Operand,
    b: Operand,
    /** The result is known to fit t (no wrap-around to restore). */
    fitsType = false,
  ): Operand {
    const narrow = t.bits < 64;
    const w: Width = narrow && !t.signed ? 32 : 64;
    let alu: AluOp;
    switch (op) {
      case "+":
        alu = "add";
        break;
      case "-":
        alu = "sub";
        break;
      case "*":
        alu = "mul";
        break;
      case "/":
        alu = t.signed ? "sdiv" : "div";
        break;
      case "%":
        alu = t.signed ? "smod" : "mod";
        break;
      case "&":
        alu = "and";
        break;
      case "|":
        alu = "or";
        break;
      case "^":
        alu = "xor";
        break;
      case "<<":
        alu = "lsh";
        break;
      case ">>":
        alu = t.signed ? "arsh" : "rsh";
        break;
    }
    if ((alu === "sdiv" || alu === "smod") && this.target.cpu === "v3")
      return this.signedDivide(alu, t, a, b);
    const dst = this.newReg();
    // signed 32-bit and narrower: add/sub/mul/shl in 32 bits then sign-extend; the rest in 64.
    const w2: Width =
      t.signed && narrow && (alu === "add" || alu === "sub" || alu === "mul" || alu === "lsh") ? 32 : w;
    this.b.emit({ op: "alu", alu, w: w2, dst, a: reg(this.inReg(a)), b: this.legal(b, w2) });
    const wraps =
      alu === "add" || alu === "sub" || alu === "mul" || alu === "lsh" || (t.signed && alu === "sdiv");
    if (narrow && !fitsType && (t.signed ? wraps : wraps && t.bits < 32)) {
      const e = this.newReg();
      this.b.emit({ op: "ext", dst: e, src: dst, bits: t.bits as 8 | 16 | 32, signed: t.signed });
      return reg(e);
    }
    return reg(dst);
  }

  /**
   * Signed / and % for v3, which has only unsigned division: divide magnitudes, then give the
   * quotient the sign of a^b and the remainder the sign of a (C's truncating division). Branchless:
   * |a| = (a ^ s) - s with s = a >> 63 (arithmetic). Division by 0 still gives 0 and a % 0 gives a,
   * as SDIV/SMOD do; INT_MIN / -1 gives INT_MIN.
   */
  private signedDivide(alu: "sdiv" | "smod", t: IntType, a: Operand, b: Operand): Operand {
    const emit = (op: AluOp, x: Operand, y: Operand): VReg => {
      const d = this.newReg();
      this.b.emit({ op: "alu", alu: op, w: 64, dst: d, a: reg(this.inReg(x)), b: this.legal(y, 64) });
      return d;
    };
    const abs = (x: Operand): [VReg, VReg] => {
      const s = emit("arsh", x, imm(63));
      return [emit("sub", reg(emit("xor", x, reg(s))), reg(s)), s];
    };
    const [ua, sa] = abs(a);
    const [ub, sb] = abs(b);
    const u = emit(alu === "sdiv" ? "div" : "mod", reg(ua), reg(ub));
    const sign = alu === "sdiv" ? emit("xor", reg(sa), reg(sb)) : sa;
    const r = emit("sub", reg(emit("xor", reg(u), reg(sign))), reg(sign));
    if (t.bits < 64) {
      const e = this.newReg();
      this.b.emit({ op: "ext", dst: e, src: r, bits: t.bits as 8 | 16 | 32, signed: true });
      return reg(e);
    }
    return reg(r);
  }

  // ---- memory ----

  /** A fresh zeroed stack object (8-aligned so it can be cleared and copied in 8-byte steps). */
  stackObject(layout: Layout, name: string, node: Node, zero = true): Addr {
    const size = Math.max(1, sizeOf(layout));
    const slot = this.b.newSlot({ size: Math.ceil(size / 8) * 8, align: 8, name });
    const total = this.b.fn.slots.reduce((s, x) => s + x.size, 0);
    if (total > MAX_STACK)
      this.error(
        Code.STACK_LIMIT,
        node,
        `this program needs ${total} bytes of stack; eBPF allows ${MAX_STACK}`,
        "move large structs into a per-CPU array map used as scratch space",
      );
    const addr: Addr = { kind: "stack", slot, off: 0 };
    if (zero) this.zero(addr, Math.ceil(size / 8) * 8);
    return addr;
  }

  zero(addr: Addr, size: number): void {
    this.zeroRange(addr, 0, size);
  }

  /** Clears bytes [from, to) of an 8-aligned object in naturally aligned steps (the verifier wants aligned stack access). */
  zeroRange(addr: Addr, from: number, to: number): void {
    for (let off = from; off < to; ) {
      let step: Size = 8;
      while (step > 1 && (step > to - off || off % step !== 0)) step = (step / 2) as Size;
      this.b.emit({ op: "store", size: step, addr: offsetAddr(addr, off), src: imm(0) });
      off += step;
    }
  }

  load(size: Size, addr: Addr, t: IntType | { kind: "bool" }): Operand {
    const dst = this.newReg();
    this.b.emit({ op: "load", size, dst, addr });
    if (t.kind === "int" && t.signed && t.bits < 64) {
      const e = this.newReg();
      this.b.emit({ op: "ext", dst: e, src: dst, bits: t.bits as 8 | 16 | 32, signed: true });
      return reg(e);
    }
    return reg(dst);
  }

  store(size: Size, addr: Addr, v: Operand): void {
    const src = v.kind === "imm" && size === 8 && !fitsImm32(v.value) ? reg(this.inReg(v)) : v;
    this.b.emit({
      op: "store",
      size,
      addr,
      src: src.kind === "imm" && size < 8 ? imm(BigInt.asUintN(size * 8, src.value)) : src,
    });
  }

  /** Copies `size` bytes between places, in the widest steps both alignments allow. */
  copy(to: Addr, from: Addr, size: number, align: number): void {
    for (let off = 0; off < size; ) {
      let step: Size = 8;
      while (step > 1 && (step > size - off || step > align)) step = (step / 2) as Size;
      const t = this.newReg();
      this.b.emit({ op: "load", size: step, dst: t, addr: offsetAddr(from, off) });
      this.b.emit({ op: "store", size: step, addr: offsetAddr(to, off), src: reg(t) });
      off += step;
    }
  }

  /** A register holding the address of a place (for helper arguments). */
  addressOf(addr: Addr): VReg {
    if (addr.kind === "reg" && addr.off === 0) return addr.reg;
    const r = this.newReg();
    this.b.emit({ op: "addr", dst: r, addr });
    return r;
  }

  regionIsWritable(region: Region): boolean {
    return region !== "ctx";
  }
}

export function offsetAddr(a: Addr, off: number): Addr {
  return { ...a, off: a.off + off };
}

function minStr(t: IntType): string {
  return t.signed ? `-${1n << BigInt(t.bits - 1)}` : "0";
}

export { I64 };
