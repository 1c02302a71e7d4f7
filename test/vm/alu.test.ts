import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ALU_SOURCE_OPS,
  JMP_CONDITIONS,
  Alu,
  Cls,
  Jmp,
  Src,
  insn,
  lddw,
  type Instruction,
} from "../../runtime/isa/index.js";
import { createVm, type Tier } from "../../runtime/vm/index.js";
import { aluRef, endRef, jumpRef, movsxRef } from "./reference.js";

/**
 * Every ALU and jump form against the BigInt reference model (reference.ts), in both tiers, on
 * random 64-bit operands biased toward edge values (0, ±1, INT_MIN, all ones, 2^32 boundaries).
 */
const TIERS: readonly Tier[] = ["interpreter", "js"];
const EDGES = [
  0n,
  1n,
  2n,
  0x7fffffffn,
  0x80000000n,
  0xffffffffn,
  0x100000000n,
  0x100000004n,
  0x7fffffffffffffffn,
  0x8000000000000000n,
  0xffffffffffffffffn,
  0xfffffffffffffff6n,
  63n,
  64n,
  31n,
  32n,
];
const u64Arb = fc.oneof(fc.constantFrom(...EDGES), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }));
const imm32Arb = fc.oneof(
  fc.constantFrom(0, 1, -1, 0x7fffffff, -0x80000000, 31, 32, 63, 64, -4, 1000003),
  fc.integer({ min: -0x80000000, max: 0x7fffffff }),
);

function run(program: Instruction[], tier: Tier): bigint {
  const vm = createVm(program, { initialized: [1, 10] });
  if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
  const r = vm.value.run({ tier });
  if (r.kind !== "exit") throw new Error(r.message);
  return r.r0;
}

const EXIT = insn(Cls.JMP | Jmp.EXIT);
const OPS = ALU_SOURCE_OPS;

describe("ALU against the BigInt model", () => {
  for (const is64 of [true, false]) {
    const cls = is64 ? Cls.ALU64 : Cls.ALU;
    for (const op of OPS) {
      for (const signed of op === Alu.DIV || op === Alu.MOD ? [false, true] : [false]) {
        const name = `${is64 ? "alu64" : "alu32"} op 0x${op.toString(16)}${signed ? " signed" : ""}`;
        it(`${name} reg`, () => {
          fc.assert(
            fc.property(u64Arb, u64Arb, (a, b) => {
              const prog = [
                lddw(0, a),
                lddw(2, b),
                insn(cls | op | Src.X, { dst: 0, src: 2, off: signed ? 1 : 0 }),
                EXIT,
              ];
              const want = aluRef(op, is64, a, b, signed);
              for (const t of TIERS) expect(run(prog, t)).toBe(want);
            }),
            { numRuns: 60 },
          );
        });
        it(`${name} imm`, () => {
          fc.assert(
            fc.property(u64Arb, imm32Arb, (a, imm) => {
              const prog = [lddw(0, a), insn(cls | op | Src.K, { dst: 0, imm, off: signed ? 1 : 0 }), EXIT];
              // ALU64 sign-extends the immediate; ALU32 uses its 32 bits
              const want = aluRef(op, is64, a, BigInt.asUintN(64, BigInt(imm)), signed);
              for (const t of TIERS) expect(run(prog, t)).toBe(want);
            }),
            { numRuns: 40 },
          );
        });
      }
    }
    it(`${is64 ? "neg64" : "neg32"}`, () => {
      fc.assert(
        fc.property(u64Arb, (a) => {
          const prog = [lddw(0, a), insn(cls | Alu.NEG, { dst: 0 }), EXIT];
          for (const t of TIERS) expect(run(prog, t)).toBe(aluRef(0x80, is64, a, 0n));
        }),
        { numRuns: 40 },
      );
    });
  }

  it("byte order: le/be (ALU) and bswap (ALU64)", () => {
    fc.assert(
      fc.property(u64Arb, fc.constantFrom(16, 32, 64) as fc.Arbitrary<16 | 32 | 64>, (a, bits) => {
        for (const [kind, opcode] of [
          ["le", Cls.ALU | Alu.END | Src.K],
          ["be", Cls.ALU | Alu.END | Src.X],
          ["bswap", Cls.ALU64 | Alu.END | Src.K],
        ] as const) {
          const prog = [lddw(0, a), insn(opcode, { dst: 0, imm: bits }), EXIT];
          for (const t of TIERS) expect(run(prog, t)).toBe(endRef(kind, bits, a));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("movsx", () => {
    fc.assert(
      fc.property(u64Arb, (a) => {
        for (const [bits, is64] of [
          [8, true],
          [16, true],
          [32, true],
          [8, false],
          [16, false],
        ] as const) {
          const cls = is64 ? Cls.ALU64 : Cls.ALU;
          const prog = [lddw(2, a), insn(cls | Alu.MOV | Src.X, { dst: 0, src: 2, off: bits }), EXIT];
          for (const t of TIERS) expect(run(prog, t)).toBe(movsxRef(bits, is64, a));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("conditional jumps against the BigInt model", () => {
  const JOPS = JMP_CONDITIONS;
  for (const is64 of [true, false]) {
    const cls = is64 ? Cls.JMP : Cls.JMP32;
    it(`${is64 ? "jmp" : "jmp32"} reg and imm`, () => {
      fc.assert(
        fc.property(u64Arb, u64Arb, imm32Arb, (a, b, imm) => {
          for (const op of JOPS) {
            const viaReg = [
              lddw(1, a),
              lddw(2, b),
              insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: 0, imm: 0 }),
              insn(cls | op | Src.X, { dst: 1, src: 2, off: 1 }),
              EXIT,
              insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: 0, imm: 1 }),
              EXIT,
            ];
            const viaImm = [
              lddw(1, a),
              insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: 0, imm: 0 }),
              insn(cls | op | Src.K, { dst: 1, imm, off: 1 }),
              EXIT,
              insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: 0, imm: 1 }),
              EXIT,
            ];
            const wantReg = jumpRef(op, is64, a, b) ? 1n : 0n;
            const wantImm = jumpRef(op, is64, a, BigInt.asUintN(64, BigInt(imm))) ? 1n : 0n;
            for (const t of TIERS) {
              expect(run(viaReg, t)).toBe(wantReg);
              expect(run(viaImm, t)).toBe(wantImm);
            }
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});
