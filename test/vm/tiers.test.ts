import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ALU_SOURCE_OPS,
  JMP_CONDITIONS,
  Alu,
  Cls,
  Jmp,
  Mode,
  Op,
  Size,
  Src,
  insn,
  lddw,
  type Instruction,
} from "../../runtime/isa/index.js";
import { createVm, type RunResult } from "../../runtime/vm/index.js";

/**
 * Differential property test of the two tiers: random programs (straight-line arithmetic, stack
 * traffic, forward and backward branches, occasional out-of-bounds accesses) must give the same
 * r0, the same instruction count, or the same fault at the same pc.
 */
const ALU_OPS = ALU_SOURCE_OPS;
const JMP_OPS = JMP_CONDITIONS;
const SIZES = [Size.B, Size.H, Size.W, Size.DW];

const reg = fc.integer({ min: 0, max: 9 });
const imm = fc.oneof(fc.integer({ min: -0x80000000, max: 0x7fffffff }), fc.integer({ min: -70, max: 70 }));

/** One instruction "shape"; jump offsets are fixed up once the program length is known. */
type Piece = { insn: Instruction; jump?: "fwd" | "back"; span?: number };

const piece: fc.Arbitrary<Piece> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(...ALU_OPS), fc.boolean(), fc.boolean(), fc.boolean(), reg, reg, imm)
      .map(
        ([op, is64, x, signed, d, s, k]): Piece => ({
          insn: insn((is64 ? Cls.ALU64 : Cls.ALU) | op | (x ? Src.X : Src.K), {
            dst: d,
            ...(x ? { src: s } : { imm: k }),
            off: signed && (op === 0x30 || op === 0x90) ? 1 : 0,
          }),
        }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.boolean(), reg)
      .map(([is64, d]): Piece => ({ insn: insn((is64 ? Cls.ALU64 : Cls.ALU) | Alu.NEG, { dst: d }) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(0xd4, 0xdc, 0xd7), fc.constantFrom(16, 32, 64), reg)
      .map(([op, bits, d]): Piece => ({ insn: insn(op, { dst: d, imm: bits }) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom([Cls.ALU64, 8], [Cls.ALU64, 16], [Cls.ALU64, 32], [Cls.ALU, 8], [Cls.ALU, 16]),
        reg,
        reg,
      )
      .map(
        ([[cls, bits], d, s]): Piece => ({
          insn: insn(cls! | Alu.MOV | Src.X, { dst: d, src: s, off: bits }),
        }),
      ),
  },
  { weight: 1, arbitrary: fc.tuple(reg).map(([d]): Piece => ({ insn: lddw(d, 0x8000_0000_0000_0001n) })) },
  // stack traffic, mostly in bounds (-512..-1), sometimes not
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...SIZES), reg, fc.integer({ min: -530, max: 4 }), fc.boolean()).map(
      ([size, r, off, load]): Piece => ({
        insn: insn(
          (load ? Cls.LDX : Cls.STX) | size | Mode.MEM,
          load ? { dst: r, src: 10, off } : { dst: 10, src: r, off },
        ),
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...SIZES), fc.integer({ min: -512, max: -8 }), imm)
      .map(([size, off, k]): Piece => ({ insn: insn(Cls.ST | size | Mode.MEM, { dst: 10, off, imm: k }) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(0x00, 0x01, 0x40, 0x41, 0xa1, 0xe1, 0xf1),
        fc.boolean(),
        reg,
        fc.integer({ min: -64, max: -8 }),
      )
      .map(
        ([op, is64, s, off]): Piece => ({
          insn: insn(Cls.STX | (is64 ? Size.DW : Size.W) | Mode.ATOMIC, {
            dst: 10,
            src: s,
            off: off & ~7,
            imm: op,
          }),
        }),
      ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...JMP_OPS),
        fc.boolean(),
        fc.boolean(),
        reg,
        reg,
        imm,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 5 }),
      )
      .map(
        ([op, is64, x, d, s, k, span, back]): Piece => ({
          insn: insn((is64 ? Cls.JMP : Cls.JMP32) | op | (x ? Src.X : Src.K), {
            dst: d,
            ...(x ? { src: s } : { imm: k }),
          }),
          jump: back === 0 ? "back" : "fwd",
          span,
        }),
      ),
  },
);

function assemble(pieces: Piece[], seeds: bigint[]): Instruction[] {
  const prologue = seeds.map((v, r) => lddw(r, v));
  const body = pieces.map((p) => p.insn);
  const program = [...prologue, ...body, insn(Op.EXIT)];
  // slot of each instruction, to aim jumps at instruction starts
  const slots: number[] = [];
  let s = 0;
  for (const i of program) {
    slots.push(s);
    s += i.opcode === Op.LDDW ? 2 : 1;
  }
  pieces.forEach((p, k) => {
    if (!p.jump) return;
    const n = prologue.length + k;
    const target =
      p.jump === "fwd" ? Math.min(n + p.span!, program.length - 1) : Math.max(prologue.length, n - p.span!);
    program[n] = { ...program[n]!, off: slots[target]! - slots[n]! - 1 };
  });
  return program;
}

const strip = (r: RunResult) => (r.kind === "exit" ? { kind: r.kind, r0: r.r0, insns: r.insns } : r);

describe("interpreter and JS tier agree", () => {
  it("on random programs", () => {
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 40 }),
        fc.array(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { minLength: 10, maxLength: 10 }),
        (pieces, seeds) => {
          const program = assemble(pieces, seeds);
          const vm = createVm(program);
          if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
          const a = vm.value.run({ tier: "interpreter", budget: 2000 });
          const b = vm.value.run({ tier: "js", budget: 2000 });
          expect(strip(b)).toEqual(strip(a));
        },
      ),
      { numRuns: 400 },
    );
  });
});
