import type { Instruction } from "../isa/instruction.js";
import { GUARD_BASE, hexAddress } from "./address.js";
import { VmCode } from "./codes.js";
import { VmFaultSignal, type FaultInfo, type VmFault } from "./fault.js";
import { slotOfFuncPointer } from "./func-pointer.js";
import { MAX_TAIL_CALLS, type HelperContext, type HelperDef, type TailCallTarget } from "./helper.js";
import { OUT, splitResult, toU64 } from "./int64.js";
import type { LoadedProgram } from "./load.js";
import type { Memory, Region } from "./memory.js";

/** Bytes of stack per frame (kernel MAX_BPF_STACK) and frames per run (kernel MAX_CALL_FRAMES). */
export const STACK_BYTES = 512;
export const MAX_FRAMES = 8;

/**
 * Runs the interpreter from `m.pc` until the frame at `m.baseDepth` exits (interpreter.ts sets
 * itself here when its module loads; a parameter-free hook keeps machine.ts below interpreter.ts).
 */
let runInterpreter: ((m: Machine) => number) | undefined;
/** @internal interpreter.ts registers itself for callFunction. */
export function setCallbackInterpreter(run: (m: Machine) => number): void {
  runInterpreter = run;
}

/** Thrown through a helper when a callback ended the run (`exit`); callHelper turns it into an exit. */
class ExitUnwind {}
const EXIT_UNWIND = new ExitUnwind();

/** Status codes the tiers return to the driver. */
export const Status = { EXIT: 0, FAULT: 1 } as const;

/** Decides which helper a `callx` calls; default: the register's value is the helper id. */
export type CallxHook = (ctx: HelperContext, target: bigint) => number | undefined;
/** Finds the program a `bpf_tail_call(ctx, prog_array, index)` jumps to. */
export type TailCallHook = (
  ctx: HelperContext,
  progArray: bigint,
  index: bigint,
) => TailCallTarget | undefined;

/**
 * The state of one run, shared by both tiers and handed to helpers as their context. Registers
 * live in `L`/`H` (low/high int32 halves) whenever control is outside a tier's loop (helper calls,
 * faults, exit).
 */
export class Machine implements HelperContext {
  /** r0–r10 low halves at 0–10, high halves at 11–21 (the interpreter indexes this array). */
  readonly R = new Int32Array(22);
  /** Low halves (a view of R). */
  readonly L = this.R.subarray(0, 11);
  /** High halves (a view of R). */
  readonly H = this.R.subarray(11, 22);
  readonly mem: Memory;
  /** Regions of the frames' stacks, frame 0 first. */
  readonly stacks: readonly Region[];
  readonly scratch = new Map<string, unknown>();
  program: LoadedProgram;
  /** Instructions executed; the tier keeps its own copy in a local and writes it back here. */
  insns = 0;
  budget: number;
  /** The faulting or current pc, written by the tiers before they return or throw. */
  pc = 0;
  /** Call frames: return slot, program and saved r6–r9 (lo, hi) per frame. */
  depth = 0;
  /**
   * The frame whose `exit` ends the tier's loop: 0, or the callback's frame while callFunction
   * runs one (the tiers compare `depth` with it at every exit).
   */
  baseDepth = 0;
  readonly frameRet = new Int32Array(MAX_FRAMES);
  readonly frameSave = new Int32Array(MAX_FRAMES * 8);
  readonly framePrograms: LoadedProgram[] = [];
  exitRequested = false;
  tailTarget: LoadedProgram | undefined = undefined;
  tailCalls = 0;
  fault: VmFault | undefined = undefined;
  legacyPacket: Region | undefined = undefined;
  /** Called before every instruction by the tracing interpreter. */
  traceHook: ((m: Machine, pc: number) => void) | undefined = undefined;
  private readonly callxHook: CallxHook | undefined;
  private readonly format: ((insn: Instruction) => string) | undefined;

