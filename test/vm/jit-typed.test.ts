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
import { compileJs, createVm, xdpContext, type RunResult, type Vm } from "../../runtime/vm/index.js";
import { aluRef } from "./reference.js";

/**
 * The JS tier's typed registers (runtime/vm/jit/reps.ts): values it keeps as int32 words or as
 * Numbers below 2^53, the guards that hand a run to the interpreter when a value reaches 2^53,
 * the narrow division and multiplication of pairs, jump-condition refinement, and pointers. Every
 * case compares the JS tier with the interpreter (or a BigInt reference): same r0, same count,
 * same fault.
 */

/** Values around the representation boundaries: 2^31, 2^32, 2^53, 2^63, 2^64. */
const BOUNDARY = [
  0n,
  1n,
  2n,
  7n,
  1000n,
  (1n << 31n) - 1n,
  1n << 31n,
  (1n << 32n) - 1n,
  1n << 32n,
  (1n << 32n) + 1n,
  (1n << 52n) + 3n,
  (1n << 53n) - 2n,
  (1n << 53n) - 1n,
  1n << 53n,
  (1n << 53n) + 1n,
  1n << 63n,
  (1n << 64n) - 1n,
];
const seedArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BOUNDARY) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: (1n << 21n) - 1n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: (1n << 40n) - 1n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: (1n << 53n) - 1n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) },
);
const immArb = fc.oneof(
  fc.constantFrom(0, 1, -1, 2, 7, 11, 29, 31, 32, 33, 53, 63, 1000003, 0x7fffffff, -0x80000000, 0x1fffff),
  fc.integer({ min: -0x80000000, max: 0x7fffffff }),
);
const reg = fc.integer({ min: 0, max: 9 });
const ALU_OPS = ALU_SOURCE_OPS;
const JMP_OPS = JMP_CONDITIONS;

const mov = (dst: number, imm: number): Instruction => insn(Cls.ALU64 | Alu.MOV | Src.K, { dst, imm });

type Piece = { insn: Instruction; back?: number; fwd?: number };

