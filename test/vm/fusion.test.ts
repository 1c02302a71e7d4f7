import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Alu, Cls, Jmp, Mode, Op, Size, Src, insn, type Instruction } from "../../runtime/isa/index.js";
import {
  DISPATCH_MASK,
  FUSED_ACC_LOOP,
  FUSED_LOAD_PAIR,
  FUSED_MOV,
  FUSED_MOV_JMP,
  FUSED_SHL_OR,
  F_DISPATCH,
  STRIDE,
} from "../../runtime/vm/predecode.js";
import { createVm, xdpContext, type RunOptions, type RunResult, type Vm } from "../../runtime/vm/index.js";
import { aluRef, jumpRef } from "./reference.js";

/**
 * The interpreter's fused cases (predecode.ts: a move and a division, a move and a jump, an
 * accumulation with a counted loop's step and test, two loads, a shift and an or) against their
 * unfused meaning: the BigInt reference for values; the tracing interpreter (which runs every
 * instruction on its own) for counts and faults, with a budget that ends at every instruction
 * boundary inside them; and the JS tier.
 */
const u64 = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.constantFrom(0n, 1n, 2n, 0xffff_ffffn, 1n << 32n, (1n << 53n) - 1n, (1n << 64n) - 1n, 1n << 63n),
);
const imm32 = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(0, 1, 7, 10007, -1),
);
const lddw = (dst: number, v: bigint) =>
  insn(Op.LDDW, {
    dst,
    imm: Number(BigInt.asIntN(32, v)),
    immHi: Number(BigInt.asIntN(32, v >> 32n)),
  });
const alu = (op: number, is64: boolean, dst: number, src: number | undefined, imm = 0) =>
  insn((is64 ? Cls.ALU64 : Cls.ALU) | op | (src === undefined ? Src.K : Src.X), {
    dst,
    src: src ?? 0,
    imm,
  });
const jmp = (op: number, is64: boolean, dst: number, src: number | undefined, off: number, imm = 0) =>
  insn((is64 ? Cls.JMP : Cls.JMP32) | op | (src === undefined ? Src.K : Src.X), {
    dst,
    src: src ?? 0,
    off,
    imm,
  });
const EXIT = insn(Op.EXIT);

function load(program: Instruction[]): Vm {
  const vm = createVm(program);
  if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
  return vm.value;
}

/** The interpreter's case number at slot `pc`. */
function caseAt(vm: Vm, pc: number): number {
  return vm.program.code[pc * STRIDE + F_DISPATCH]! & DISPATCH_MASK;
}

const strip = (r: RunResult) => (r.kind === "exit" ? { ...r, tier: "-" } : r);

/**
 * Runs the interpreter fused and unfused (traced) with every budget up to the full count, and
 * the JS tier once; all must agree.
 */
function agree(vm: Vm, setup?: RunOptions["setup"]): RunResult {
  const opts = setup ? { setup } : {};
  const unfused = (budget?: number) =>
    vm.run({ ...opts, trace: () => undefined, ...(budget !== undefined ? { budget } : {}) });
  const full = vm.run({ tier: "interpreter", ...opts });
  expect(strip(full)).toEqual(strip(unfused()));
  expect(strip(vm.run({ tier: "js", ...opts }))).toEqual(strip(full));
  for (let budget = 1; budget <= full.insns; budget++) {
    const a = vm.run({ tier: "interpreter", budget, ...opts });
    expect(strip(a), `budget ${budget}`).toEqual(strip(unfused(budget)));
  }
  return full;
}

/** Slots: lddw takes two. */
const r0Of = (r: RunResult) => (r.kind === "exit" ? r.r0 : undefined);

describe("fused move and division", () => {
  it("divides like the reference, 64 and 32 bits, register and immediate", () => {
    fc.assert(
      fc.property(u64, u64, imm32, fc.boolean(), fc.boolean(), (a, b, k, is64, byReg) => {
        // r1 = a; r2 = b; r3 = r1; r3 /= (r2 | k); r0 = r3
        const program = [
          lddw(1, a),
          lddw(2, b),
          alu(Alu.MOV, is64, 3, 1),
          alu(Alu.DIV, is64, 3, byReg ? 2 : undefined, byReg ? 0 : k),
          alu(Alu.MOV, true, 0, 3),
          EXIT,
        ];
        const vm = load(program);
        expect(caseAt(vm, 4)).toBeGreaterThanOrEqual(FUSED_MOV);
        const src = byReg ? b : BigInt.asUintN(64, BigInt(k));
        const want = is64 ? aluRef(0x30, true, a, src) : aluRef(0x30, false, BigInt.asUintN(32, a), src);
        expect(r0Of(agree(vm))).toBe(want);
      }),
      { numRuns: 150 },
    );
  });
});

