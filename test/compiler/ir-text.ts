import type {
  Addr,
  AluOp,
  Block,
  CmpOp,
  Inst,
  IrFunction,
  Operand,
  Terminator,
} from "../../compiler/ir/ir.js";
import { imm, reg } from "../../compiler/ir/ir.js";

/**
 * Reads the IR's printed form (compiler/ir/print.ts) back, so pass tests are written as text in
 * and text out. Covers what those tests use: param, mov, alu, neg, zext/sext, bswap, load/store
 * through a register, call, jmp, br, ret. Blocks must be numbered b0, b1, … in order.
 */
export function parseIr(text: string, name = "f"): IrFunction {
  const blocks: Block[] = [];
  let insts: Inst[] = [];
  let maxReg = 0;
  const operand = (s: string): Operand => {
    if (s.startsWith("v")) {
      const r = Number(s.slice(1));
      maxReg = Math.max(maxReg, r);
      return reg(r);
    }
    return imm(BigInt(s));
  };
  const vreg = (s: string): number => {
    const o = operand(s);
    if (o.kind !== "reg") throw new Error(`expected a register: ${s}`);
    return o.reg;
  };
  const address = (s: string): Addr => {
    const m = /^\[(v\d+)([+-]\d+)\]$/.exec(s);
    if (!m) throw new Error(`bad address ${s}`);
    return { kind: "reg", reg: vreg(m[1]!), off: Number(m[2]) };
  };
  const block = (s: string): number => Number(s.replace(/^b/, ""));
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("function")) continue;
    if (/^b\d+:$/.test(line)) continue;
    let m: RegExpExecArray | null;
    const finish = (term: Terminator) => {
      blocks.push({ id: blocks.length, insts, term });
      insts = [];
    };
    if ((m = /^jmp (b\d+)$/.exec(line))) finish({ op: "jmp", target: block(m[1]!) });
    else if ((m = /^br (\w+?)(32|64) (v\d+), (\S+) \? (b\d+) : (b\d+)$/.exec(line)))
      finish({
        op: "br",
        cmp: m[1] as CmpOp,
        w: Number(m[2]) as 32 | 64,
        a: vreg(m[3]!),
        b: operand(m[4]!),
        then: block(m[5]!),
        else: block(m[6]!),
      });
    else if ((m = /^ret (\S+)$/.exec(line))) finish({ op: "ret", value: operand(m[1]!) });
    else if ((m = /^store(8|16|32|64) (\S+), (\S+)$/.exec(line)))
      insts.push({
        op: "store",
        size: (Number(m[1]) / 8) as 1 | 2 | 4 | 8,
        addr: address(m[2]!),
        src: operand(m[3]!),
      });
    else if ((m = /^(v\d+) = (.*)$/.exec(line))) {
      const dst = vreg(m[1]!);
      const rhs = m[2]!;
      let r: RegExpExecArray | null;
      if ((r = /^param (\d+)$/.exec(rhs))) insts.push({ op: "param", dst, index: Number(r[1]) });
      else if ((r = /^mov(32|64) (\S+)$/.exec(rhs)))
        insts.push({ op: "mov", dst, src: operand(r[2]!), w: Number(r[1]) as 32 | 64 });
      else if ((r = /^neg(32|64) (v\d+)$/.exec(rhs)))
        insts.push({ op: "neg", dst, a: vreg(r[2]!), w: Number(r[1]) as 32 | 64 });
      else if ((r = /^([sz])ext(8|16|32) (v\d+)$/.exec(rhs)))
        insts.push({
          op: "ext",
          dst,
          src: vreg(r[3]!),
          bits: Number(r[2]) as 8 | 16 | 32,
          signed: r[1] === "s",
        });
      else if ((r = /^bswap(16|32|64) (v\d+)$/.exec(rhs)))
        insts.push({ op: "bswap", dst, src: vreg(r[2]!), bits: Number(r[1]) as 16 | 32 | 64 });
      else if ((r = /^load(8|16|32|64) (\S+)$/.exec(rhs)))
        insts.push({ op: "load", dst, size: (Number(r[1]) / 8) as 1 | 2 | 4 | 8, addr: address(r[2]!) });
      else if ((r = /^call (\d+)\((.*)\)$/.exec(rhs)))
        insts.push({
          op: "call",
          dst,
          helper: Number(r[1]),
          args: r[2] ? r[2].split(", ").map(operand) : [],
        });
      else if ((r = /^(\w+?)(32|64) (\S+), (\S+)$/.exec(rhs)))
        insts.push({
          op: "alu",
          dst,
          alu: r[1] as AluOp,
          w: Number(r[2]) as 32 | 64,
          a: operand(r[3]!),
          b: operand(r[4]!),
        });
      else throw new Error(`cannot parse ${line}`);
    } else throw new Error(`cannot parse ${line}`);
  }
  return { name, blocks, slots: [], nextReg: maxReg + 1 };
}

/** Strips indentation so expected IR can be written as an indented template literal. */
export function ir(strings: TemplateStringsArray, ...values: unknown[]): string {
  return String.raw({ raw: strings }, ...values)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");
}
