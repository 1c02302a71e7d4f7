import type { Diagnostic } from "../../runtime/diag/diagnostic.js";
import { error } from "../../runtime/diag/diagnostic.js";
import {
  Alu,
  Atomic,
  CallSrc,
  Cls,
  Jmp,
  LdImm64Src,
  Mode,
  Op,
  Size,
  Src,
  insn,
  lddw,
  type Instruction,
} from "../../runtime/isa/index.js";
import type { FuncInfo, LineInfo, Relocation } from "../../runtime/object/spec.js";
import { Code } from "../diagnostics/codes.js";
import {
  liveBlocks,
  successors,
  type Addr,
  type AluOp,
  type AtomicOp,
  type Block,
  type BlockId,
  type CmpOp,
  type Inst,
  type IrFunction,
  type Operand,
  type SrcLoc,
  type Terminator,
} from "../ir/ir.js";
import { fitsImm32 } from "../ir/lower/lowerer.js";
import { immediateDominators } from "../passes/dominators.js";
import type { Allocation } from "./regalloc.js";
import { sequentialize } from "./moves.js";
import { DEFAULT_TARGET, type Target } from "../ir/target.js";

/**
 * Instruction selection and layout: turns allocated IR into eBPF instructions, places blocks so
 * that branches fall through where they can, lays out the stack frame below r10, resolves jump
 * offsets (in 8-byte slots; `lddw` takes two) and records relocations and line info.
 */
export interface EmittedFunction {
  readonly instructions: Instruction[];
  readonly relocations: Relocation[];
  readonly lineInfo: LineInfo[];
  readonly funcInfo: FuncInfo[];
  readonly stackSize: number;
  /**
   * Instructions that name another function: `call local` (imm) and `lddw FUNC` (imm), to be set
   * to the callee's slot relative to the next slot when functions are linked (kernel:
   * BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC).
   */
  readonly calls: { readonly insn: number; readonly fn: string }[];
}

const ALU: Readonly<Record<AluOp, [number, number]>> = {
  add: [Alu.ADD, 0],
  sub: [Alu.SUB, 0],
  mul: [Alu.MUL, 0],
  div: [Alu.DIV, 0],
  sdiv: [Alu.DIV, 1],
  mod: [Alu.MOD, 0],
  smod: [Alu.MOD, 1],
  or: [Alu.OR, 0],
  and: [Alu.AND, 0],
  xor: [Alu.XOR, 0],
  lsh: [Alu.LSH, 0],
  rsh: [Alu.RSH, 0],
  arsh: [Alu.ARSH, 0],
};
const JMP: Readonly<Record<CmpOp, number>> = {
  eq: Jmp.JEQ,
  ne: Jmp.JNE,
  gt: Jmp.JGT,
  ge: Jmp.JGE,
  lt: Jmp.JLT,
  le: Jmp.JLE,
  sgt: Jmp.JSGT,
  sge: Jmp.JSGE,
  slt: Jmp.JSLT,
  sle: Jmp.JSLE,
  set: Jmp.JSET,
};
const INVERSE: Readonly<Partial<Record<CmpOp, CmpOp>>> = {
  eq: "ne",
  ne: "eq",
  gt: "le",
  le: "gt",
  ge: "lt",
  lt: "ge",
  sgt: "sle",
  sle: "sgt",
  sge: "slt",
  slt: "sge",
};
const ATOMIC: Readonly<Record<AtomicOp, number>> = {
  add: Atomic.ADD,
  or: Atomic.OR,
  and: Atomic.AND,
  xor: Atomic.XOR,
};
const SIZE: Readonly<Record<number, number>> = { 1: Size.B, 2: Size.H, 4: Size.W, 8: Size.DW };
const COMMUTATIVE = new Set<AluOp>(["add", "mul", "and", "or", "xor"]);
const FP = 10;

