import type { Memory } from "./memory.js";

/**
 * What a helper (a JavaScript function standing in for a kernel `bpf_*` helper) can see and do.
 * Memory access through `mem` is checked like the program's own; a bad address stops the run
 * with a fault naming the helper.
 */
export interface HelperContext {
  readonly mem: Memory;
  /** Name of the running program. */
  readonly programName: string;
  /** Instructions executed so far in this run. */
  readonly insns: number;
  /** Value of any register at the call (r1–r5 are also the arguments). */
  reg(n: number): bigint;
  /** Ends the whole run now with this r0 (uBPF's "unwind" hook). */
  exit(r0: bigint | number): void;
  /**
   * Requests a tail call (kernel bpf_tail_call): when the helper returns, the current function is
   * replaced by `target`'s program. Returns false when the limit (33) is reached — the helper
   * should then return a negative error, as the kernel does.
   */
  tailCall(target: TailCallTarget): boolean;
  /** Per-run scratch space for helper sets (e.g. a trace_printk buffer). */
  readonly scratch: Map<string, unknown>;
  /**
   * Calls a subprogram of the running program — the callback a helper such as bpf_loop or
   * bpf_for_each_map_elem received as a function pointer (func-pointer.ts) — and returns its r0.
   * As in the kernel, the callback runs in a new frame below the caller's, with its own zeroed
   * 512-byte stack, r1–r5 from `args` (bigints mod 2^64; numbers may be negative), and the
   * caller's registers untouched when it returns. Its instructions count toward the run's
   * `insns` and budget.
   *
   * Throws a VmFaultSignal (which ends the run with a fault) when `fn` is not a function of the
   * program, the frames would exceed 8, the callback faults, or it requests a tail call (the
   * kernel's verifier refuses tail calls in callbacks). When the callback ends the whole run
   * (`exit`), callFunction does not return: the helper is abandoned and the run ends.
   */
  callFunction(fn: bigint, args: ReadonlyArray<bigint | number>): bigint;
}

/** A program a tail call can jump to: anything created by `createVm`. */
export interface TailCallTarget {
  /** Opaque handle the VM recognises; obtained from `vm.tailCallTarget`. */
  readonly program: unknown;
}

/**
 * A helper: arguments r1–r5 as unsigned 64-bit bigints; the result goes to r0. A number result
 * may be negative (-errno); void means 0. Helpers may throw a `VmFaultSignal` (via `mem`) to stop
 * the run; any other exception becomes a HELPER_FAILED fault.
 */
export type Helper = (
  ctx: HelperContext,
  r1: bigint,
  r2: bigint,
  r3: bigint,
  r4: bigint,
  r5: bigint,
) => bigint | number | void;

/** A helper with its kernel name, for messages. */
export interface HelperDef {
  readonly name: string;
  readonly fn: Helper;
}

/** Helpers by id. Plain functions get the name `helper#id`. */
export type HelperSet =
  | ReadonlyMap<number, Helper | HelperDef>
  | Readonly<Record<number, Helper | HelperDef>>;

/** Dense table used by both tiers: index = helper id. */
export function helperTable(set: HelperSet | undefined): (HelperDef | undefined)[] {
  const table: (HelperDef | undefined)[] = [];
  if (!set) return table;
  const entries: Iterable<[number | string, Helper | HelperDef]> =
    set instanceof Map ? set.entries() : Object.entries(set);
  for (const [k, v] of entries) {
    const id = Number(k);
    if (!Number.isInteger(id) || id < 0 || id > 0xffff) continue;
    table[id] = typeof v === "function" ? { name: `helper#${id}`, fn: v } : v;
  }
  return table;
}

/** Helper id of the kernel's bpf_tail_call (enum bpf_func_id). */
export const TAIL_CALL_HELPER_ID = 12;
/** Kernel MAX_TAIL_CALL_CNT: at most 33 tail calls per run. */
export const MAX_TAIL_CALLS = 33;
