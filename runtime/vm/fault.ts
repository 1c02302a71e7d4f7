import type { SourceLocation } from "../diag/diagnostic.js";
import type { VmCodeValue } from "./codes.js";

/**
 * Why a run stopped early. Returned as a value from `vm.run`, never thrown: the caller decides
 * whether a fault is a test failure, a printed error or an expected outcome.
 */
export interface VmFault {
  readonly kind: "fault";
  readonly code: VmCodeValue;
  readonly message: string;
  /** Slot index of the faulting instruction in the running program (the `pc` llvm-objdump shows). */
  readonly pc: number;
  /** Name of the running program (tail calls change it). */
  readonly program: string;
  /** The instruction as text, when the VM has a formatter. */
  readonly instruction?: string;
  /** The accessed address (hex), for memory faults. */
  readonly address?: string;
  /** The region the address points into (or would have), e.g. `stack[0]`, `packet`. */
  readonly region?: string;
  /** Source position of the instruction when the program carries line info. */
  readonly location?: SourceLocation;
  readonly sourceLine?: string;
  /** Instructions executed before the fault (including the faulting one). */
  readonly insns: number;
}

/**
 * The partial fault raised inside the VM's memory layer and helpers. It is thrown only across
 * helper code (so that a helper's `mem.read` of a bad address stops the run without every helper
 * checking results) and always caught by the VM, which adds pc, program and counts.
 */
export interface FaultInfo {
  readonly code: VmCodeValue;
  readonly message: string;
  readonly address?: string;
  readonly region?: string;
}

export class VmFaultSignal extends Error {
  readonly info: FaultInfo;
  constructor(info: FaultInfo) {
    super(info.message);
    this.name = "VmFaultSignal";
    this.info = info;
  }
}

/** One-line rendering: `pc 12 (ldxw r2, [r1+4]): message [address 0x…, region packet] at f.ts:3:1`. */
export function formatFault(f: VmFault): string {
  let s = `${f.code}: ${f.program} pc ${f.pc}`;
  if (f.instruction) s += ` (${f.instruction})`;
  s += `: ${f.message}`;
  if (f.location) s += ` at ${f.location.file}:${f.location.line}:${f.location.column}`;
  if (f.sourceLine) s += `\n    ${f.sourceLine.trim()}`;
  return s;
}
