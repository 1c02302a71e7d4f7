import { describe, expect, it } from "vitest";
import { Alu, Cls, Jmp, Op, Src, insn, type Instruction } from "../../runtime/isa/index.js";
import { F_DISPATCH, FUSED_ADD_JMP, FUSED_MOV, STRIDE, DISPATCH_MASK } from "../../runtime/vm/predecode.js";
import { createVm, VmCode, type RunResult, type Tier } from "../../runtime/vm/index.js";

/**
 * The interpreter runs a register move and the ALU operation after it as one case (predecode.ts
 * FUSED_MOV). A budget that runs out between the two, and a jump that lands on the second, must
 * behave as if they were two instructions.
 */
const TIERS: readonly Tier[] = ["interpreter", "js"];
const movr = (dst: number, src: number, is64 = true) =>
  insn((is64 ? Cls.ALU64 : Cls.ALU) | Alu.MOV | Src.X, { dst, src });
const addk = (dst: number, imm: number, is64 = true) =>
  insn((is64 ? Cls.ALU64 : Cls.ALU) | Alu.ADD | Src.K, { dst, imm });
const mov = (dst: number, imm: number) => insn(Cls.ALU64 | Alu.MOV | Src.K, { dst, imm });

function runAll(program: Instruction[], budget?: number): RunResult {
  const vm = createVm(program);
  if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
  const [a, b] = TIERS.map((tier) => vm.value.run({ tier, ...(budget !== undefined ? { budget } : {}) }));
  const strip = (r: RunResult) => (r.kind === "exit" ? { ...r, tier: "-" } : r);
  expect(strip(b!)).toEqual(strip(a!));
  return a!;
}

describe("fused move and operation", () => {
  const program = [mov(2, 40), movr(0, 2), addk(0, 2), insn(Op.EXIT)];

  it("is fused, and computes both", () => {
    const vm = createVm(program);
    if (!vm.ok) throw new Error("load");
    const word = vm.value.program.code[1 * STRIDE + F_DISPATCH]! & DISPATCH_MASK;
    expect(word).toBeGreaterThanOrEqual(FUSED_MOV);
    expect(runAll(program)).toMatchObject({ kind: "exit", r0: 42n, insns: 4 });
  });

  it("faults at the operation when the budget ends after the move", () => {
    expect(runAll(program, 2)).toMatchObject({
      kind: "fault",
      code: VmCode.BUDGET_EXCEEDED,
      pc: 2,
      insns: 2,
    });
    expect(runAll(program, 1)).toMatchObject({
      kind: "fault",
      code: VmCode.BUDGET_EXCEEDED,
      pc: 1,
      insns: 1,
    });
  });

  it("runs only the operation when a jump lands on it", () => {
    const jumpIn = [mov(0, 5), insn(Op.JA, { off: 1 }), movr(0, 2), addk(0, 2), insn(Op.EXIT)];
    expect(runAll(jumpIn)).toMatchObject({ kind: "exit", r0: 7n, insns: 4 });
  });

  it("keeps 32-bit moves 32-bit", () => {
    const p32 = [
      insn(Op.LDDW, { dst: 2, imm: -1, immHi: 7 }),
      movr(0, 2, false),
      addk(0, 1, false),
      insn(Op.EXIT),
    ];
    expect(runAll(p32)).toMatchObject({ kind: "exit", r0: 0n });
    const p64 = [insn(Op.LDDW, { dst: 2, imm: -1, immHi: 7 }), movr(0, 2), addk(0, 1), insn(Op.EXIT)];
    expect(runAll(p64)).toMatchObject({ kind: "exit", r0: 8n << 32n });
  });
});

describe("fused counter step and loop test", () => {
  // r0 = 0; r1 = 5; loop: r0 += 1; if r0 < r1 goto loop; exit
  const loop = (is64: boolean, op: number = Jmp.JLT): Instruction[] => [
    mov(0, 0),
    mov(1, 5),
    addk(0, 1, is64),
    insn((is64 ? Cls.JMP : Cls.JMP32) | op | Src.X, { dst: 0, src: 1, off: -2 }),
    insn(Op.EXIT),
  ];

  it("is fused, and loops like two instructions", () => {
    const vm = createVm(loop(true));
    if (!vm.ok) throw new Error("load");
    const word = vm.value.program.code[2 * STRIDE + F_DISPATCH]! & DISPATCH_MASK;
    expect(word).toBeGreaterThanOrEqual(FUSED_ADD_JMP);
    expect(runAll(loop(true))).toMatchObject({ kind: "exit", r0: 5n, insns: 2 + 5 * 2 + 1 });
    expect(runAll(loop(false))).toMatchObject({ kind: "exit", r0: 5n, insns: 2 + 5 * 2 + 1 });
    expect(runAll(loop(true, Jmp.JNE))).toMatchObject({ kind: "exit", r0: 5n });
    expect(runAll(loop(false, Jmp.JSLT))).toMatchObject({ kind: "exit", r0: 5n });
  });

  it("faults at the test when the budget ends after the step", () => {
    for (const budget of [3, 4, 5, 6, 7]) {
      expect(runAll(loop(true), budget)).toMatchObject({
        kind: "fault",
        pc: budget % 2 === 1 ? 3 : 2,
        insns: budget,
      });
    }
  });

  it("wraps a 32-bit counter at 2^32 and a 64-bit one across 2^32", () => {
    // r0 = 0xffffffff; r0 += 1 (32-bit) → 0; if w0 < w1 (5) goto … counts 0..5 again
    const p32 = [
      insn(Op.LDDW, { dst: 0, imm: -1, immHi: 0 }),
      mov(1, 5),
      addk(0, 1, false),
      insn(Cls.JMP32 | Jmp.JLT | Src.X, { dst: 0, src: 1, off: -2 }),
      insn(Op.EXIT),
    ];
    expect(runAll(p32)).toMatchObject({ kind: "exit", r0: 5n });
    const p64 = [
      insn(Op.LDDW, { dst: 0, imm: -1, immHi: 0 }),
      insn(Op.LDDW, { dst: 1, imm: 3, immHi: 1 }),
      addk(0, 1),
      insn(Cls.JMP | Jmp.JLT | Src.X, { dst: 0, src: 1, off: -2 }),
      insn(Op.EXIT),
    ];
    expect(runAll(p64)).toMatchObject({ kind: "exit", r0: (1n << 32n) + 3n });
  });
});
