import type { Machine } from "../machine.js";

/** A program translated to a JavaScript function (the JS tier). */
export interface JsProgram {
  /**
   * Runs from m.pc with registers in m.L/m.H. Returns JsStatus.EXIT (r0 in m.L/m.H),
   * JsStatus.TAIL_CALL, or JsStatus.RESUME: a speculation failed (a value left the range its
   * representation holds), and the interpreter continues exactly where the translation stopped
   * (m.pc, m.insns and every register written back). Faults throw VmFaultSignal.
   */
  run(m: Machine): number;
  readonly source: string;
  /**
   * Whether the function is small enough for V8's optimizing compiler (its bytecode limit is
   * about 60 KB; a larger function stays in V8's own interpreter and runs several times slower
   * than tsbpf's). Under tier "auto" the VM uses the JS tier only for programs where this holds.
   */
  readonly optimizable: boolean;
}

/** Source length above which V8 stops optimizing a translated function (measured, Node 20). */
export const MAX_OPTIMIZABLE_SOURCE = 60_000;

export const JsStatus = { EXIT: 0, TAIL_CALL: 2, RESUME: 3 } as const;
