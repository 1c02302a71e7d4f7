import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Alu, Cls, Jmp, Mode, Op, Size, Src, insn, type Instruction } from "../../runtime/isa/index.js";
import { add, addr, ldx } from "./build.js";
import { compileJs, createVm, xdpContext, type RunResult, type Vm } from "../../runtime/vm/index.js";

/**
 * The JS tier counts a loop's instructions once per unrolled pass and tests its sums' guards
 * once per pass (compile.ts emitLoop); every way out of a pass — the loop's exit, a fault in any
 * copy, a slow path that returns, the budget — must leave the same count and pc as the
 * interpreter's instruction-by-instruction run.
 */
const strip = (r: RunResult) => (r.kind === "exit" ? { ...r, tier: "-" } : r);

function vmOf(program: Instruction[]): Vm {
  const vm = createVm(program);
  if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
  return vm.value;
}

/**
 * r2 = data; r0 = 0; loop: r3 = *(u8 *)(r2 + 0); r4 = *(u32 *)(r1 + 4) (data_end, through the
 * context's policy: a slow path that returns); r0 += r3; r2 += 1; if r0 < limit goto loop.
 * Nothing checks the packet's end, so a long enough loop faults in some copy of a pass.
 */
const walk = (limit: number): Instruction[] => [
  ldx(Size.W, 2, 1, 0),
  insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: 0, imm: 0 }),
  ldx(Size.B, 3, 2, 0),
  ldx(Size.W, 4, 1, 4),
  addr(0, 3),
  add(2, 1),
  insn(Cls.JMP | Jmp.JLT | Src.K, { dst: 0, imm: limit, off: -5 }),
  insn(Op.EXIT),
];

describe("JS tier loops counted per pass", () => {
  it("unrolls the loop and counts once per pass", () => {
    const source = compileJs(vmOf(walk(100)).program).source;
    expect(source).toMatch(/for\(;;\)\{if\(insns\+\d+>budget/);
    expect(source).toContain("ahead=");
  });

  it("faults at the interpreter's pc and count in every copy of a pass", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 40 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
        (pkt, limit, budget) => {
          const vm = vmOf(walk(limit));
          const run = (tier: "interpreter" | "js") =>
            vm.run({ tier, setup: (mem) => [xdpContext(mem, pkt)], ...(budget ? { budget } : {}) });
          expect(strip(run("js"))).toEqual(strip(run("interpreter")));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("faults in a loop's store at the interpreter's pc and count", () => {
    // r2 = r10 - 8·k; loop: *(u64 *)(r2 + 0) = r2; r2 += 8; if r2 != 0 goto loop (walks off the stack)
    for (let k = 1; k <= 9; k++) {
      const program = [
        insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 2, src: 10 }),
        add(2, -8 * k),
        insn(Cls.STX | Size.DW | Mode.MEM, { dst: 2, src: 2, off: 0 }),
        add(2, 8),
        insn(Cls.JMP | Jmp.JNE | Src.K, { dst: 2, imm: 0, off: -3 }),
        insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: 0, imm: 0 }),
        insn(Op.EXIT),
      ];
      const vm = vmOf(program);
      const a = vm.run({ tier: "interpreter" });
      expect(a).toMatchObject({ kind: "fault", pc: 2 });
      expect(strip(vm.run({ tier: "js" }))).toEqual(strip(a));
    }
  });

  it("shows a helper called in a loop the interpreter's count", () => {
    // loop: r0 = helper() (its ctx.insns); r6 += r0; r7 += 1; if r7 < 10 goto loop; r0 = r6
    const program = [
      insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: 6, imm: 0 }),
      insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: 7, imm: 0 }),
      insn(Op.CALL, { imm: 1 }),
      addr(6, 0),
      add(7, 1),
      insn(Cls.JMP | Jmp.JLT | Src.K, { dst: 7, imm: 10, off: -4 }),
      insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 0, src: 6 }),
      insn(Op.EXIT),
    ];
    const vm = createVm(program, { helpers: { 1: (ctx) => ctx.insns } });
    if (!vm.ok) throw new Error("load");
    const a = vm.value.run({ tier: "interpreter" });
    // the helper runs as the 3rd, 7th, … instruction, and the count includes the call
    expect(a).toMatchObject({
      kind: "exit",
      r0: BigInt(Array.from({ length: 10 }, (_, k) => 3 + 4 * k).reduce((x, y) => x + y)),
    });
    expect(strip(vm.value.run({ tier: "js" }))).toEqual(strip(a));
  });
});
