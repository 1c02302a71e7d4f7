import { describe, expect, it } from "vitest";
import { Alu, Cls, Jmp, Mode, Op, Size, Src, insn, lddw, type Instruction } from "../../runtime/isa/index.js";
import { createVm, VmCode } from "../../runtime/vm/index.js";

/** Load-time refusals: each bad program is a diagnostic with its TSB05xx code, never a run. */
const EXIT = insn(Op.EXIT);
const mov = (dst: number, imm: number) => insn(Cls.ALU64 | Alu.MOV | Src.K, { dst, imm });

const CASES: ReadonlyArray<readonly [string, Instruction[], string]> = [
  ["empty program", [], VmCode.EMPTY],
  ["jump past the end", [mov(0, 0), insn(Op.JA, { off: 5 }), EXIT], VmCode.JUMP_OUT_OF_RANGE],
  ["jump before the start", [mov(0, 0), insn(Op.JA, { off: -3 }), EXIT], VmCode.JUMP_OUT_OF_RANGE],
  [
    "jump into the second slot of lddw",
    [mov(0, 0), insn(Op.JA, { off: 1 }), lddw(1, 5n), EXIT],
    VmCode.JUMP_INTO_LDDW,
  ],
  ["falls off the end", [mov(0, 0)], VmCode.FALLS_OFF_END],
  [
    "conditional jump as last instruction",
    [mov(0, 0), insn(Cls.JMP | Jmp.JEQ | Src.K, { dst: 0, off: -2 })],
    VmCode.FALLS_OFF_END,
  ],
  ["unknown helper", [insn(Op.CALL, { imm: 1 }), EXIT], VmCode.UNKNOWN_HELPER],
  ["call local outside the program", [insn(Op.CALL, { src: 1, imm: 7 }), EXIT], VmCode.JUMP_OUT_OF_RANGE],
  [
    "r0 read before written (conformance error.data)",
    [insn(Cls.ALU64 | Alu.OR | Src.X, { dst: 0, src: 10 }), EXIT],
    VmCode.UNINITIALISED_REGISTER,
  ],
  ["exit without r0", [EXIT], VmCode.UNINITIALISED_REGISTER],
  [
    "r3 read on one path only",
    [
      insn(Cls.JMP | Jmp.JEQ | Src.K, { dst: 1, off: 1 }),
      mov(3, 1),
      insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 0, src: 3 }),
      EXIT,
    ],
    VmCode.UNINITIALISED_REGISTER,
  ],
  [
    "r1 read after a helper call clobbered it",
    [insn(Op.CALL, { imm: 2 }), insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 0, src: 1 }), EXIT],
    VmCode.UNINITIALISED_REGISTER,
  ],
  ["write to r10", [mov(10, 0), mov(0, 0), EXIT], VmCode.WRITE_TO_R10],
  ["lddw of a map that nobody resolved", [lddw(1, 0n, 1), mov(0, 0), EXIT], VmCode.UNRESOLVED_LDDW],
  [
    "reserved field set",
    [insn(Cls.ALU64 | Alu.ADD | Src.K, { dst: 0, src: 3 }), EXIT],
    VmCode.BAD_INSTRUCTION,
  ],
  ["register 11", [insn(Cls.LDX | Size.W | Mode.MEM, { dst: 11, src: 1 }), EXIT], VmCode.BAD_INSTRUCTION],
];

describe("load-time checks", () => {
  it.each(CASES)("%s", (_name, program, code) => {
    const vm = createVm(program, { helpers: { 2: () => 0 } });
    expect(vm.ok).toBe(false);
    if (!vm.ok) expect(vm.diagnostics.map((d) => d.code)).toContain(code);
  });

  it("accepts shift counts at and above the width (RFC 9669 masks them)", () => {
    const vm = createVm([
      mov(0, 1),
      insn(Cls.ALU64 | Alu.LSH | Src.K, { dst: 0, imm: 64 }),
      insn(Cls.ALU | Alu.LSH | Src.K, { dst: 0, imm: -4 }),
      EXIT,
    ]);
    expect(vm.ok).toBe(true);
  });

  it("accepts a division by an immediate zero (defined as 0)", () => {
    const vm = createVm([mov(0, 7), insn(Cls.ALU64 | Alu.DIV | Src.K, { dst: 0, imm: 0 }), EXIT]);
    expect(vm.ok && vm.value.run()).toMatchObject({ kind: "exit", r0: 0n });
  });

  it("points a diagnostic at the instruction's source line when it has one", () => {
    const source = { file: "probe.ts", line: 7, column: 3 };
    const vm = createVm([insn(Op.CALL, { imm: 99, meta: { source } }), EXIT]);
    expect(vm.ok).toBe(false);
    if (!vm.ok) expect(vm.diagnostics[0]!.location).toEqual(source);
  });

  it("reports the byte offset of the instruction otherwise", () => {
    const vm = createVm([mov(0, 0), lddw(1, 1n), insn(Op.CALL, { imm: 99 }), EXIT]);
    expect(!vm.ok && vm.diagnostics[0]!.byteOffset).toBe(24);
  });
});
