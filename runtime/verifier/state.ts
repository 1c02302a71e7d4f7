import { notInit, regSafe, type RegState } from "./reg.js";

/** kernel: MAX_BPF_STACK */
export const MAX_STACK = 512;
/** kernel: MAX_CALL_FRAMES */
export const MAX_CALL_FRAMES = 8;

/** What the verifier knows about one stack byte (kernel: enum bpf_stack_slot_type). */
export const Slot = { INVALID: 0, MISC: 1, ZERO: 2, SPILL: 3 } as const;

/**
 * One frame's stack: a type per byte (index = 512 + offset from the frame pointer) and the
 * register spilled into each 8-byte slot (index = (512 + offset) / 8). tsbpf keeps a spill only
 * for aligned 8-byte stores; narrower stores make bytes MISC (or ZERO), which is less precise than
 * the kernel's narrow-spill tracking and therefore sound.
 */
export interface StackState {
  types: Uint8Array;
  spills: Array<RegState | undefined>;
}

export interface Frame {
  regs: RegState[];
  stack: StackState;
  /** Instruction index to continue at when this frame returns (-1 for the main frame). */
  callsite: number;
  /** Subprogram this frame runs. */
  subprog: number;
  /** A callback (bpf_loop's): returns to its call instruction, R0 in `callbackRet` (kernel: in_callback_fn). */
  inCallback: boolean;
  /** Callback iterations entered from this frame's current call (kernel: callback_depth). */
  callbackDepth: number;
}

/** An acquired reference (kernel: struct bpf_reference_state). */
export interface Reference {
  readonly id: number;
  readonly insn: number;
}

/** A checkpoint: an explored state kept for pruning (kernel: struct bpf_verifier_state_list). */
export interface Checkpoint {
  readonly state: VerifierState;
  readonly insn: number;
  /** Paths still being explored below this checkpoint (kernel: branches). */
  branches: number;
  readonly parent: Checkpoint | undefined;
  hits: number;
  misses: number;
  /**
   * Registers of the innermost frame that are live here and hold a known constant, with their
   * values: a state can only be covered when it holds the same constants there, so these few
   * comparisons reject most candidates before the full states_equal walk.
   */
  readonly constRegs: readonly number[];
  readonly constVals: readonly bigint[];
  /** Hash of the registers (verify.ts regsKey): exactly equal states have equal keys. */
  readonly key: number;
}

/** The quick necessary condition of statesEqual: `cur` holds the checkpoint's live constants. */
export function sameConstants(cp: Checkpoint, cur: VerifierState): boolean {
  if (cp.state.frames.length !== cur.frames.length) return false;
  const regs = cur.frames[cur.frames.length - 1]!.regs;
  for (let k = 0; k < cp.constRegs.length; k++) {
    const r = regs[cp.constRegs[k]!]!;
    if (r.type !== "scalar" || r.bounds.varOff.mask !== 0n || r.bounds.varOff.value !== cp.constVals[k])
      return false;
  }
  return true;
}

export interface VerifierState {
  frames: Frame[];
  refs: Reference[];
  /** Nearest checkpoint this path descends from. */
  parent: Checkpoint | undefined;
}

export function emptyStack(): StackState {
  return { types: new Uint8Array(MAX_STACK), spills: new Array<RegState | undefined>(MAX_STACK / 8) };
}

export function newFrame(callsite: number, subprog: number): Frame {
  const regs: RegState[] = [];
  for (let i = 0; i < 11; i++) regs.push(notInit());
  return { regs, stack: emptyStack(), callsite, subprog, inCallback: false, callbackDepth: 0 };
}

/*
 * A RegState is never changed once a frame or stack slot holds it: updates put a new object in its
 * place (replaceRegs below for the walks over every register), so copies of a state share them.
 */
function copyStack(s: StackState): StackState {
  return { types: s.types.slice(), spills: s.spills.slice() };
}

export function copyFrame(f: Frame): Frame {
  return { ...f, regs: f.regs.slice(), stack: copyStack(f.stack) };
}

export function copyState(s: VerifierState): VerifierState {
  return { frames: s.frames.map(copyFrame), refs: s.refs.slice(), parent: s.parent };
}

export const curFrame = (s: VerifierState): Frame => s.frames[s.frames.length - 1]!;

/** Every register and spilled register of every frame (kernel: bpf_for_each_reg_in_vstate). */
export function* allRegs(s: VerifierState): Generator<RegState> {
  for (const f of s.frames) {
    yield* f.regs;
    for (const r of f.stack.spills) if (r) yield r;
  }
}

