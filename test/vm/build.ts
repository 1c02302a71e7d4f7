import { expect } from "vitest";
import { Alu, Cls, Mode, Op, Src, insn, type Instruction } from "../../runtime/isa/index.js";
import {
  createVm,
  type RunOptions,
  type RunResult,
  type Vm,
  type VmOptions,
} from "../../runtime/vm/index.js";

/** Instruction builders shared by the VM tests (64-bit unless named otherwise). */
export const EXIT: Instruction = insn(Op.EXIT);
export const mov = (dst: number, imm: number) => insn(Cls.ALU64 | Alu.MOV | Src.K, { dst, imm });
export const movr = (dst: number, src: number) => insn(Cls.ALU64 | Alu.MOV | Src.X, { dst, src });
export const add = (dst: number, imm: number) => insn(Cls.ALU64 | Alu.ADD | Src.K, { dst, imm });
export const addr = (dst: number, src: number) => insn(Cls.ALU64 | Alu.ADD | Src.X, { dst, src });
export const mul = (dst: number, imm: number) => insn(Cls.ALU64 | Alu.MUL | Src.K, { dst, imm });
export const ldx = (size: number, dst: number, src: number, off: number) =>
  insn(Cls.LDX | size | Mode.MEM, { dst, src, off });
export const stx = (size: number, dst: number, src: number, off: number) =>
  insn(Cls.STX | size | Mode.MEM, { dst, src, off });
export const st = (size: number, dst: number, off: number, imm: number) =>
  insn(Cls.ST | size | Mode.MEM, { dst, off, imm });
/** A helper call. */
export const call = (imm: number) => insn(Op.CALL, { imm });

/** A VM for `program`; load errors throw (a test's setup is wrong). */
export function loadVm(program: Instruction[], options: VmOptions = {}): Vm {
  const vm = createVm(program, options);
  if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
  return vm.value;
}

/** Runs both tiers; they must agree on everything but the tier's name. Returns the interpreter's result. */
export function runBoth(vm: Vm, run: RunOptions = {}): RunResult {
  const results = (["interpreter", "js"] as const).map((tier) => vm.run({ ...run, tier }));
  const strip = (r: RunResult) => (r.kind === "exit" ? { ...r, tier: "-" } : r);
  expect(strip(results[1]!)).toEqual(strip(results[0]!));
  return results[0]!;
}
