import { describe, expect, it } from "vitest";
import { Cls, Op, Size, Src, insn, type Instruction } from "../../runtime/isa/index.js";
import { EXIT, add, addr, call, ldx, loadVm, mov, movr, mul, runBoth, st, stx } from "./build.js";
import {
  VmCode,
  funcPointer,
  slotOfFuncPointer,
  type Helper,
  type Vm,
  type VmOptions,
} from "../../runtime/vm/index.js";

/**
 * HelperContext.callFunction: helpers such as bpf_loop call a subprogram of the running program
 * (named by a BPF_PSEUDO_FUNC lddw) in a new frame, in both tiers.
 */
const ldxDw = (dst: number, src: number, off: number) => ldx(Size.DW, dst, src, off);
const stxDw = (dst: number, src: number, off: number) => stx(Size.DW, dst, src, off);
const stDw = (dst: number, off: number, imm: number) => st(Size.DW, dst, off, imm);
/** lddw rd, <function at lddw slot + 1 + rel> (kernel BPF_PSEUDO_FUNC). */
const ldFunc = (dst: number, rel: number) => insn(Op.LDDW, { dst, src: 4, imm: rel });

const LOOP = 181;
const EXIT_HELPER = 100;
const TAIL_CALL = 12;

/** bpf_loop(nr, fn, ctx, flags) written against the public HelperContext only. */
const loop: Helper = (ctx, nr, fn, cbCtx) => {
  const n = Number(nr);
  for (let i = 0; i < n; i++) if (ctx.callFunction(fn, [i, cbCtx]) !== 0n) return i + 1;
  return n;
};

function load(program: Instruction[], options: VmOptions = {}): Vm {
  return loadVm(program, {
    helpers: {
      [LOOP]: { name: "loop", fn: loop },
      [EXIT_HELPER]: { name: "exit", fn: (ctx, r1) => ctx.exit(r1) },
    },
    ...options,
  });
}

/**
 * main: sum = 0 on its stack; r8 = bpf_loop(n, cb, &sum, 0); r0 = sum·100 + r8·10 + r6 (r6 = 77
 * before the call). cb(i, ctx) adds i to *ctx, clobbers r6 and its own stack slot at r10-8 (the
 * caller's sum lives at the caller's r10-8), and returns `stopAt` == i.
 */
function sumProgram(n: number, stopAt: number): Instruction[] {
  return [
    mov(6, 77), // 0
    stDw(10, -8, 0), // 1
    mov(1, n), // 2
    ldFunc(2, 12), // 3-4 -> 16
    movr(3, 10), // 5
    add(3, -8), // 6
    mov(4, 0), // 7
    call(LOOP), // 8
    movr(8, 0), // 9
    ldxDw(0, 10, -8), // 10
    mul(0, 100), // 11
    mul(8, 10), // 12
    addr(0, 8), // 13
    addr(0, 6), // 14
    EXIT, // 15
    // callback
    mov(6, 1000), // 16
    ldxDw(3, 2, 0), // 17
    addr(3, 1), // 18
    stxDw(2, 3, 0), // 19
    stDw(10, -8, 12345), // 20
    mov(0, 0), // 21
    insn(Cls.JMP | 0x10 | Src.K, { dst: 1, imm: stopAt, off: 1 }), // 22: if r1 == stopAt goto 24
    EXIT, // 23
    mov(0, 1), // 24
    EXIT, // 25
  ];
}

describe("HelperContext.callFunction", () => {
  it("runs the callback in a new frame and counts its instructions", () => {
    const r = runBoth(load(sumProgram(5, -1)));
    // sum 0+…+4 = 10, 5 calls, r6 kept; main runs 15 instructions, each callback 8
    expect(r).toMatchObject({ kind: "exit", r0: 1000n + 50n + 77n, insns: 15 + 5 * 8 });
  });

  it("stops when the callback returns non-zero", () => {
    const r = runBoth(load(sumProgram(10, 2)));
    // i = 0, 1, 2 run (sum 3); the last one takes the branch to `r0 = 1` (one instruction more)
    expect(r).toMatchObject({ kind: "exit", r0: 300n + 30n + 77n, insns: 15 + 2 * 8 + 9 });
  });

  it("counts callback instructions against the run's budget", () => {
    const r = runBoth(load(sumProgram(5, -1)), { budget: 30 });
    expect(r).toMatchObject({ kind: "fault", code: VmCode.BUDGET_EXCEEDED });
  });

  it("ends the whole run when the callback calls an exiting helper", () => {
    const program = sumProgram(5, -1);
    // callback: r1 = 4242; call exit helper (replaces slots 21-22)
    program[21] = mov(1, 4242);
    program[22] = call(EXIT_HELPER);
    const r = runBoth(load(program));
    expect(r).toMatchObject({ kind: "exit", r0: 4242n });
  });

  it("faults for a value that is no function of the program", () => {
    const program = sumProgram(5, -1);
    program[3] = insn(Op.LDDW, { dst: 2, imm: 1234 });
    const r = runBoth(load(program));
    expect(r).toMatchObject({ kind: "fault", code: VmCode.HELPER_FAILED, pc: 8 });
    if (r.kind === "fault") expect(r.message).toMatch(/not a function/);
  });

  it("reports a fault inside the callback", () => {
    const program = sumProgram(5, -1);
    program[17] = ldxDw(3, 1, 0); // r1 is the index, not a pointer
    const r = runBoth(load(program));
    expect(r).toMatchObject({ kind: "fault", code: VmCode.NOT_A_POINTER });
    if (r.kind === "fault") expect(r.message).toMatch(/in helper loop/);
  });

  it("faults past 8 frames when callbacks nest", () => {
    // the callback calls bpf_loop with itself
    const program = [
      mov(1, 1), // 0
      ldFunc(2, 6), // 1-2 -> 8
      mov(3, 0), // 3
      mov(4, 0), // 4
      call(LOOP), // 5
      mov(0, 0), // 6
      EXIT, // 7
      mov(1, 1), // 8
      ldFunc(2, -2), // 9-10 -> 8
      mov(3, 0), // 11
      mov(4, 0), // 12
      call(LOOP), // 13
      mov(0, 0), // 14
      EXIT, // 15
    ];
    const r = runBoth(load(program));
    expect(r).toMatchObject({ kind: "fault", code: VmCode.STACK_OVERFLOW });
  });

  it("refuses a tail call from a callback", () => {
    const program = sumProgram(5, -1);
    program[21] = mov(3, 0);
    program[22] = call(TAIL_CALL);
    let self: Vm | undefined;
    const vm = load(program, { tailCall: () => self!.tailCallTarget });
    self = vm;
    const r = vm.run({ tier: "interpreter" });
    expect(r).toMatchObject({ kind: "fault", code: VmCode.HELPER_FAILED });
    if (r.kind === "fault") expect(r.message).toMatch(/tail calls are not allowed in callbacks/);
  });

  it("round-trips function pointers", () => {
    for (const slot of [0, 1, 16, 4095, (1 << 24) - 1])
      expect(slotOfFuncPointer(funcPointer(slot))).toBe(slot);
    expect(slotOfFuncPointer(funcPointer(3) + 1n)).toBeUndefined();
    expect(slotOfFuncPointer(0x7f01_1000_0000n)).toBeUndefined();
  });
});