const piece: fc.Arbitrary<Piece> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(...ALU_OPS), fc.boolean(), fc.boolean(), fc.boolean(), reg, reg, immArb)
      .map(
        ([op, is64, x, signed, d, s, k]): Piece => ({
          insn: insn((is64 ? Cls.ALU64 : Cls.ALU) | op | (x ? Src.X : Src.K), {
            dst: d,
            ...(x ? { src: s } : { imm: op === 0x60 || op === 0x70 || op === 0xc0 ? k & 63 : k }),
            off: signed && (op === 0x30 || op === 0x90) ? 1 : 0,
          }),
        }),
      ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(reg, seedArb).map(([d, v]): Piece => ({ insn: lddw(d, v) })),
  },
  {
    weight: 2,
    // stack round trips at every width
    arbitrary: fc
      .tuple(
        fc.constantFrom(Size.B, Size.H, Size.W, Size.DW),
        reg,
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
      )
      .map(
        ([size, r, slot, load]): Piece => ({
          insn: insn(
            (load ? Cls.LDX : Cls.STX) | size | Mode.MEM,
            load ? { dst: r, src: 10, off: -8 * slot } : { dst: 10, src: r, off: -8 * slot },
          ),
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
        immArb,
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
      )
      .map(
        ([op, is64, x, d, s, k, span, back]): Piece => ({
          insn: insn((is64 ? Cls.JMP : Cls.JMP32) | op | (x ? Src.X : Src.K), {
            dst: d,
            ...(x ? { src: s } : { imm: k }),
          }),
          ...(back ? { back: span } : { fwd: span }),
        }),
      ),
  },
);

/**
 * Seeds r0–r9, runs the pieces, and (with `fold`) folds every register into r0 so that a wrong
 * value anywhere shows in the result; without it most registers are dead at the end, which
 * exercises the translator's liveness.
 */
function assemble(seeds: bigint[], pieces: Piece[], fold: boolean): Instruction[] {
  // small seeds by mov (32-bit words), others by lddw (Numbers or pairs)
  const prologue = seeds.map((v, r) => (v < 0x80000000n ? mov(r, Number(v)) : lddw(r, v)));
  const epilogue: Instruction[] = [];
  if (fold) {
    for (let r = 1; r <= 9; r++) {
      epilogue.push(insn(Cls.ALU64 | Alu.MUL | Src.K, { dst: 0, imm: 31 }));
      epilogue.push(insn(Cls.ALU64 | Alu.ADD | Src.X, { dst: 0, src: r }));
    }
  }
  const end = prologue.length + pieces.length;
  const program = [...prologue, ...pieces.map((p) => p.insn), ...epilogue, insn(Op.EXIT)];
  const slots: number[] = [];
  let s = 0;
  for (const i of program) {
    slots.push(s);
    s += i.opcode === Op.LDDW ? 2 : 1;
  }
  pieces.forEach((p, k) => {
    const n = prologue.length + k;
    if (p.back === undefined && p.fwd === undefined) return;
    const target = p.back !== undefined ? Math.max(prologue.length, n - p.back) : Math.min(n + p.fwd!, end);
    program[n] = { ...program[n]!, off: slots[target]! - slots[n]! - 1 };
  });
  return program;
}

const strip = (r: RunResult) => (r.kind === "exit" ? { kind: r.kind, r0: r.r0, insns: r.insns } : r);

function vmOf(program: Instruction[]): Vm {
  const vm = createVm(program);
  if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
  return vm.value;
}

describe("typed JS tier", () => {
  it("agrees with the interpreter on programs around the 2^32 and 2^53 boundaries", () => {
    fc.assert(
      fc.property(
        fc.array(seedArb, { minLength: 10, maxLength: 10 }),
        fc.array(piece, { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (seeds, pieces, fold) => {
          const vm = vmOf(assemble(seeds, pieces, fold));
          const a = vm.run({ tier: "interpreter", budget: 3000 });
          const b = vm.run({ tier: "js", budget: 3000 });
          expect(strip(b)).toEqual(strip(a));
        },
      ),
      { numRuns: Number(process.env.TSBPF_FUZZ_RUNS ?? 600) },
    );
  });

  it("hands a sum that reaches 2^53 in a loop to the interpreter, exactly", () => {
    for (const start of [(1n << 53n) - 10n, (1n << 53n) - 1n, 1n << 52n, 1000n]) {
      const program = [
        lddw(1, start),
        mov(2, 0),
        // loop: r1 += 1; r2 += 1; if r2 < 20 goto loop
        insn(Cls.ALU64 | Alu.ADD | Src.K, { dst: 1, imm: 1 }),
        insn(Cls.ALU64 | Alu.ADD | Src.K, { dst: 2, imm: 1 }),
        insn(Cls.JMP | Jmp.JLT | Src.K, { dst: 2, imm: 20, off: -3 }),
        insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 0, src: 1 }),
        insn(Op.EXIT),
      ];
      const vm = vmOf(program);
      // the loop keeps r1 as a Number with a guard (not as a pair), tested once per pass at the
      // loop's head: r1 may grow by 1 in each of the 4 unrolled copies
      expect(compileJs(vm.program).source).toContain(`n1>${2 ** 53 - 1 - 4}`);
      const r = vm.run({ tier: "js" });
      expect(r).toMatchObject({ kind: "exit", r0: start + 20n, insns: 64, tier: "js" });
      expect(strip(r)).toEqual(strip(vm.run({ tier: "interpreter" })));
    }
  });

  it("multiplies, divides and takes remainders of pairs by narrow values like the reference", () => {
    const narrow = fc.oneof(
      fc.constantFrom(0, 1, 2, 3, 10007, 1000003, 0x1fffff),
      fc.integer({ min: 0, max: 0x1fffff }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(Alu.MUL, Alu.DIV, Alu.MOD),
        fc.boolean(),
        fc.bigInt({ min: 1n << 53n, max: (1n << 64n) - 1n }),
        narrow,
        (op, x, a, k) => {
          // r2 = k as a word of at most 21 bits: `r2 &= 0x1fffff` tells the translator so
          const program = [
            lddw(1, a),
            mov(2, k),
            insn(Cls.ALU64 | Alu.AND | Src.K, { dst: 2, imm: 0x1fffff }),
            insn(Cls.ALU64 | op | (x ? Src.X : Src.K), x ? { dst: 1, src: 2 } : { dst: 1, imm: k }),
            insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 0, src: 1 }),
            insn(Op.EXIT),
          ];
          const r = vmOf(program).run({ tier: "js" });
          expect(r).toMatchObject({ kind: "exit", r0: aluRef(op, true, a, BigInt(k)) });
        },
      ),
      { numRuns: 400 },
    );
  });

  it("re-runs a narrow load in the interpreter when a context policy answers with a pointer", () => {
    // r6 = r1 ^ 0 hides that r6 is the context; the u32 load of `data` through it is then
    // translated as a 32-bit load, and the policy's 64-bit answer must still arrive whole
    const program = [
      insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 6, src: 1 }),
      insn(Cls.ALU64 | Alu.XOR | Src.K, { dst: 6, imm: 0 }),
      insn(Cls.LDX | Size.W | Mode.MEM, { dst: 2, src: 6, off: 0 }),
      insn(Cls.LDX | Size.W | Mode.MEM, { dst: 3, src: 1, off: 4 }),
      // r0 = data_end - data (the packet length) if both are pointers into one region
      insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 0, src: 3 }),
      insn(Cls.ALU64 | Alu.SUB | Src.X, { dst: 0, src: 2 }),
      insn(Op.EXIT),
    ];
    const vm = vmOf(program);
    expect(compileJs(vm.program).source).toContain("if(_h!==0)");
    const pkt = new Uint8Array(77);
    for (const tier of ["interpreter", "js"] as const) {
      const r = vm.run({ tier, setup: (mem) => [xdpContext(mem, pkt)] });
      expect(r).toMatchObject({ kind: "exit", r0: 77n, insns: 7 });
    }
  });

  it("agrees with the interpreter on packet loops (pointer arithmetic, bounds, byte loads)", () => {
    // csum-like: for (p = data; p + 2 <= end; p += step) sum += p[0] << 8 | p[1]
    const csum = (step: number): Instruction[] => [
      insn(Cls.LDX | Size.W | Mode.MEM, { dst: 2, src: 1, off: 4 }),
      insn(Cls.LDX | Size.W | Mode.MEM, { dst: 3, src: 1, off: 0 }),
      mov(0, 0),
      insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 4, src: 3 }),
      insn(Cls.ALU64 | Alu.ADD | Src.K, { dst: 4, imm: 2 }),
      insn(Cls.JMP | Jmp.JGT | Src.X, { dst: 4, src: 2, off: 7 }),
      insn(Cls.LDX | Size.B | Mode.MEM, { dst: 5, src: 3, off: 0 }),
      insn(Cls.ALU64 | Alu.LSH | Src.K, { dst: 5, imm: 8 }),
      insn(Cls.LDX | Size.B | Mode.MEM, { dst: 6, src: 3, off: 1 }),
      insn(Cls.ALU64 | Alu.OR | Src.X, { dst: 5, src: 6 }),
      insn(Cls.ALU64 | Alu.ADD | Src.X, { dst: 0, src: 5 }),
      insn(Cls.ALU64 | Alu.ADD | Src.K, { dst: 3, imm: step }),
      insn(Op.JA, { off: -10 }),
      insn(Op.EXIT),
    ];
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), fc.constantFrom(1, 2, 3), (pkt, step) => {
        const vm = vmOf(csum(step));
        const a = vm.run({ tier: "interpreter", setup: (mem) => [xdpContext(mem, pkt)] });
        const b = vm.run({ tier: "js", setup: (mem) => [xdpContext(mem, pkt)] });
        expect(a.kind).toBe("exit");
        expect(strip(b)).toEqual(strip(a));
      }),
      { numRuns: 100 },
    );
  });

  it("faults at the same instruction with the same count when a typed loop runs out of budget", () => {
    const program = [
      mov(1, 0),
      mov(2, 0),
      insn(Cls.ALU64 | Alu.ADD | Src.X, { dst: 1, src: 2 }),
      insn(Cls.ALU64 | Alu.ADD | Src.K, { dst: 2, imm: 1 }),
      insn(Cls.JMP | Jmp.JLT | Src.K, { dst: 2, imm: 100000, off: -3 }),
      insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 0, src: 1 }),
      insn(Op.EXIT),
    ];
    const vm = vmOf(program);
    for (const budget of [1, 2, 3, 100, 1001, 1002, 1003]) {
      const a = vm.run({ tier: "interpreter", budget });
      const b = vm.run({ tier: "js", budget });
      expect(a.kind).toBe("fault");
      expect(strip(b)).toEqual(strip(a));
    }
  });

  it("does not keep a region cached across a helper that releases it", () => {
    // load from the packet (caches its region for r2), call a helper that releases the packet,
    // load again through r2: both tiers must fault the second load, not read through the cache
    const program = [
      insn(Cls.LDX | Size.W | Mode.MEM, { dst: 2, src: 1, off: 0 }),
      insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 6, src: 2 }),
      insn(Cls.LDX | Size.B | Mode.MEM, { dst: 0, src: 6, off: 0 }),
      insn(Op.CALL, { imm: 1 }),
      insn(Cls.LDX | Size.B | Mode.MEM, { dst: 0, src: 6, off: 1 }),
      insn(Op.EXIT),
    ];
    const vm = createVm(program, {
      helpers: {
        1: (ctx) => {
          ctx.mem.release(ctx.reg(6));
          return 0;
        },
      },
    });
    if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
    const pkt = new Uint8Array([5, 6, 7]);
    const a = vm.value.run({ tier: "interpreter", setup: (mem) => [xdpContext(mem, pkt)] });
    const b = vm.value.run({ tier: "js", setup: (mem) => [xdpContext(mem, pkt)] });
    expect(a).toMatchObject({ kind: "fault", pc: 4 });
    expect(b).toEqual(a);
  });

  it('leaves a program whose translation V8 would not optimize to the interpreter under "auto"', () => {
    // 3000 64-bit adds of registers: straight-line code far above the optimizable source size
    const program: Instruction[] = [];
    for (let r = 0; r <= 9; r++) program.push(mov(r, r + 1));
    for (let k = 0; k < 3000; k++) {
      program.push(insn(Cls.ALU64 | Alu.ADD | Src.X, { dst: k % 10, src: (k * 7 + 3) % 10 }));
    }
    program.push(insn(Op.EXIT));
    const vm = vmOf(program);
    expect(compileJs(vm.program).optimizable).toBe(false);
    const auto = vm.run();
    const js = vm.run({ tier: "js" });
    expect(auto).toMatchObject({ kind: "exit", tier: "interpreter" });
    expect(strip(js)).toEqual(strip(auto));
    // a small one is translated
    const small = vmOf([mov(0, 1), insn(Op.EXIT)]);
    expect(compileJs(small.program).optimizable).toBe(true);
    expect(small.run()).toMatchObject({ kind: "exit", r0: 1n, tier: "js" });
  });

  it("shows a helper every register as the interpreter would, typed or not", () => {
    // r7 (a word) and r8 (a Number) are dead after the call, but a helper may still read them
    const program = [
      mov(7, 123),
      lddw(8, (1n << 40n) + 5n),
      // a new block: liveness decides what it keeps
      insn(Op.JA, { off: 0 }),
      insn(Op.CALL, { imm: 1 }),
      insn(Op.EXIT),
    ];
    const vm = createVm(program, { helpers: { 1: (ctx) => ctx.reg(7) * 1000n + ctx.reg(8) } });
    if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
    for (const tier of ["interpreter", "js"] as const) {
      expect(vm.value.run({ tier })).toMatchObject({ kind: "exit", r0: 123000n + (1n << 40n) + 5n });
    }
  });
});