/**
 * Replaces every register and spilled register of every frame for which `f` returns a new state
 * (kernel: bpf_for_each_reg_in_vstate with a write): registers are shared between states, so they
 * are replaced, never changed in place.
 */
export function replaceRegs(s: VerifierState, f: (r: RegState) => RegState | undefined): void {
  for (const fr of s.frames) {
    for (let k = 0; k < fr.regs.length; k++) {
      const n = f(fr.regs[k]!);
      if (n) fr.regs[k] = n;
    }
    const spills = fr.stack.spills;
    for (let k = 0; k < spills.length; k++) {
      const r = spills[k];
      const n = r && f(r);
      if (n) spills[k] = n;
    }
  }
}

/** kernel: stacksafe (without liveness: every byte the old state knew something about must match). */
function stackSafe(old: StackState, cur: StackState, idmap: Map<number, number>, exact: boolean): boolean {
  if (exact) {
    for (let i = 0; i < MAX_STACK; i++) if (old.types[i] !== cur.types[i]) return false;
    for (let k = 0; k < old.spills.length; k++) {
      const o = old.spills[k];
      const c = cur.spills[k];
      if (!o !== !c || (o && c && !regSafe(o, c, idmap, true))) return false;
    }
    return true;
  }
  for (let i = 0; i < MAX_STACK; i++) {
    const o = old.types[i]!;
    const c = cur.types[i]!;
    const curSpill = c === Slot.SPILL ? cur.spills[i >> 3] : undefined;
    switch (o) {
      case Slot.INVALID:
      case Slot.MISC:
        // Old read these bytes as an unknown scalar; a spilled pointer would read differently.
        if (o === Slot.INVALID && c !== Slot.INVALID) {
          if (c === Slot.SPILL && curSpill?.type !== "scalar") return false;
          // INVALID and MISC read alike for privileged programs (allow_uninit_stack)
        }
        if (c === Slot.SPILL && curSpill?.type !== "scalar") return false;
        break;
      case Slot.ZERO:
        if (c !== Slot.ZERO) return false;
        break;
      case Slot.SPILL: {
        if (c !== Slot.SPILL) return false;
        if ((i & 7) !== 0) break;
        const os = old.spills[i >> 3];
        if (!os || !curSpill || !regSafe(os, curSpill, idmap)) return false;
        break;
      }
    }
  }
  return true;
}

/**
 * kernel: states_equal — may the path that reached `cur` be cut because `old`, already explored
 * from the same instruction, covers it?
 */
export function statesEqual(
  old: VerifierState,
  cur: VerifierState,
  exact = false,
  live?: { readonly regs: Uint16Array; readonly precise?: Uint16Array; readonly insn: number },
): boolean {
  if (old.frames.length !== cur.frames.length) return false;
  if (old.refs.length !== cur.refs.length) return false;
  const idmap = new Map<number, number>();
  for (let i = 0; i < old.refs.length; i++) {
    const o = old.refs[i]!.id;
    const c = cur.refs[i]!.id;
    const seen = idmap.get(o);
    if (seen !== undefined && seen !== c) return false;
    idmap.set(o, c);
    idmap.set(-c, o);
  }
  for (let f = 0; f < old.frames.length; f++) {
    const of = old.frames[f]!;
    const cf = cur.frames[f]!;
    if (of.callsite !== cf.callsite || of.subprog !== cf.subprog || of.inCallback !== cf.inCallback)
      return false;
    // registers no path reads before writing do not matter (kernel: clean_func_state); an outer
    // frame resumes after (or, for a callback, at) the call it is in
    const at = f === old.frames.length - 1 ? live?.insn : old.frames[f + 1]!.callsite;
    const mask = !exact && live && at !== undefined ? live.regs[at]! | (1 << 10) : 0x7ff;
    // live scalars whose value reaches no check are compared by type only (kernel: regsafe on a
    // scalar without the precise mark)
    const precise = !exact && live?.precise && at !== undefined ? live.precise[at]! : 0x7ff;
    for (let r = 0; r < 11; r++) {
      if (!(mask & (1 << r))) continue;
      const o = of.regs[r]!;
      if (!(precise & (1 << r)) && o.type === "scalar") {
        if (cf.regs[r]!.type !== "scalar") return false;
        continue;
      }
      if (!regSafe(o, cf.regs[r]!, idmap, exact)) return false;
    }
    if (!stackSafe(of.stack, cf.stack, idmap, exact)) return false;
  }
  return true;
}
