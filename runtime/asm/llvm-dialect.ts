import { Atomic, insn, lddw, OP_FORMS, REG_COUNT, type Instruction, type OpForm } from "../isa/index.js";
import { AsmCode } from "./codes.js";
import type { JumpTarget } from "./items.js";
import type { LineContext } from "./line.js";
import { LLVM_ALU_OPS, LLVM_ATOMIC_OPS, LLVM_JMP_OPS } from "./llvm-operators.js";
import { readImm32, readImm64, readOffset16, readOffset32 } from "./numbers.js";

/**
 * The LLVM BPF assembler syntax: what clang -S emits and llvm-objdump prints (BPFInstrInfo.td
 * strings, LLVM 14 plus the ISA v4 additions of LLVM 17+: `s/=`, `(s8)`, `*(s16 *)`, `bswap`,
 * `gotol`, `%=`, `&` jumps, stores of immediates). Also reads llvm-objdump listings: slot
 * numbers, raw bytes, `<label>` annotations, symbol and relocation lines.
 */

const REG = String.raw`([rw]\d+)`;
const NUM = String.raw`([+-]?(?:0x[0-9a-fA-F]+|\d+))`;
const TARGET = String.raw`([+-]\s*(?:0x[0-9a-fA-F]+|\d+)|[A-Za-z_.$][\w.$]*)`;
const SIZE = String.raw`\*\(\s*([us](?:8|16|32|64))\s*\*\s*\)`;
const MEM = String.raw`([rw]\d+)\s*(?:([+-])\s*(0x[0-9a-fA-F]+|\d+))?`;
const OPERAND = String.raw`([rw]\d+|[+-]?(?:0x[0-9a-fA-F]+|\d+))`;

const re = (source: string) => new RegExp(`^${source}$`, "d");

/** A regex match with the column of each group in the source line. */
class Groups {
  constructor(
    private readonly m: RegExpExecArray,
    private readonly base: number,
  ) {}
  text(i: number): string | undefined {
    return this.m[i];
  }
  col(i: number): number {
    const span = this.m.indices?.[i];
    return this.base + (span ? span[0] : 0) + 1;
  }
  len(i: number): number {
    return this.m[i]?.length ?? 0;
  }
}

interface Reg {
  readonly n: number;
  /** `rN` (64-bit view) or `wN` (32-bit subregister). */
  readonly wide: boolean;
  readonly text: string;
  readonly col: number;
}

type Built = { insn: Instruction; target?: JumpTarget } | undefined;
type Handler = (ctx: LineContext, g: Groups) => Built;

const findForm = (pred: (f: OpForm) => boolean): OpForm => {
  const f = OP_FORMS.find(pred);
  if (!f) throw new Error("opcode table has no form for an LLVM syntax rule"); // a bug, not bad input
  return f;
};

const make = (form: OpForm, fields: { dst?: number; src?: number; off?: number; imm?: number }) =>
  insn(form.opcode, { ...fields, ...form.select });

/** Directives clang -S writes around code; they carry nothing the instruction stream needs. */
const IGNORED_DIRECTIVES = new Set([
  ".text",
  ".section",
  ".globl",
  ".global",
  ".p2align",
  ".align",
  ".type",
  ".size",
  ".file",
  ".loc",
  ".addrsig",
  ".addrsig_sym",
]);

