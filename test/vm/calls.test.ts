import { describe, expect, it } from "vitest";
import { Alu, Cls, Jmp, Mode, Op, Size, Src, insn, type Instruction } from "../../runtime/isa/index.js";
import {
  conformanceHelpers,
  createVm,
  VmCode,
  type RunOptions,
  type RunResult,
  type Tier,
  type TraceEvent,
  type Vm,
  type VmOptions,
} from "../../runtime/vm/index.js";

/** Calls of every kind, tail calls, legacy packet loads, the budget and instruction counts. */
const TIERS: readonly Tier[] = ["interpreter", "js"];
const EXIT = insn(Op.EXIT);
const mov = (dst: number, imm: number) => insn(Cls.ALU64 | Alu.MOV | Src.K, { dst, imm });
const movr = (dst: number, src: number) => insn(Cls.ALU64 | Alu.MOV | Src.X, { dst, src });
const add = (dst: number, imm: number) => insn(Cls.ALU64 | Alu.ADD | Src.K, { dst, imm });
const addr = (dst: number, src: number) => insn(Cls.ALU64 | Alu.ADD | Src.X, { dst, src });
const callLocal = (imm: number) => insn(Op.CALL, { src: 1, imm });

function load(program: Instruction[], options: VmOptions = {}): Vm {
  const vm = createVm(program, options);
  if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
  return vm.value;
}

function runBoth(vm: Vm, run: RunOptions = {}): RunResult {
  const results = TIERS.map((tier) => vm.run({ ...run, tier }));
  const strip = (r: RunResult) => (r.kind === "exit" ? { ...r, tier: "-" } : r);
  expect(strip(results[1]!)).toEqual(strip(results[0]!));
  return results[0]!;
}

describe("BPF-to-BPF calls", () => {
  it("computes through nested calls and restores callee-saved registers", () => {
    // main: r6 = 100; r1 = 5; call f; r0 += r6; r0 += stack value; exit
    // f (slot 8): r6 = 0; store 999 on its stack; r0 = r1 + r1; exit
    const program = [
      mov(6, 100), // 0
      mov(1, 5), // 1
      insn(Cls.ST | Size.DW | Mode.MEM, { dst: 10, off: -8, imm: 7 }), // 2
      callLocal(4), // 3 -> 8
      addr(0, 6), // 4
      insn(Cls.LDX | Size.DW | Mode.MEM, { dst: 2, src: 10, off: -8 }), // 5
      addr(0, 2), // 6
      EXIT, // 7
      mov(6, 0), // 8
      insn(Cls.ST | Size.DW | Mode.MEM, { dst: 10, off: -8, imm: 999 }), // 9
      movr(0, 1), // 10
      addr(0, 1), // 11
      EXIT, // 12
    ];
    const r = runBoth(load(program));
    expect(r).toMatchObject({ kind: "exit", r0: 117n, insns: 13 });
  });

  it("faults past 8 frames", () => {
    // f calls itself forever
    const program = [callLocal(1), EXIT, mov(1, 0), callLocal(-2), EXIT];
    const r = runBoth(load(program));
    expect(r).toMatchObject({ kind: "fault", code: VmCode.STACK_OVERFLOW, pc: 3 });
  });
});

describe("helpers", () => {
  it("replaces any helper by a JS function and passes r1-r5 as u64", () => {
    const args: bigint[][] = [];
    const vm = load(
      [mov(1, -1), mov(2, 2), mov(3, 3), mov(4, 4), mov(5, 5), insn(Op.CALL, { imm: 6 }), EXIT],
      {
        helpers: { 6: (_c, a, b, c, d, e) => (args.push([a, b, c, d, e]), -22) },
      },
    );
    expect(runBoth(vm)).toMatchObject({ kind: "exit", r0: BigInt.asUintN(64, -22n) });
    expect(args[0]).toEqual([0xffffffffffffffffn, 2n, 3n, 4n, 5n]);
  });

  it("callx calls the helper whose id is in the register (conformance callx.data)", () => {
    const vm = load([mov(1, -1), mov(2, 5), insn(Op.CALLX, { dst: 2 }), mov(0, 2), EXIT], {
      helpers: conformanceHelpers,
    });
    expect(runBoth(vm)).toMatchObject({ kind: "exit", r0: 2n });
    const bad = load([mov(2, 77), insn(Op.CALLX, { dst: 2 }), EXIT], { helpers: conformanceHelpers });
    expect(runBoth(bad)).toMatchObject({ kind: "fault", code: VmCode.CALLX_TARGET, pc: 1 });
  });

  it("unwind (helper 5) returning 0 ends the program with r0 = 0", () => {
    const vm = load([mov(1, 0), insn(Op.CALL, { imm: 5 }), mov(0, 2), EXIT], { helpers: conformanceHelpers });
    expect(runBoth(vm)).toMatchObject({ kind: "exit", r0: 0n, insns: 2 });
  });

  it("conformance helpers: gather_bytes, memfrob, sqrti, strcmp_ext", () => {
    const h = (id: number) => conformanceHelpers.get(id)!.fn;
    const ctx = {} as Parameters<ReturnType<typeof h>>[0];
    expect(h(0)(ctx, 1n, 2n, 3n, 4n, 0x105n)).toBe(0x0102030405n);
    expect(h(3)(ctx, 0xffffffffffffffffn, 0n, 0n, 0n, 0n)).toBe(0xffffffffn);
    expect(h(3)(ctx, 99n, 0n, 0n, 0n, 0n)).toBe(9n);
    const vm = load(
      [
        insn(Cls.ST | Size.W | Mode.MEM, { dst: 10, off: -8, imm: 0x00636261 }),
        insn(Cls.ST | Size.W | Mode.MEM, { dst: 10, off: -16, imm: 0x00646261 }),
        movr(1, 10),
        add(1, -8),
        movr(2, 10),
        add(2, -16),
        insn(Op.CALL, { imm: 4 }),
        EXIT,
      ],
      { helpers: conformanceHelpers },
    );
    expect(runBoth(vm)).toMatchObject({ kind: "exit", r0: BigInt.asUintN(64, -1n) });
  });
});