  constructor(init: {
    mem: Memory;
    stacks: readonly Region[];
    program: LoadedProgram;
    budget: number;
    callx?: CallxHook;
    format?: (insn: Instruction) => string;
  }) {
    this.mem = init.mem;
    this.stacks = init.stacks;
    this.program = init.program;
    this.budget = init.budget;
    this.callxHook = init.callx;
    this.format = init.format;
    this.setFrame(0);
  }

  /** Prepares the machine for a new run of `program`. */
  reset(program: LoadedProgram, budget: number): void {
    // a loop, not R.fill(0): the builtin call costs more than the 22 stores in a short run
    const R = this.R;
    for (let i = 0; i < 22; i++) R[i] = 0;
    this.program = program;
    this.budget = budget;
    this.insns = 0;
    this.pc = 0;
    this.depth = 0;
    this.baseDepth = 0;
    if (this.framePrograms.length !== 0) this.framePrograms.length = 0;
    this.exitRequested = false;
    this.tailTarget = undefined;
    this.tailCalls = 0;
    this.fault = undefined;
    this.legacyPacket = undefined;
    this.traceHook = undefined;
    if (this.scratch.size !== 0) this.scratch.clear();
    this.setFrame(0);
  }

  /** Points r10 at the top of frame `depth`'s stack. */
  setFrame(depth: number): void {
    this.L[10] = GUARD_BASE + STACK_BYTES;
    this.H[10] = this.stacks[depth]!.tag;
  }

  get programName(): string {
    return this.program.name;
  }

  reg(n: number): bigint {
    return toU64(this.L[n]!, this.H[n]!);
  }

  exit(r0: bigint | number): void {
    splitResult(r0);
    this.L[0] = OUT[0]!;
    this.H[0] = OUT[1]!;
    this.exitRequested = true;
  }

  tailCall(target: TailCallTarget): boolean {
    // kernel: the verifier refuses bpf_tail_call in a callback (check_helper_call)
    if (this.baseDepth !== 0) this.raise(VmCode.HELPER_FAILED, "tail calls are not allowed in callbacks");
    if (this.tailCalls >= MAX_TAIL_CALLS) return false;
    this.tailCalls++;
    this.tailTarget = target.program as LoadedProgram;
    return true;
  }

  /** HelperContext.callFunction: a callback in a new frame, run by the interpreter. */
  callFunction(fn: bigint, args: ReadonlyArray<bigint | number>): bigint {
    const program = this.program;
    const slot = slotOfFuncPointer(fn);
    if (slot === undefined || slot >= program.slots || program.insnAtSlot[slot] === -1) {
      this.raise(
        VmCode.HELPER_FAILED,
        `callback ${this.mem.describe(fn)} is not a function of ${program.name}`,
      );
    }
    const depth = this.depth + 1;
    // kernel MAX_CALL_FRAMES counts the callback's frame like a BPF-to-BPF call's
    if (depth >= MAX_FRAMES) this.raise(VmCode.STACK_OVERFLOW, `call nesting exceeds ${MAX_FRAMES} frames`);
    const run = runInterpreter!;
    // the caller's state, as a BPF-to-BPF call would keep it (all registers, not only r6–r9:
    // the helper that calls back returns into the caller with only r0 changed)
    const saved = this.R.slice();
    const pc = this.pc;
    const base = this.baseDepth;
    const frames = this.framePrograms.length;
    this.stacks[depth]!.bytes.fill(0);
    this.R.fill(0);
    for (let i = 0; i < args.length && i < 5; i++) {
      splitResult(args[i]!);
      this.L[i + 1] = OUT[0]!;
      this.H[i + 1] = OUT[1]!;
    }
    this.setFrame(depth);
    this.depth = depth;
    this.baseDepth = depth;
    this.pc = slot;
    try {
      run(this);
    } finally {
      this.baseDepth = base;
    }
    // an `exit` helper inside the callback ends the whole run: unwind the helper that called back
    if (this.exitRequested) throw EXIT_UNWIND;
    const r0 = toU64(this.L[0]!, this.H[0]!);
    this.R.set(saved);
    this.depth = depth - 1;
    this.pc = pc;
    this.program = program;
    if (this.framePrograms.length !== frames) this.framePrograms.length = frames;
    return r0;
  }