/** Block order: follow fall-through successors, then the lowest unplaced block. */
function layout(fn: IrFunction): Block[] {
  const placed = new Set<BlockId>();
  const order: Block[] = [];
  const all = liveBlocks(fn);
  const preds = new Map<BlockId, BlockId[]>();
  for (const b of all) for (const s of successors(b.term)) preds.set(s, [...(preds.get(s) ?? []), b.id]);
  const exits = (b: Block): boolean =>
    b.insts.length === 0 && b.term.op === "ret" && (preds.get(b.id)?.length ?? 0) > 1;
  const idom = immediateDominators(fn);
  const dominates = (a: BlockId, b: BlockId): boolean => {
    for (let x: BlockId | undefined = b; x !== undefined; x = idom.get(x) === x ? undefined : idom.get(x))
      if (x === a) return true;
    return false;
  };
  // every way into b but its loop's back edges is laid out: falling into it leaves no jump to it
  const ready = (b: Block): boolean =>
    (preds.get(b.id) ?? []).every((p) => placed.has(p) || dominates(b.id, p));
  let next: Block | undefined = fn.blocks[0];
  while (order.length < all.length) {
    if (!next || placed.has(next.id))
      next = all.find((b) => !placed.has(b.id) && !exits(b)) ?? all.find((b) => !placed.has(b.id));
    if (!next) break;
    placed.add(next.id);
    order.push(next);
    const t: Terminator = next.term;
    const cand = t.op === "jmp" ? [t.target] : t.op === "br" ? [t.else, t.then] : [];
    // a shared exit (`return c` and nothing else) comes last: code falls into it rather than
    // jumping back to it (clang's layout of early returns)
    const free = cand
      .map((id) => fn.blocks[id])
      .filter((b): b is Block => b !== undefined && !placed.has(b.id));
    // and a loop's exit waits for its latch, so the body follows the loop test (clang's layout)
    next = free.find((b) => !exits(b) && ready(b)) ?? free.find((b) => !exits(b)) ?? free[0];
  }
  return order;
}

