import { VmCode } from "../vm/codes.js";
import { VmFaultSignal } from "../vm/fault.js";
import type { HelperContext } from "../vm/helper.js";
import { interpret } from "../vm/interpreter.js";
import { MAX_FRAMES, Machine, STACK_BYTES } from "../vm/machine.js";
import type { Region } from "../vm/memory.js";

/**
 * Function pointers (`lddw rX, FUNC` — BPF_PSEUDO_FUNC, src 4): the VM value is FUNC_BASE plus 8
 * times the slot where the subprogram starts. The high half is no region tag, so a program cannot
 * dereference it, and bpf_loop / bpf_for_each_map_elem turn it back into a slot.
 */
export const FUNC_BASE = 0xffff_ffff_a000_0000n;

export function funcPointer(slot: number): bigint {
  return FUNC_BASE + BigInt(slot) * 8n;
}

export function slotOfFuncPointer(ptr: bigint): number | undefined {
  const d = BigInt.asUintN(64, ptr) - FUNC_BASE;
  if (d < 0n || d % 8n !== 0n || d >= 8n << 24n) return undefined;
  return Number(d / 8n);
}

/** Invokes a callback subprogram of the running program; created once per helper call. */
export interface CallbackRunner {
  call(args: readonly bigint[]): bigint;
  /** Instructions the callbacks executed so far. */
  readonly insns: number;
}

/**
 * Runs callbacks the way the kernel does for bpf_loop and friends: in a new frame below the
 * caller's (its own stack, r6–r9 of the caller untouched), returning r0.
 *
 * The VM has no callback hook yet, so this drives a second Machine over the same memory, program
 * and stacks (frames below the caller's). Limits: the callbacks' instructions count against the
 * budget left at the call but are not added to the run's `insns`; frames beyond the kernel's 8
 * fault on their first stack access.
 */
export function callbackRunner(ctx: HelperContext, ptr: bigint, helper: string): CallbackRunner {
  const slot = slotOfFuncPointer(ptr);
  if (!(ctx instanceof Machine)) {
    throw new VmFaultSignal({
      code: VmCode.HELPER_FAILED,
      message: `${helper}: this VM cannot run callbacks`,
    });
  }
  const parent = ctx;
  const program = parent.program;
  if (slot === undefined || slot >= program.slots || program.insnAtSlot[slot] === -1) {
    throw new VmFaultSignal({
      code: VmCode.HELPER_FAILED,
      message: `${helper}: callback ${parent.mem.describe(ptr)} is not a function of ${program.name}`,
    });
  }
  if (parent.depth + 1 >= MAX_FRAMES) {
    throw new VmFaultSignal({
      code: VmCode.STACK_OVERFLOW,
      message: `${helper}: call nesting exceeds ${MAX_FRAMES} frames`,
    });
  }
  const stacks: Region[] = parent.stacks.slice(parent.depth + 1);
  while (stacks.length < MAX_FRAMES) {
    const r = parent.mem.add(new Uint8Array(STACK_BYTES), { kind: "stack", name: "stack[beyond 8 frames]" });
    parent.mem.release(r);
    stacks.push(r);
  }
  let used = 0;
  const budgetLeft = Math.max(0, parent.budget - parent.insns);
  return {
    get insns() {
      return used;
    },
    call(args) {
      const m = new Machine({ mem: parent.mem, stacks, program, budget: budgetLeft - used });
      m.reset(program, budgetLeft - used);
      for (let i = 0; i < args.length && i < 5; i++) {
        const v = BigInt.asUintN(64, args[i]!);
        m.L[i + 1] = Number(BigInt.asIntN(32, v));
        m.H[i + 1] = Number(BigInt.asIntN(32, v >> 32n));
      }
      m.pc = slot;
      for (const s of stacks.slice(0, 1)) if (!s.released) s.bytes.fill(0);
      interpret(m);
      used += m.insns;
      if (m.tailCalls > 0) {
        throw new VmFaultSignal({
          code: VmCode.HELPER_FAILED,
          message: `${helper}: tail calls are not allowed in callbacks`,
        });
      }
      return m.reg(0);
    },
  };
}