  /** Builds the fault for the instruction at `pc` of the current program. */
  makeFault(info: FaultInfo, pc: number): VmFault {
    const p = this.program;
    const n = pc >= 0 && pc < p.slots ? p.insnAtSlot[pc]! : -1;
    const insn = n >= 0 ? p.instructions[n] : undefined;
    let text: string | undefined;
    if (insn && this.format) {
      try {
        text = this.format(insn);
      } catch {
        text = undefined;
      }
    }
    const location = pc >= 0 && pc < p.slots ? p.locations[pc] : undefined;
    const sourceLine = pc >= 0 && pc < p.slots ? p.sourceLines[pc] : undefined;
    return {
      kind: "fault",
      code: info.code,
      message: info.message,
      pc,
      program: p.name,
      insns: this.insns,
      ...(text !== undefined ? { instruction: text } : {}),
      ...(info.address !== undefined ? { address: info.address } : {}),
      ...(info.region !== undefined ? { region: info.region } : {}),
      ...(location ? { location } : {}),
      ...(sourceLine !== undefined ? { sourceLine } : {}),
    };
  }

  /** Throws a fault for the tiers' out-of-line checks. */
  raise(code: FaultInfo["code"], message: string): never {
    throw new VmFaultSignal({ code, message });
  }

  /**
   * Calls helper `id` with r1–r5 from L/H and puts the result in r0. Returns 0 to continue,
   * 1 when the helper ended the run (exit), 2 when it requested a tail call.
   */
  callHelper(id: number, helpers: readonly (HelperDef | undefined)[]): number {
    const h = helpers[id];
    if (!h) this.raise(VmCode.HELPER_MISSING, `no helper with id ${id}`);
    const L = this.L;
    const H = this.H;
    let r: bigint | number | void;
    try {
      r = h.fn(
        this,
        toU64(L[1]!, H[1]!),
        toU64(L[2]!, H[2]!),
        toU64(L[3]!, H[3]!),
        toU64(L[4]!, H[4]!),
        toU64(L[5]!, H[5]!),
      );
    } catch (e) {
      if (e === EXIT_UNWIND) return 1;
      if (e instanceof VmFaultSignal) {
        throw new VmFaultSignal({ ...e.info, message: `in helper ${h.name}: ${e.info.message}` });
      }
      throw new VmFaultSignal({
        code: VmCode.HELPER_FAILED,
        message: `helper ${h.name} threw: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
    if (this.exitRequested) return 1;
    splitResult(r ?? 0);
    L[0] = OUT[0]!;
    H[0] = OUT[1]!;
    if (this.tailTarget) return 2;
    return 0;
  }

  /** `callx`: the target register's value names a helper (through the hook, if any). */
  callx(lo: number, hi: number, helpers: readonly (HelperDef | undefined)[]): number {
    const target = toU64(lo, hi);
    const id = this.callxHook ? this.callxHook(this, target) : target < 0x10000n ? Number(target) : undefined;
    if (id === undefined || !helpers[id]) {
      this.raise(VmCode.CALLX_TARGET, `callx to ${hexAddress(hi, lo)}, which is no helper this VM provides`);
    }
    return this.callHelper(id, helpers);
  }

  /**
   * Legacy packet loads (LD_ABS / LD_IND, RFC 9669 §5.5): big-endian load from the packet at
   * `offset`; -1 when outside it, which ends the program with r0 = 0 as in the kernel.
   */
  ldAbs(offset: number, size: number): number {
    const p = this.legacyPacket;
    if (!p) this.raise(VmCode.NOT_A_POINTER, "LD_ABS/LD_IND without a packet (pass `packet` to run)");
    if (offset < 0 || offset + size > p.size) return -1;
    const v = p.view;
    return size === 1
      ? v.getUint8(offset)
      : size === 2
        ? v.getUint16(offset, false)
        : v.getUint32(offset, false);
  }

  /** Switches to a tail-call target; registers other than r1 and r10 keep no meaning. */
  takeTailCall(): LoadedProgram {
    const t = this.tailTarget!;
    this.tailTarget = undefined;
    this.program = t;
    return t;
  }
}