export function emitFunction(
  fn: IrFunction,
  alloc: Allocation,
  diagnostics: Diagnostic[],
  target: Target = DEFAULT_TARGET,
): EmittedFunction {
  const v4 = target.cpu === "v4";
  const calls: { insn: number; fn: string }[] = [];
  const R = (v: number): number => {
    const c = alloc.color.get(v);
    if (c === undefined) throw new Error(`v${v} has no register`);
    return c;
  };
  // frame: slots below r10, each at its alignment
  const slotOff: number[] = [];
  let top = 0;
  for (const s of fn.slots) {
    top += s.size;
    top = Math.ceil(top / s.align) * s.align;
    slotOff.push(-top);
  }
  if (top > 512)
    diagnostics.push(
      error(
        Code.STACK_LIMIT,
        `${fn.name} needs ${top} bytes of stack (including spilled values); eBPF allows 512`,
        { hint: "use fewer live values or move large structs to a per-CPU array map" },
      ),
    );
  const out: Instruction[] = [];
  const relocations: Relocation[] = [];
  const lineInfo: LineInfo[] = [];
  const fixups: { at: number; target: BlockId }[] = [];
  const blockStart = new Map<BlockId, number>();
  let lastLoc = "";
  let loc: SrcLoc | undefined;
  const push = (i: Instruction): void => {
    if (loc) {
      const key = `${loc.location.file}:${loc.location.line}:${loc.location.column}`;
      if (key !== lastLoc) {
        lastLoc = key;
        lineInfo.push({
          insn: out.length,
          file: loc.location.file,
          line: loc.location.line,
          column: loc.location.column,
          text: loc.text,
        });
        i = { ...i, meta: { ...(i.meta ?? {}), source: loc.location, sourceLine: loc.text } };
      }
    }
    out.push(i);
  };
  const base = (a: Addr): [number, number] =>
    a.kind === "reg" ? [R(a.reg), a.off] : [FP, slotOff[a.slot]! + a.off];
  const movImm = (dst: number, v: bigint): void => {
    const u = BigInt.asUintN(64, v);
    if (fitsImm32(u)) push(insn(Cls.ALU64 | Alu.MOV | Src.K, { dst, imm: Number(BigInt.asIntN(32, u)) }));
    else if (u <= 0xffffffffn)
      push(insn(Cls.ALU | Alu.MOV | Src.K, { dst, imm: Number(BigInt.asIntN(32, u)) }));
    else push(lddw(dst, u));
  };
  const mov = (dst: number, src: Operand, w: 32 | 64 = 64): void => {
    if (src.kind === "imm")
      return w === 32 ? movImm(dst, BigInt.asUintN(32, src.value)) : movImm(dst, src.value);
    const s = R(src.reg);
    if (s !== dst || w === 32)
      push(insn((w === 32 ? Cls.ALU : Cls.ALU64) | Alu.MOV | Src.X, { dst, src: s }));
  };
  const alu = (op: AluOp, w: 32 | 64, dst: number, b: Operand): void => {
    const [code, off] = ALU[op];
    const cls = w === 32 ? Cls.ALU : Cls.ALU64;
    if (b.kind === "imm")
      push(insn(cls | code | Src.K, { dst, off, imm: Number(BigInt.asIntN(32, b.value)) }));
    else push(insn(cls | code | Src.X, { dst, src: R(b.reg), off }));
  };
  const jump = (cmp: CmpOp, a: number, b: Operand, target: BlockId): void => {
    fixups.push({ at: out.length, target });
    if (b.kind === "imm")
      push(insn(Cls.JMP | JMP[cmp] | Src.K, { dst: a, imm: Number(BigInt.asIntN(32, b.value)) }));
    else push(insn(Cls.JMP | JMP[cmp] | Src.X, { dst: a, src: R(b.reg) }));
  };
  const ja = (target: BlockId): void => {
    fixups.push({ at: out.length, target });
    push(insn(Op.JA));
  };

  const order = layout(fn);
  order.forEach((b, k) => {
    blockStart.set(b.id, out.length);
    const next = order[k + 1]?.id;
    const insts = b.insts;
    for (let n = 0; n < insts.length; n++) {
      const i = insts[n]!;
      loc = i.loc ?? loc;
      if (i.op === "param") {
        // all parameters at once: they arrive in r1.. and may be permuted
        const group: Inst[] = [];
        while (n < insts.length && insts[n]!.op === "param") group.push(insts[n++]!);
        n--;
        const moves = group.map(
          (p) => [R((p as { dst: number }).dst), (p as { index: number }).index + 1] as const,
        );
        for (const [d, s] of sequentialize(moves, 0))
          push(insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: d, src: s }));
        continue;
      }
      emitInst(i);
    }
    loc = b.term.loc ?? loc;
    const t = b.term;
    if (t.op === "ret") {
      mov(0, t.value);
      push(insn(Op.EXIT));
    } else if (t.op === "jmp") {
      if (t.target !== next) ja(t.target);
    } else {
      const a = R(t.a);
      const inv = INVERSE[t.cmp];
      if (t.else === next) jump(t.cmp, a, t.b, t.then);
      else if (t.then === next && inv) jump(inv, a, t.b, t.else);
      else {
        jump(t.cmp, a, t.b, t.then);
        ja(t.else);
      }
    }
  });

  function emitInst(i: Inst): void {
    switch (i.op) {
      case "mov":
        return mov(R(i.dst), i.src, i.w);
      case "alu": {
        const d = R(i.dst);
        let a = i.a;
        let b = i.b;
        if (b.kind === "reg" && R(b.reg) === d && !(a.kind === "reg" && R(a.reg) === d)) {
          if (!COMMUTATIVE.has(i.alu))
            throw new Error(`allocator let v${i.dst} share a register with the right operand of ${i.alu}`);
          [a, b] = [b, a];
        }
        mov(d, a, i.w === 32 && a.kind === "imm" ? 32 : 64);
        return alu(i.alu, i.w, d, b);
      }
      case "neg": {
        const d = R(i.dst);
        mov(d, { kind: "reg", reg: i.a });
        push(insn((i.w === 32 ? Cls.ALU : Cls.ALU64) | Alu.NEG, { dst: d }));
        return;
      }
      case "ext": {
        const d = R(i.dst);
        if (!i.signed && i.bits === 32)
          return void push(insn(Cls.ALU | Alu.MOV | Src.X, { dst: d, src: R(i.src) }));
        if (i.signed && v4)
          return void push(insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: d, src: R(i.src), off: i.bits })); // movsx
        mov(d, { kind: "reg", reg: i.src });
        if (!i.signed) return alu("and", 64, d, { kind: "imm", value: i.bits === 8 ? 0xffn : 0xffffn });
        alu("lsh", 64, d, { kind: "imm", value: BigInt(64 - i.bits) });
        return alu("arsh", 64, d, { kind: "imm", value: BigInt(64 - i.bits) });
      }
      case "bswap": {
        const d = R(i.dst);
        mov(d, { kind: "reg", reg: i.src });
        push(insn(Cls.ALU | Alu.END | Src.X, { dst: d, imm: i.bits }));
        return;
      }
      case "load": {
        const [r, off] = base(i.addr);
        push(insn(Cls.LDX | Mode.MEM | SIZE[i.size]!, { dst: R(i.dst), src: r, off }));
        return;
      }
      case "store": {
        const [r, off] = base(i.addr);
        if (i.src.kind === "imm")
          push(
            insn(Cls.ST | Mode.MEM | SIZE[i.size]!, {
              dst: r,
              off,
              imm: Number(BigInt.asIntN(32, i.src.value)),
            }),
          );
        else push(insn(Cls.STX | Mode.MEM | SIZE[i.size]!, { dst: r, src: R(i.src.reg), off }));
        return;
      }
      case "atomic": {
        const [r, off] = base(i.addr);
        push(insn(Cls.STX | Mode.ATOMIC | SIZE[i.size]!, { dst: r, src: R(i.src), off, imm: ATOMIC[i.aop] }));
        return;
      }
      case "addr": {
        const d = R(i.dst);
        const [r, off] = base(i.addr);
        if (r !== d) push(insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: d, src: r }));
        if (off !== 0) alu("add", 64, d, { kind: "imm", value: BigInt(off) });
        return;
      }
      case "ldmap":
        relocations.push({ insn: out.length, target: { kind: "map", map: i.map } });
        push({ ...lddw(R(i.dst), 0n, LdImm64Src.MAP_FD), meta: { reloc: { symbol: i.map, type: 1 } } });
        return;
      case "ldfunc":
        calls.push({ insn: out.length, fn: i.fn });
        relocations.push({ insn: out.length, target: { kind: "func", function: i.fn } });
        push(lddw(R(i.dst), 0n, LdImm64Src.FUNC));
        return;
      case "ldglobal":
        relocations.push({
          insn: out.length,
          target: { kind: "mapValue", map: i.section, offset: i.offset },
        });
        push({
          ...lddw(R(i.dst), BigInt(i.offset), LdImm64Src.MAP_VALUE),
          meta: { reloc: { symbol: i.section, type: 1, section: i.section } },
        });
        return;
      case "call": {
        const regMoves: (readonly [number, number])[] = [];
        i.args.forEach((a, n) => {
          if (a.kind === "reg") regMoves.push([n + 1, R(a.reg)] as const);
        });
        for (const [d, s] of sequentialize(regMoves, 0))
          push(insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: d, src: s }));
        i.args.forEach((a, n) => {
          if (a.kind === "imm") movImm(n + 1, a.value);
        });
        if (i.local !== undefined) {
          calls.push({ insn: out.length, fn: i.local });
          relocations.push({ insn: out.length, target: { kind: "call", function: i.local } });
          push(insn(Op.CALL, { src: CallSrc.LOCAL, imm: -1 }));
        } else push(insn(Op.CALL, { imm: i.helper }));
        if (i.dst !== undefined && alloc.color.has(i.dst) && R(i.dst) !== 0)
          push(insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: R(i.dst), src: 0 }));
        return;
      }
      case "param":
        return;
    }
  }

  // jump offsets in slots
  const slotOf: number[] = [];
  let slot = 0;
  for (const ins of out) {
    slotOf.push(slot);
    slot += ins.opcode === Op.LDDW ? 2 : 1;
  }
  slotOf.push(slot);
  for (const f of fixups) {
    const target = blockStart.get(f.target);
    if (target === undefined) throw new Error(`jump to missing block b${f.target}`);
    const off = slotOf[target]! - (slotOf[f.at]! + 1);
    out[f.at] = { ...out[f.at]!, off };
  }
  return {
    instructions: out,
    relocations,
    lineInfo,
    funcInfo: [{ insn: 0, name: fn.name }],
    stackSize: top,
    calls,
  };
}
