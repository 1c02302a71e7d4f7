import { BpfCommand, ProgFlags, ProgType } from "../../runtime/uapi/bpf.js";
import { KernelProgram, TestRunAttr, bpfCall, type KernelResult } from "../../runtime/kernel/index.js";
import type { Instruction } from "../../runtime/isa/index.js";

/**
 * BPF_PROG_TEST_RUN of a BPF_PROG_TYPE_SYSCALL program (kernel: bpf_prog_test_run_syscall in
 * net/bpf/test_run.c). Such a program may write its context, and the kernel copies the context
 * back into the caller's ctx_in buffer (not ctx_out, which, like repeat, must be zero). That lets
 * one run report many full 64-bit values, where `retval` has only 32 bits.
 */
export interface SyscallRun {
  readonly retval: number;
  /** The context as the program left it. */
  readonly ctx: Uint8Array;
}

export function runSyscall(fd: number, ctx: Uint8Array): KernelResult<SyscallRun> {
  let out: Uint8Array | undefined;
  return bpfCall(
    BpfCommand.PROG_TEST_RUN,
    TestRunAttr,
    (a, arena) => {
      const block = arena.bytes(ctx);
      out = block.bytes;
      a.u32("prog_fd", fd).u64("ctx_in", block.address).u32("ctx_size_in", ctx.length);
    },
    ({ attr }) => ({ retval: attr.getU32("retval"), ctx: out!.slice() }),
  );
}

/** Loads `instructions` as a syscall program (the kernel wants them sleepable; GPL for every helper). */
export function loadSyscall(instructions: readonly Instruction[], logLevel = 0): KernelResult<KernelProgram> {
  return KernelProgram.load({
    type: ProgType.SYSCALL,
    instructions,
    name: "tsbpf_diff",
    license: "GPL",
    flags: ProgFlags.SLEEPABLE,
    logLevel,
  });
}