describe("fused move and conditional jump", () => {
  const ops = [Jmp.JEQ, Jmp.JGT, Jmp.JGE, Jmp.JNE, Jmp.JLT, Jmp.JLE];
  it("jumps like the reference for each condition and width", () => {
    fc.assert(
      fc.property(
        u64,
        u64,
        imm32,
        fc.constantFrom(...ops),
        fc.constantFrom("64x", "32x", "64k"),
        (a, b, k, op, form) => {
          const is64 = form !== "32x";
          const byReg = form !== "64k";
          // r0 = 7; r3 = r1; if r3 <op> (r2 | k) goto +1; r0 = 9; exit
          const program = [
            lddw(1, a),
            lddw(2, b),
            alu(Alu.MOV, true, 0, undefined, 7),
            alu(Alu.MOV, is64, 3, 1),
            jmp(op, is64, 3, byReg ? 2 : undefined, 1, byReg ? 0 : k),
            alu(Alu.MOV, true, 0, undefined, 9),
            EXIT,
          ];
          const vm = load(program);
          expect(caseAt(vm, 5)).toBeGreaterThanOrEqual(FUSED_MOV_JMP);
          const moved = is64 ? a : BigInt.asUintN(32, a);
          const other = byReg ? b : BigInt.asUintN(64, BigInt(k));
          expect(r0Of(agree(vm))).toBe(jumpRef(op, is64, moved, other) ? 7n : 9n);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("runs only the jump when another jump lands on it", () => {
    // r0 = 5; ja +1 (over the move); r3 = r1; if r3 == 0 goto +1; r0 = 6; exit (r3 is 0)
    const program = [
      alu(Alu.MOV, true, 0, undefined, 5),
      alu(Alu.MOV, true, 1, undefined, 1),
      alu(Alu.MOV, true, 3, undefined, 0),
      insn(Op.JA, { off: 1 }),
      alu(Alu.MOV, true, 3, 1),
      jmp(Jmp.JEQ, true, 3, undefined, 1, 0),
      alu(Alu.MOV, true, 0, undefined, 6),
      EXIT,
    ];
    expect(r0Of(agree(load(program)))).toBe(5n);
  });
});

describe("fused accumulation, counter step and loop test", () => {
  it("sums like the reference across 2^32 and 2^64 carries", () => {
    fc.assert(
      fc.property(u64, u64, fc.integer({ min: 1, max: 6 }), (acc, start, n) => {
        // r2 = acc; r3 = start; r1 = start + n; loop: r2 += r3; r3 += 1; if r3 < r1 goto loop
        const program = [
          lddw(2, acc),
          lddw(3, start),
          lddw(1, BigInt.asUintN(64, start + BigInt(n))),
          alu(Alu.ADD, true, 2, 3),
          alu(Alu.ADD, true, 3, undefined, 1),
          jmp(Jmp.JLT, true, 3, 1, -3),
          alu(Alu.MOV, true, 0, 2),
          EXIT,
        ];
        const vm = load(program);
        expect(caseAt(vm, 6)).toBeGreaterThanOrEqual(FUSED_ACC_LOOP);
        // the loop runs once when start + n wraps below start
        let want = acc;
        let i = start;
        do {
          want = BigInt.asUintN(64, want + i);
          i = BigInt.asUintN(64, i + 1n);
        } while (i < BigInt.asUintN(64, start + BigInt(n)));
        expect(r0Of(agree(vm))).toBe(want);
      }),
      { numRuns: 100 },
    );
  });
});

describe("fused load pairs", () => {
  const sizes = [
    [Size.B, 1],
    [Size.H, 2],
    [Size.W, 4],
    [Size.DW, 8],
  ] as const;
  it("loads both values, and faults at the second when only it is out of bounds", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sizes),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        ([size, bytes], o1, o2, pkt) => {
          // r2 = data; r0 = *(r2 + o1); r3 = *(r2 + o2); r0 ^= r3
          const ldx = (dst: number, off: number) => insn(Cls.LDX | size | Mode.MEM, { dst, src: 2, off });
          const program = [
            insn(Cls.LDX | Size.W | Mode.MEM, { dst: 2, src: 1, off: 0 }),
            ldx(0, o1),
            ldx(3, o2),
            alu(Alu.XOR, true, 0, 3),
            EXIT,
          ];
          const vm = load(program);
          expect(caseAt(vm, 1)).toBeGreaterThanOrEqual(FUSED_LOAD_PAIR);
          const r = agree(vm, (mem) => [xdpContext(mem, pkt)]);
          const at = (o: number) => {
            let v = 0n;
            for (let i = bytes - 1; i >= 0; i--) v = (v << 8n) | BigInt(pkt[o + i]!);
            return v;
          };
          if (o1 + bytes > 32) expect(r).toMatchObject({ kind: "fault", pc: 1, insns: 2 });
          else if (o2 + bytes > 32) expect(r).toMatchObject({ kind: "fault", pc: 2, insns: 3 });
          else expect(r0Of(r)).toBe(at(o1) ^ at(o2));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("fused shift and or", () => {
  it("shifts and ors like the reference, 64 and 32 bits", () => {
    fc.assert(
      fc.property(u64, u64, fc.integer({ min: 0, max: 63 }), fc.boolean(), (a, b, n, is64) => {
        const k = is64 ? n : n & 31;
        // r6 = a; r0 = b; r6 <<= k; r6 |= r0; r0 = r6
        const program = [
          lddw(6, a),
          lddw(0, b),
          alu(Alu.LSH, is64, 6, undefined, k),
          alu(Alu.OR, is64, 6, 0),
          alu(Alu.MOV, true, 0, 6),
          EXIT,
        ];
        const vm = load(program);
        expect(caseAt(vm, 4)).toBe(FUSED_SHL_OR + (is64 ? 0 : 1));
        const w = (v: bigint) => (is64 ? v : BigInt.asUintN(32, v));
        const shifted = aluRef(0x60, is64, w(a), BigInt(k));
        expect(r0Of(agree(vm))).toBe(aluRef(0x40, is64, shifted, w(b)));
      }),
      { numRuns: 150 },
    );
  });
});