/** Parses one line of the LLVM dialect into `ctx.items` (or `ctx.diagnostics`). */
export function parseLlvmLine(ctx: LineContext): void {
  let code = ctx.text;
  // Comments: `;` and `#` (llvm-mc), `//`.
  const cut = code.search(/;|#|\/\//);
  if (cut >= 0) code = code.slice(0, cut);
  let base = 0;
  const skip = (n: number) => {
    base += n;
    code = code.slice(n);
  };
  skip(code.length - code.trimStart().length);
  code = code.trimEnd();
  if (code === "") return;

  // llvm-objdump listing furniture.
  if (/^Disassembly of section /.test(code) || /:\s+file format /.test(code)) return;
  if (/^[0-9a-f]+:\s+R_BPF_/.test(code)) return; // relocation line of -dr
  const symbol = /^[0-9a-f]{16}\s+<([^>]+)>:$/d.exec(code);
  if (symbol) {
    ctx.items.push({ kind: "label", name: symbol[1]!, location: ctx.at(base + symbol.indices![1]![0] + 1) });
    return;
  }
  const slot = /^\d+:\s*/.exec(code);
  if (slot) {
    skip(slot[0].length);
    const bytes = /^(?:[0-9a-f]{2} ){7}[0-9a-f]{2}(?: (?:[0-9a-f]{2} ){7}[0-9a-f]{2})?\s+/.exec(code);
    if (bytes) skip(bytes[0].length);
  }
  const annotation = /\s+<[^<>\s]+>$/.exec(code);
  if (annotation) code = code.slice(0, annotation.index);
  if (code === "<unknown>") {
    ctx.fail(
      AsmCode.UNDECODABLE,
      "llvm-objdump could not decode this instruction ('<unknown>')",
      base + 1,
      code.length,
    );
    return;
  }

  const label = /^([A-Za-z_.$][\w.$]*):\s*/d.exec(code);
  if (label) {
    ctx.items.push({ kind: "label", name: label[1]!, location: ctx.at(base + 1, label[1]!.length) });
    skip(label[0].length);
    if (code === "") return;
  }
  if (code.startsWith(".")) {
    const directive = code.split(/\s/)[0]!;
    if (IGNORED_DIRECTIVES.has(directive) || directive.startsWith(".cfi_")) return;
    ctx.fail(AsmCode.UNKNOWN_INSTRUCTION, `unsupported directive '${directive}'`, base + 1, directive.length);
    return;
  }

  for (const [pattern, handler] of RULES) {
    const m = pattern.exec(code);
    if (!m) continue;
    const built = handler(ctx, new Groups(m, base));
    if (built) ctx.items.push({ kind: "insn", ...built, location: ctx.at(base + 1) });
    return;
  }
  ctx.fail(
    AsmCode.UNKNOWN_INSTRUCTION,
    `cannot read '${code}' as a BPF instruction`,
    base + 1,
    code.length,
    hintFor(code),
  );
}

function hintFor(code: string): string | undefined {
  if (/^if\b/.test(code)) return "conditional jumps read 'if r1 > r2 goto +3' or 'if w1 s< 5 goto label'";
  if (/^lock\b/.test(code)) return "atomic adds read 'lock *(u64 *)(r1 + 0) += r2'";
  if (/^call\b/.test(code))
    return "calls read 'call 1' (helper), 'call pc+3' or 'call label' (local), 'callx r2'";
  if (/%r\d/.test(code)) return "this is bpf_conformance syntax; assemble it with the conformance dialect";
  if (/^\*\(/.test(code)) return "stores read '*(u32 *)(r10 - 4) = r1' or '*(u64 *)(r1 + 8) = 5'";
  if (/\*\(/.test(code)) return "loads read 'r0 = *(u32 *)(r1 + 4)'";
  return undefined;
}

function reg(ctx: LineContext, g: Groups, i: number): Reg | undefined {
  const text = g.text(i)!;
  const n = Number(text.slice(1));
  if (n >= REG_COUNT) {
    return ctx.fail(
      AsmCode.BAD_REGISTER,
      `invalid register ${text}: eBPF has r0-r10 (w0-w10)`,
      g.col(i),
      text.length,
    );
  }
  return { n, wide: text[0] === "r", text, col: g.col(i) };
}

function requireWide(ctx: LineContext, r: Reg, wide: boolean, why: string): boolean {
  if (r.wide === wide) return true;
  const want = (wide ? "r" : "w") + r.n;
  ctx.fail(AsmCode.REGISTER_WIDTH, `${why}: write ${want}, not ${r.text}`, r.col, r.text.length);
  return false;
}

function imm32(ctx: LineContext, g: Groups, i: number): number | undefined {
  const text = g.text(i)!;
  const r = readImm32(text, { unsignedDecimal: true });
  if (r.ok) return r.value;
  return ctx.fail(r.range ? AsmCode.IMM_RANGE : AsmCode.BAD_NUMBER, r.message, g.col(i), text.length);
}

function memory(ctx: LineContext, g: Groups, first: number): { reg: number; off: number } | undefined {
  const base = reg(ctx, g, first);
  if (!base || !requireWide(ctx, base, true, "memory addresses are 64-bit")) return;
  const sign = g.text(first + 1);
  if (sign === undefined) return { reg: base.n, off: 0 };
  const text = sign + g.text(first + 2)!;
  const r = readOffset16(text);
  if (!r.ok) {
    return ctx.fail(
      r.range ? AsmCode.OFFSET_RANGE : AsmCode.BAD_NUMBER,
      r.message,
      g.col(first + 1),
      text.length + 1,
    );
  }
  return { reg: base.n, off: r.value };
}

function target(
  ctx: LineContext,
  g: Groups,
  i: number,
  field: "off" | "imm",
  build: (v: number) => Instruction,
): Built {
  const text = g.text(i)!;
  if (/^[+-]/.test(text)) {
    const compact = text.replace(/\s+/g, "");
    const r = field === "off" ? readOffset16(compact) : readOffset32(compact);
    if (!r.ok)
      return ctx.fail(r.range ? AsmCode.OFFSET_RANGE : AsmCode.BAD_NUMBER, r.message, g.col(i), text.length);
    return { insn: build(r.value) };
  }
  return { insn: build(0), target: { label: text, field, location: ctx.at(g.col(i), text.length) } };
}

/** Access size of `u8`…`u64`/`s8`…`s32`. */
const bytesOf = (type: string) => Number(type.slice(1)) / 8;

const aluOp = new Map(LLVM_ALU_OPS.map(([s, op, signed]) => [s, { op, signed }]));
const jmpOp = new Map(LLVM_JMP_OPS.map(([s, op]) => [s, op]));
const atomicOp = new Map(LLVM_ATOMIC_OPS.map(([s, op, name]) => [s, { op, name }]));
const fetchOp = new Map(LLVM_ATOMIC_OPS.map(([, op, name]) => [name, op]));
const escape = (s: string) => s.replace(/[|&*+/^$.?()[\]\\-]/g, "\\$&");
const alternation = (ops: Iterable<string>) =>
  [...ops]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");

const RULES: ReadonlyArray<readonly [RegExp, Handler]> = [
  [
    re("exit"),
    () => ({
      insn: make(
        findForm((f) => f.kind === "exit"),
        {},
      ),
    }),
  ],

  // goto: 16-bit offset (JMP class); gotol: 32-bit distance in imm (JMP32 class, ISA v4).
  [
    re(String.raw`(goto|gotol)\s+${TARGET}`),
    (ctx, g) => {
      const long = g.text(1) === "gotol";
      const form = findForm((f) => f.kind === "ja" && f.is64 === !long);
      return target(ctx, g, 2, long ? "imm" : "off", (v) => make(form, long ? { imm: v } : { off: v }));
    },
  ],

  [
    re(String.raw`if\s+${REG}\s*(${alternation(jmpOp.keys())})\s*${OPERAND}\s+goto\s+${TARGET}`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      if (!dst) return;
      const op = jmpOp.get(g.text(2)!)!;
      const isReg = /^[rw]/.test(g.text(3)!);
      let fields: { dst: number; src?: number; imm?: number };
      if (isReg) {
        const src = reg(ctx, g, 3);
        if (!src || !requireWide(ctx, src, dst.wide, "both sides of a comparison have the same width"))
          return;
        fields = { dst: dst.n, src: src.n };
      } else {
        const imm = imm32(ctx, g, 3);
        if (imm === undefined) return;
        fields = { dst: dst.n, imm };
      }
      const form = findForm(
        (f) => f.kind === "jcond" && f.is64 === dst.wide && f.op === op && (f.src.kind === "reg") === isReg,
      );
      return target(ctx, g, 4, "off", (off) => make(form, { ...fields, off }));
    },
  ],

  // callx: the register goes in dst (see runtime/isa/table.ts; LLVM 14 read it from imm).
  [
    re(String.raw`callx\s+${REG}`),
    (ctx, g) => {
      const r = reg(ctx, g, 1);
      if (!r || !requireWide(ctx, r, true, "callx takes a 64-bit register")) return;
      return {
        insn: make(
          findForm((f) => f.kind === "callx"),
          { dst: r.n },
        ),
      };
    },
  ],
  [
    re(String.raw`call\s+${NUM}`),
    (ctx, g) => {
      const imm = imm32(ctx, g, 1);
      return imm === undefined
        ? undefined
        : {
            insn: make(
              findForm((f) => f.mnemonic === "call"),
              { imm },
            ),
          };
    },
  ],
  // Local (BPF-to-BPF) calls: LLVM prints them as `call N` like helpers; tsbpf writes `call pc+N`
  // (the kernel's spelling) or `call label` so the src=1 marker survives a round trip.
  [
    re(String.raw`call\s+pc\s*([+-]\s*(?:0x[0-9a-fA-F]+|\d+))`),
    (ctx, g) =>
      target(ctx, g, 1, "imm", (imm) =>
        make(
          findForm((f) => f.mnemonic === "call local"),
          { imm },
        ),
      ),
  ],
  [
    re(String.raw`call\s+kfunc\s+${NUM}(?:\s*,\s*${NUM})?`),
    (ctx, g) => {
      const imm = imm32(ctx, g, 1);
      let off = 0;
      if (g.text(2) !== undefined) {
        const r = readOffset16(g.text(2)!);
        if (!r.ok) return ctx.fail(AsmCode.OFFSET_RANGE, r.message, g.col(2), g.len(2));
        off = r.value;
      }
      return imm === undefined
        ? undefined
        : {
            insn: make(
              findForm((f) => f.mnemonic === "call kfunc"),
              { imm, off },
            ),
          };
    },
  ],
  [
    re(String.raw`call\s+([A-Za-z_.$][\w.$]*)`),
    (ctx, g) =>
      target(ctx, g, 1, "imm", (imm) =>
        make(
          findForm((f) => f.mnemonic === "call local"),
          { imm },
        ),
      ),
  ],

  // 64-bit immediate loads; `ld_pseudo dst, src, imm` is how LLVM prints a pseudo source.
  [
    re(String.raw`ld_pseudo\s+${REG}\s*,\s*(\d+)\s*,\s*${NUM}`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      const src = Number(g.text(2));
      if (src > 6)
        return ctx.fail(AsmCode.BAD_OPERAND, `pseudo source must be 0-6, got ${src}`, g.col(2), g.len(2));
      const value = imm64(ctx, g, 3);
      if (!dst || value === undefined || !requireWide(ctx, dst, true, "lddw loads a 64-bit register")) return;
      return { insn: lddw(dst.n, value, src) };
    },
  ],
  [
    re(String.raw`${REG}\s*=\s*${NUM}\s+ll`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      const value = imm64(ctx, g, 2);
      if (!dst || value === undefined || !requireWide(ctx, dst, true, "lddw loads a 64-bit register")) return;
      return { insn: lddw(dst.n, value) };
    },
  ],

  // Legacy packet loads: r0 = *(u16 *)skb[imm] (LD_ABS) / skb[rN] or skb[rN + imm] (LD_IND).
  [
    re(
      String.raw`${REG}\s*=\s*${SIZE}\s*skb\[\s*(?:${REG}\s*(?:([+-])\s*(0x[0-9a-fA-F]+|\d+))?|${NUM})\s*\]`,
    ),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      if (!dst) return;
      if (dst.n !== 0 || !dst.wide) {
        return ctx.fail(AsmCode.BAD_OPERAND, "packet loads always write r0", dst.col, dst.text.length);
      }
      const type = g.text(2)!;
      const size = bytesOf(type);
      if (type[0] !== "u" || size === 8) {
        return ctx.fail(
          AsmCode.BAD_OPERAND,
          `packet loads read u8, u16 or u32, not ${type}`,
          g.col(2),
          type.length,
        );
      }
      if (g.text(3) !== undefined) {
        const src = reg(ctx, g, 3);
        if (!src || !requireWide(ctx, src, true, "the packet offset register is 64-bit")) return;
        let imm = 0;
        if (g.text(4) !== undefined) {
          const text = g.text(4)! + g.text(5)!;
          const r = readImm32(text, { unsignedDecimal: true });
          if (!r.ok) return ctx.fail(AsmCode.IMM_RANGE, r.message, g.col(4), text.length);
          imm = r.value;
        }
        return {
          insn: make(
            findForm((f) => f.kind === "ldind" && f.size === size),
            { src: src.n, imm },
          ),
        };
      }
      const imm = imm32(ctx, g, 6);
      return imm === undefined
        ? undefined
        : {
            insn: make(
              findForm((f) => f.kind === "ldabs" && f.size === size),
              { imm },
            ),
          };
    },
  ],

  [
    re(String.raw`${REG}\s*=\s*${SIZE}\s*\(\s*${MEM}\s*\)`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      const type = g.text(2)!;
      const size = bytesOf(type);
      const signed = type[0] === "s";
      if (!dst) return;
      if (signed && size === 8)
        return ctx.fail(AsmCode.BAD_OPERAND, "there is no s64 load; use u64", g.col(2), type.length);
      // LLVM's alu32 mode prints narrow zero-extending loads into wN; the encoding is the same.
      if (!dst.wide && (signed || size === 8)) {
        requireWide(ctx, dst, true, `a ${type} load writes a 64-bit register`);
        return;
      }
      const m = memory(ctx, g, 3);
      if (!m) return;
      const form = findForm((f) => f.kind === (signed ? "ldxsx" : "ldx") && f.size === size);
      return { insn: make(form, { dst: dst.n, src: m.reg, off: m.off }) };
    },
  ],

  [
    re(String.raw`${SIZE}\s*\(\s*${MEM}\s*\)\s*=\s*${OPERAND}`),
    (ctx, g) => {
      const type = g.text(1)!;
      const size = bytesOf(type);
      if (type[0] !== "u")
        return ctx.fail(AsmCode.BAD_OPERAND, `stores write u8…u64, not ${type}`, g.col(1), type.length);
      const m = memory(ctx, g, 2);
      if (!m) return;
      if (/^[rw]/.test(g.text(5)!)) {
        const src = reg(ctx, g, 5);
        if (!src) return;
        if (!src.wide && size === 8 && !requireWide(ctx, src, true, "a u64 store reads a 64-bit register"))
          return;
        return {
          insn: make(
            findForm((f) => f.kind === "stx" && f.size === size),
            { dst: m.reg, off: m.off, src: src.n },
          ),
        };
      }
      const imm = imm32(ctx, g, 5);
      if (imm === undefined) return;
      return {
        insn: make(
          findForm((f) => f.kind === "st" && f.size === size),
          { dst: m.reg, off: m.off, imm },
        ),
      };
    },
  ],

  [
    re(String.raw`lock\s+${SIZE}\s*\(\s*${MEM}\s*\)\s*(${alternation(atomicOp.keys())})=\s*${REG}`),
    (ctx, g) => {
      const size = atomicSize(ctx, g, 1);
      const m = memory(ctx, g, 2);
      const src = reg(ctx, g, 6);
      if (size === undefined || !m || !src) return;
      if (size === 8 && !requireWide(ctx, src, true, "a 64-bit atomic reads a 64-bit register")) return;
      const op = atomicOp.get(g.text(5)!)!.op;
      return { insn: atomic(size, op, m, src.n) };
    },
  ],
  [
    re(
      String.raw`${REG}\s*=\s*atomic_fetch_(add|or|and|xor)\(\s*\(\s*([us](?:8|16|32|64))\s*\*\s*\)\s*\(\s*${MEM}\s*\)\s*,\s*${REG}\s*\)`,
    ),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      const size = atomicSize(ctx, g, 3);
      const m = memory(ctx, g, 4);
      const val = reg(ctx, g, 7);
      if (!dst || size === undefined || !m || !val) return;
      if (!sameRegister(ctx, dst, val, "the fetched value replaces the operand register")) return;
      if (
        !requireWide(
          ctx,
          val,
          size === 8,
          `a ${size * 8}-bit atomic fetch uses ${size === 8 ? "r" : "w"} registers`,
        )
      )
        return;
      return { insn: atomic(size, fetchOp.get(g.text(2)!)! | Atomic.FETCH, m, val.n) };
    },
  ],
  [
    re(String.raw`${REG}\s*=\s*(xchg_64|xchg32_32)\(\s*${MEM}\s*,\s*${REG}\s*\)`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      const size = g.text(2) === "xchg_64" ? 8 : 4;
      const m = memory(ctx, g, 3);
      const val = reg(ctx, g, 6);
      if (!dst || !m || !val) return;
      if (!sameRegister(ctx, dst, val, "xchg returns the old value in the operand register")) return;
      if (!requireWide(ctx, val, size === 8, `${g.text(2)} uses ${size === 8 ? "r" : "w"} registers`)) return;
      return { insn: atomic(size, Atomic.XCHG, m, val.n) };
    },
  ],
  [
    re(String.raw`${REG}\s*=\s*(cmpxchg_64|cmpxchg32_32)\(\s*${MEM}\s*,\s*${REG}\s*,\s*${REG}\s*\)`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      const size = g.text(2) === "cmpxchg_64" ? 8 : 4;
      const m = memory(ctx, g, 3);
      const expected = reg(ctx, g, 6);
      const val = reg(ctx, g, 7);
      if (!dst || !m || !expected || !val) return;
      for (const r of [dst, expected]) {
        if (r.n !== 0)
          return ctx.fail(
            AsmCode.OPERAND_MISMATCH,
            "cmpxchg compares with and returns in r0",
            r.col,
            r.text.length,
          );
      }
      for (const r of [dst, expected, val]) {
        if (!requireWide(ctx, r, size === 8, `${g.text(2)} uses ${size === 8 ? "r" : "w"} registers`)) return;
      }
      return { insn: atomic(size, Atomic.CMPXCHG, m, val.n) };
    },
  ],

  [
    re(String.raw`${REG}\s*=\s*(be16|be32|be64|le16|le32|le64|bswap16|bswap32|bswap64)\s+${REG}`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      const src = reg(ctx, g, 3);
      if (!dst || !src || !sameRegister(ctx, dst, src, "byte swaps work in place")) return;
      if (!requireWide(ctx, dst, true, "byte swaps are written on r registers")) return;
      return {
        insn: make(
          findForm((f) => f.mnemonic === g.text(2)),
          { dst: dst.n },
        ),
      };
    },
  ],
  [
    re(String.raw`${REG}\s*=\s*-\s*${REG}`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      const src = reg(ctx, g, 2);
      if (!dst || !src || !sameRegister(ctx, dst, src, "neg works in place")) return;
      if (!requireWide(ctx, src, dst.wide, "neg keeps the width")) return;
      return {
        insn: make(
          findForm((f) => f.kind === "neg" && f.is64 === dst.wide),
          { dst: dst.n },
        ),
      };
    },
  ],
  [
    re(String.raw`${REG}\s*=\s*\(\s*(s8|s16|s32)\s*\)\s*${REG}`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      const src = reg(ctx, g, 3);
      if (!dst || !src || !requireWide(ctx, src, dst.wide, "sign extension keeps the register width")) return;
      const bits = Number(g.text(2)!.slice(1));
      const form = OP_FORMS.find((f) => f.kind === "movsx" && f.is64 === dst.wide && f.size === bits);
      if (!form)
        return ctx.fail(
          AsmCode.BAD_OPERAND,
          `w registers sign-extend from s8 or s16, not s32`,
          g.col(2),
          g.len(2),
        );
      return { insn: make(form, { dst: dst.n, src: src.n }) };
    },
  ],
  [
    re(String.raw`${REG}\s*(${alternation(aluOp.keys())})=\s*${OPERAND}`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      if (!dst) return;
      const { op, signed } = aluOp.get(g.text(2)!)!;
      return aluForm(
        ctx,
        g,
        dst,
        3,
        (f) => f.kind === "alu" && f.op === op && (f.select?.off ?? 0) === signed,
      );
    },
  ],
  [
    re(String.raw`${REG}\s*=\s*${OPERAND}`),
    (ctx, g) => {
      const dst = reg(ctx, g, 1);
      if (!dst) return;
      return aluForm(ctx, g, dst, 2, (f) => f.kind === "mov");
    },
  ],
];

function aluForm(
  ctx: LineContext,
  g: Groups,
  dst: Reg,
  operand: number,
  pred: (f: OpForm) => boolean,
): Built {
  const isReg = /^[rw]/.test(g.text(operand)!);
  const form = findForm((f) => pred(f) && f.is64 === dst.wide && (f.src.kind === "reg") === isReg);
  if (isReg) {
    const src = reg(ctx, g, operand);
    if (!src || !requireWide(ctx, src, dst.wide, "both operands have the same width")) return;
    return { insn: make(form, { dst: dst.n, src: src.n }) };
  }
  const imm = imm32(ctx, g, operand);
  return imm === undefined ? undefined : { insn: make(form, { dst: dst.n, imm }) };
}

function imm64(ctx: LineContext, g: Groups, i: number): bigint | undefined {
  const text = g.text(i)!;
  const r = readImm64(text);
  if (r.ok) return r.value;
  return ctx.fail(r.range ? AsmCode.IMM64_RANGE : AsmCode.BAD_NUMBER, r.message, g.col(i), text.length);
}

function atomicSize(ctx: LineContext, g: Groups, i: number): 4 | 8 | undefined {
  const type = g.text(i)!;
  if (type === "u32") return 4;
  if (type === "u64") return 8;
  return ctx.fail(
    AsmCode.BAD_OPERAND,
    `atomic operations work on u32 or u64, not ${type}`,
    g.col(i),
    type.length,
  );
}

function sameRegister(ctx: LineContext, a: Reg, b: Reg, why: string): boolean {
  if (a.n === b.n) return true;
  ctx.fail(
    AsmCode.OPERAND_MISMATCH,
    `${why}: expected ${a.text[0]}${a.n} on both sides, got ${b.text}`,
    b.col,
    b.text.length,
  );
  return false;
}

function atomic(size: 4 | 8, op: number, m: { reg: number; off: number }, src: number): Instruction {
  const form = findForm((f) => f.kind === "atomic" && f.size === size && f.op === op);
  return make(form, { dst: m.reg, off: m.off, src });
}