describe("tail calls", () => {
  it("jump into another program, at most 33 times per run", () => {
    // target: r0 = 42; exit
    const target = load([mov(0, 42), EXIT]);
    // self-looping program counts its tail calls in .data? use a JS counter through the hook
    let calls = 0;
    const caller = load([mov(2, 0), mov(3, 0), insn(Op.CALL, { imm: 12 }), mov(0, 7), EXIT], {
      tailCall: () => (calls++, target.tailCallTarget),
    });
    expect(runBoth(caller)).toMatchObject({ kind: "exit", r0: 42n, tailCalls: 1, insns: 5 });
    expect(calls).toBe(2);

    const missing = load([mov(2, 0), mov(3, 0), insn(Op.CALL, { imm: 12 }), mov(0, 7), EXIT], {
      tailCall: () => undefined,
    });
    expect(runBoth(missing)).toMatchObject({ kind: "exit", r0: 7n });

    let self: Vm | undefined;
    const loop = load([mov(2, 0), mov(3, 0), insn(Op.CALL, { imm: 12 }), movr(0, 0), EXIT], {
      tailCall: () => self!.tailCallTarget,
    });
    self = loop;
    const r = runBoth(loop);
    // after 33 successful tail calls the 34th fails and returns -E2BIG, which the program returns
    expect(r).toMatchObject({ kind: "exit", tailCalls: 33, r0: BigInt.asUintN(64, -7n) });
  });
});

describe("legacy packet loads", () => {
  const pkt = new Uint8Array([0x12, 0x34, 0x56, 0x78, 0x9a]);
  it("LD_ABS and LD_IND read big-endian; out of range ends the program with 0", () => {
    const prog = [
      movr(6, 1),
      insn(Cls.LD | Size.W | Mode.ABS, { imm: 1 }),
      movr(7, 0),
      mov(2, 2),
      insn(Cls.LD | Size.H | Mode.IND, { src: 2, imm: 1 }),
      insn(Cls.ALU64 | Alu.LSH | Src.K, { dst: 7, imm: 16 }),
      addr(0, 7),
      EXIT,
    ];
    const vm = load(prog);
    expect(runBoth(vm, { packet: pkt })).toMatchObject({ kind: "exit", r0: 0x3456789a789an });
    const short = load([movr(6, 1), insn(Cls.LD | Size.W | Mode.ABS, { imm: 2 }), mov(0, 5), EXIT]);
    expect(runBoth(short, { packet: pkt })).toMatchObject({ kind: "exit", r0: 0n, insns: 2 });
  });
});

describe("budget and counting", () => {
  const loop = [mov(0, 0), add(0, 1), insn(Cls.JMP | Jmp.JA, { off: -2 }), EXIT];
  it("stops an endless loop with a clear fault at the same pc in both tiers", () => {
    const r = runBoth(load(loop), { budget: 1000 });
    expect(r).toMatchObject({ kind: "fault", code: VmCode.BUDGET_EXCEEDED, insns: 1000, pc: 2 }); // #1001 would be the ja
    if (r.kind === "fault") expect(r.message).toContain("1000");
  });

  it("counts executed instructions (lddw once)", () => {
    const prog = [
      insn(Op.LDDW, { dst: 0, imm: 1, immHi: 0 }),
      mov(1, 3),
      add(0, 1),
      insn(Cls.JMP | Jmp.JNE | Src.K, { dst: 0, imm: 4, off: -2 }),
      EXIT,
    ];
    expect(runBoth(load(prog))).toMatchObject({ kind: "exit", r0: 4n, insns: 2 + 3 * 2 + 1 });
  });

  it("traces every instruction with the registers before it", () => {
    const events: TraceEvent[] = [];
    const vm = load([mov(0, 1), add(0, 2), EXIT]);
    const r = vm.run({ trace: (e) => events.push(e) });
    expect(r).toMatchObject({ kind: "exit", r0: 3n, tier: "interpreter" });
    expect(events.map((e) => [e.pc, e.regs[0]])).toEqual([
      [0, 0n],
      [1, 1n],
      [2, 3n],
    ]);
  });
});
