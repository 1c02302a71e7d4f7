import type { Diagnostic, SourceLocation } from "../diag/diagnostic.js";
import {
  CallSrc,
  Cls,
  formOf,
  Jmp,
  LdImm64Src,
  Mode,
  Op,
  opClass,
  type Instruction,
  type OpForm,
} from "../isa/index.js";
import type { DataSectionSpec, MapSpec, ProgramSpec } from "../object/spec.js";
import { AttachType, type ProgTypeName } from "../uapi/bpf.js";
import { checkAlu } from "./alu.js";
import { isConst, knownBounds } from "./bounds.js";
import { markGoodPacket, markPtrOrNull, negate, refine, scalarBranchTaken } from "./branch.js";
import { callGlobal, checkHelperCall, enterSubprog, leaveCallback, leaveSubprog } from "./call.js";
import { findGlobalFuncs } from "./globals.js";
import { computeLiveRegs } from "./liveness.js";
import { computePreciseRegs, functionSuccessors } from "./precision.js";
import { buildCfg } from "./cfg.js";
import { failure, notModelled, VerifierCode, type Failure } from "./codes.js";
import { mayAccessSkb } from "./context.js";
import type { Env } from "./env.js";
import { HELPER_BY_ID, MINIMAL_PROG_TYPES, MODELLED_PROG_TYPES } from "./helpers.js";
import { checkRetval, returnRange } from "./return-code.js";
import { insnText } from "./insn-text.js";
import { checkMemAccess } from "./mem.js";
import { gplCompatible, normalizeInput, resolveLddw, type VerifyInput } from "./program.js";
import {
  isKnownZero,
  isPacketPointer,
  notInit,
  pointerReg,
  regText,
  regTypeName,
  scalarReg,
  type RegState,
} from "./reg.js";
import {
  copyState,
  curFrame,
  MAX_STACK,
  newFrame,
  sameConstants,
  statesEqual,
  type Checkpoint,
  type VerifierState,
} from "./state.js";

/** kernel: BPF_COMPLEXITY_LIMIT_INSNS */
export const COMPLEXITY_LIMIT_INSNS = 1_000_000;
/** kernel: BPF_COMPLEXITY_LIMIT_JMP_SEQ */
export const COMPLEXITY_LIMIT_JMP_SEQ = 8192;

export interface VerifyOptions {
  /** Maps the program's `lddw` instructions refer to (by relocation name, or by index without one). */
  readonly maps?: readonly MapSpec[];
  /**
   * Global data sections of the program's collection: `lddw` of a section's address refers to the
   * single-element array map a loader creates for it; read-only sections are frozen, so loads
   * from them are known constants (as for the kernel with libbpf's .rodata).
   */
  readonly data?: readonly DataSectionSpec[];
  /** The collection's raw `.BTF` (CollectionSpec.btf): tells global functions from static ones. */
  readonly btf?: Uint8Array;
  /** 0: no log; 1: every processed instruction; 2: also the state at each one. Default: 1 when refused. */
  readonly logLevel?: 0 | 1 | 2;
  /** License for the `{ instructions, type }` form (default GPL); a ProgramSpec carries its own. */
  readonly license?: string;
  /** Verify as an unprivileged user would load it. Not modelled yet: refused with TSB4099. */
  readonly unprivileged?: boolean;
}

export interface VerifyResult {
  readonly accepted: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** Kernel-style verifier log. */
  readonly log: string;
  /** Instructions processed over all paths (the kernel's "processed N insns"). */
  readonly processedInsns: number;
  /** Most explored states kept at once (kernel: peak_states). */
  readonly peakStates: number;
  /** Explored states created (kernel: total_states). */
  readonly totalStates: number;
}

type Step = { readonly next: number } | { readonly exit: true } | Failure;

interface Pending {
  readonly state: VerifierState;
  readonly insn: number;
  readonly from: number;
}

/**
 * Checks a program the way Linux 6.18's verifier does (kernel: bpf_check → do_check): every
 * path is walked with abstract register and stack states; paths are cut when a state already
 * proven safe at the same instruction covers them. Anything the kernel would accept but tsbpf
 * does not model is refused with TSB4099, never accepted silently.
 */
export function verify(
  program: ProgramSpec | { readonly instructions: readonly Instruction[]; readonly type: ProgTypeName },
  options: VerifyOptions = {},
): VerifyResult {
  const first = verifyOnce(program, options, options.logLevel ?? 0);
  if (first.accepted || options.logLevel !== undefined) return first;
  // like libbpf: on refusal, verify again with a log (the walk is deterministic)
  return verifyOnce(program, options, 1);
}

function verifyOnce(
  program: ProgramSpec | { readonly instructions: readonly Instruction[]; readonly type: ProgTypeName },
  options: VerifyOptions,
  logLevel: 0 | 1 | 2,
): VerifyResult {
  const input = normalizeInput(program, options.license);
  const lines: string[] = [];
  const stats = { processed: 0, total: 0, peak: 0, live: 0, maxPerInsn: 0 };
  const finish = (failed?: {
    f: Failure;
    insn: number;
    state?: VerifierState;
    at?: number;
  }): VerifyResult => {
    if (failed && logLevel > 0) lines.push(failed.f.message);
    if (logLevel > 0) {
      lines.push(
        `processed ${stats.processed} insns (limit ${COMPLEXITY_LIMIT_INSNS}) max_states_per_insn ${stats.maxPerInsn} total_states ${stats.total} peak_states ${stats.peak} mark_read 0`,
      );
    }
    return {
      accepted: !failed,
      diagnostics: failed ? [toDiagnostic(input, failed.f, failed.insn, failed.state, failed.at)] : [],
      log: lines.length ? lines.join("\n") + "\n" : "",
      processedInsns: stats.processed,
      peakStates: stats.peak,
      totalStates: stats.total,
    };
  };

  if (options.unprivileged)
    return finish({ f: notModelled("unprivileged verification (tsbpf models a root loader)"), insn: 0 });
  const tracingOk =
    input.type !== "TRACING" ||
    input.expectedAttachType === AttachType.TRACE_RAW_TP ||
    input.expectedAttachType === AttachType.TRACE_ITER;
  if (!(MODELLED_PROG_TYPES.includes(input.type) || MINIMAL_PROG_TYPES.includes(input.type)) || !tracingOk) {
    return finish({
      f: failure(
        VerifierCode.PROG_TYPE,
        `not modelled yet: ${input.type} programs`,
        `modelled program types: ${MODELLED_PROG_TYPES.join(", ")}`,
      ),
      insn: 0,
    });
  }
  const built = buildCfg(input.instructions);
  if ("failure" in built) return finish({ f: built.failure, insn: built.failure.insn });
  const cfg = built.cfg;
  const found = findGlobalFuncs(input.funcInfo, options.btf, cfg, input.type);
  if ("failure" in found) return finish({ f: found.failure, insn: found.insn });
  const resolved = resolveLddw(input, options.maps ?? [], options.data ?? []);
  if ("failure" in resolved) return finish({ f: resolved.failure, insn: resolved.insn });

  const env: Env = {
    program: input.instructions,
    cfg,
    progType: input.type,
    ...(input.expectedAttachType !== undefined ? { expectedAttachType: input.expectedAttachType } : {}),
    lddw: resolved.targets,
    frozen: resolved.frozen,
    hasTailCall: input.instructions.some(
      (i) => i.opcode === Op.CALL && i.src === CallSrc.HELPER && i.imm === 12,
    ),
    insn: 0,
    idGen: 0,
    stackDepth: cfg.subprogStart.map(() => 0),
    globals: found.globals,
    calledGlobals: new Set(),
    pendingCallback: undefined,
    logLevel,
    log: (level, line) => {
      if (logLevel >= level) lines.push(line);
    },
    where: (slot) => {
      const at = cfg.atSlot[slot];
      const loc = at !== undefined && at >= 0 ? locationOf(input, at) : undefined;
      return loc ? `line ${loc.line}` : `insn ${slot}`;
    },
  };
  const gpl = gplCompatible(input.license);

  // initial state (kernel: init_func_state): r1 = ctx, r10 = frame pointer
  const init: VerifierState = { frames: [newFrame(-1, 0)], refs: [], parent: undefined };
  curFrame(init).regs[1] = pointerReg("ctx");
  curFrame(init).regs[10] = pointerReg("stack", { frameno: 0 });
  // helper calls that run a callback: always checkpointed, and the loop through the callback is
  // cut as soon as a state repeats within the ranges seen (kernel: calls_callback)
  const callsCallback = new Uint8Array(input.instructions.length);
  input.instructions.forEach((insn, k) => {
    if (insn.opcode === Op.CALL && insn.src === CallSrc.HELPER && HELPER_BY_ID.get(insn.imm)?.loopCallback)
      callsCallback[k] = 1;
  });

  const liveRegs = computeLiveRegs(input.instructions, cfg);
  // source line starting at each instruction (BTF line info), for hints
  const lineAt: Array<number | undefined> = [];
  for (const li of input.lineInfo) lineAt[li.insn] = li.line;
  const lineIn = (i: number): number => {
    for (let k = i; k >= 0; k--) if (lineAt[k] !== undefined) return lineAt[k]!;
    return 0;
  };
  const preciseRegs = computePreciseRegs(
    input.instructions,
    cfg,
    functionSuccessors(input.instructions, cfg),
    env.lddw,
    returnRange(env.progType, env.expectedAttachType) !== undefined,
  );
  const liveness = { regs: liveRegs, precise: preciseRegs };
  const explored = new Map<
    number,
    { done: Checkpoint[]; active: Checkpoint[]; byKey: Map<number, Checkpoint[]> }
  >();
  const pending: Pending[] = [];
  let st = init;
  let idx = 0;
  let jmps = 0;
  let prevJmps = 0;
  let prevInsns = 0;
  const slotOf = (i: number) => cfg.slot[i]!;

  const endPath = (s: VerifierState) => {
    // kernel: update_branch_counts
    let cp = s.parent;
    while (cp) {
      cp.branches--;
      if (cp.branches > 0) break;
      finished(cp);
      cp = cp.parent;
    }
  };

  const readReg = (r: number): Failure | undefined => {
    if (r > 10) return failure(VerifierCode.INVALID_INSN, `R${r} is invalid`);
    if (curFrame(st).regs[r]!.type === "not_init") {
      return failure(
        VerifierCode.UNINIT_REG,
        `R${r} !read_ok`,
        r >= 1 && r <= 5
          ? `R${r} is not set on this path: give it a value first (calls clobber r1-r5)`
          : `R${r} is not set on this path: give it a value first`,
        r,
      );
    }
    return undefined;
  };

  /** kernel: is_state_visited. Returns true when the path can be cut. */
  /**
   * kernel: is_state_visited. Returns true when the path can be cut.
   *
   * Checkpoints still being explored below (branches > 0: ancestors of this path, e.g. earlier
   * iterations of the loop we are in) can only reveal an infinite loop, by being exactly equal;
   * they are found by a hash of the registers rather than by walking all of them, which made a
   * long loop quadratic. Finished checkpoints (branches = 0) are the ones that prune, compared in
   * turn and dropped when they keep missing.
   */
  const visit = (i: number): boolean | Failure => {
    let at = explored.get(i);
    if (!at) explored.set(i, (at = { done: [], active: [], byKey: new Map() }));
    let addNew = callsCallback[i] === 1 || (jmps - prevJmps >= 2 && stats.processed - prevInsns >= 8);
    // the hash is needed only for the infinite-loop lookup and a new checkpoint
    let key: number | undefined;
    if (at.active.length) {
      if (callsCallback[i]) {
        // the loop through a callback is cut as soon as a state repeats within the ranges seen
        for (const cp of at.active) {
          if (sameConstants(cp, st) && statesEqual(cp.state, st)) {
            cp.hits++;
            return true;
          }
        }
      } else {
        key = regsKey(st);
        for (const cp of at.byKey.get(key) ?? []) {
          if (statesEqual(cp.state, st, true)) {
            return failure(
              VerifierCode.INFINITE_LOOP,
              `infinite loop detected at insn ${slotOf(i)}`,
              "the loop can come back to this point with exactly the same state: make sure it changes a bounded counter",
            );
          }
        }
        // inside a loop, checkpoint only every so often (kernel: the jmps/insns_processed heuristic)
        if (jmps - prevJmps < 20 && stats.processed - prevInsns < 100) addNew = false;
      }
    }
    let dropped = false;
    for (const cp of at.done) {
      if (sameConstants(cp, st) && statesEqual(cp.state, st, false, { ...liveness, insn: i })) {
        cp.hits++;
        return true;
      }
      cp.misses++;
      if (cp.misses > cp.hits * 3 + 3) dropped = true;
    }
    if (dropped) {
      // kernel: drop explored states that keep missing
      const kept = at.done.filter((cp) => cp.misses <= cp.hits * 3 + 3);
      stats.live -= at.done.length - kept.length;
      at.done = kept;
    }
    if (!addNew) return false;
    key ??= regsKey(st);
    const constRegs: number[] = [];
    const constVals: bigint[] = [];
    const live = liveRegs[i]! & preciseRegs[i]!;
    curFrame(st).regs.forEach((r, k) => {
      if (live & (1 << k) && r.type === "scalar" && r.bounds.varOff.mask === 0n) {
        constRegs.push(k);
        constVals.push(r.bounds.varOff.value);
      }
    });
    const cp: Checkpoint = {
      state: copyState(st),
      insn: i,
      branches: 1,
      parent: st.parent,
      hits: 0,
      misses: 0,
      constRegs,
      constVals,
      key,
    };
    at.active.push(cp);
    const bucket = at.byKey.get(key);
    if (bucket) bucket.push(cp);
    else at.byKey.set(key, [cp]);
    st.parent = cp;
    prevJmps = jmps;
    prevInsns = stats.processed;
    stats.total++;
    stats.live++;
    if (stats.live > stats.peak) stats.peak = stats.live;
    const here = at.active.length + at.done.length;
    if (here > stats.maxPerInsn) stats.maxPerInsn = here;
    return false;
  };

  /** A checkpoint whose paths are all explored moves from the active set to the pruning list. */
  const finished = (cp: Checkpoint) => {
    const at = explored.get(cp.insn)!;
    removeFrom(at.active, cp);
    const bucket = at.byKey.get(cp.key)!;
    removeFrom(bucket, cp);
    if (!bucket.length) at.byKey.delete(cp.key);
    at.done.push(cp);
  };

  const pushBranch = (s: VerifierState, target: number): Failure | undefined => {
    if (s.parent) s.parent.branches++;
    pending.push({ state: s, insn: target, from: idx });
    if (pending.length > COMPLEXITY_LIMIT_JMP_SEQ) {
      return failure(
        VerifierCode.TOO_COMPLEX,
        `The sequence of ${pending.length} jumps is too complex.`,
        "simplify the control flow",
      );
    }
    return undefined;
  };

  const fieldsOk = new Uint8Array(input.instructions.length);
  // times the walk reached each loop head: the loop that used up the budget, for the hint
  const loopEntries = new Uint32Array(input.instructions.length);
  const tooComplexHint = (): string => {
    let hot = -1;
    loopEntries.forEach((n, k) => {
      if (n > 0 && (hot < 0 || n > loopEntries[hot]!)) hot = k;
    });
    if (hot < 0)
      return "the verifier walks every path separately: fewer independent branches in a row, or split the program (tail calls)";
    return (
      `the verifier walks loops one iteration at a time, and the loop at ${env.where(slotOf(hot))} was entered ` +
      `${loopEntries[hot]} times: give it a smaller bound, or move the body into bpf.loop (checked once, not per iteration)`
    );
  };
  const step = (i: number): Step => {
    const insn = input.instructions[i]!;
    const form = formOf(insn);
    if (!form)
      return failure(
        VerifierCode.INVALID_INSN,
        `unknown opcode ${insn.opcode.toString(16).padStart(2, "0")}`,
      );
    if (!fieldsOk[i]) {
      // once per instruction: its fields do not change between paths
      const reserved = reservedFieldFailure(insn, form);
      if (reserved) return reserved;
      fieldsOk[i] = 1;
    }
    const next = i + 1;
    switch (form.kind) {
      case "alu":
      case "mov":
      case "movsx":
      case "neg":
      case "end":
      case "bswap":
        return checkAlu(env, st, insn, form, readReg) ?? { next };
      case "lddw": {
        if (insn.dst === 10)
          return failure(VerifierCode.FRAME_POINTER_WRITE, "frame pointer is read only", undefined, 10);
        const t = env.lddw.get(i);
        const regs = curFrame(st).regs;
        if (!t)
          regs[insn.dst] = {
            ...scalarReg(
              knownBounds(BigInt.asUintN(64, (BigInt(insn.immHi ?? 0) << 32n) | BigInt(insn.imm >>> 0))),
            ),
            written: true,
          };
        else if (t.kind === "map")
          regs[insn.dst] = { ...pointerReg("map_ptr", { map: t.map, mapIndex: t.index }), written: true };
        else if (t.kind === "func")
          regs[insn.dst] = { ...pointerReg("func", { func: t.insn }), written: true };
        else {
          regs[insn.dst] = {
            ...pointerReg("map_value", {
              map: t.map,
              mapIndex: t.index,
              off: t.offset,
              rdonly: (t.map.flags & (1 << 7)) !== 0,
            }),
            written: true,
          };
        }
        return { next };
      }
      case "ldx":
      case "ldxsx": {
        const f =
          readReg(insn.src) ??
          (insn.dst === 10
            ? failure(VerifierCode.FRAME_POINTER_WRITE, "frame pointer is read only", undefined, 10)
            : undefined);
        if (f) return f;
        return (
          checkMemAccess(env, st, insn.src, insn.off, {
            access: "read",
            size: form.size,
            valueRegno: insn.dst,
            signExtend: form.kind === "ldxsx",
          }) ?? { next }
        );
      }
      case "st": {
        const f = readReg(insn.dst);
        if (f) return f;
        return (
          checkMemAccess(env, st, insn.dst, insn.off, {
            access: "write",
            size: form.size,
            valueRegno: -1,
            imm: BigInt(insn.imm),
            isSt: true,
          }) ?? { next }
        );
      }
      case "stx": {
        const f = readReg(insn.src) ?? readReg(insn.dst);
        if (f) return f;
        return (
          checkMemAccess(env, st, insn.dst, insn.off, {
            access: "write",
            size: form.size,
            valueRegno: insn.src,
          }) ?? { next }
        );
      }
      case "atomic":
        return checkAtomic(insn, form) ?? { next };
      case "ldabs":
      case "ldind":
        return checkLdAbs(insn, form) ?? { next };
      case "ja":
        jmps++;
        return { next: cfg.atSlot[slotOf(i) + (insn.opcode === Op.JA32 ? insn.imm : insn.off) + 1]! };
      case "jcond":
        jmps++;
        return checkCondJmp(i, insn, form);
      case "call": {
        jmps++;
        if (insn.src === CallSrc.KFUNC) return notModelled("kfunc calls");
        if (insn.src === CallSrc.LOCAL) {
          const target = cfg.atSlot[slotOf(i) + insn.imm + 1]!;
          const global = env.globals.get(cfg.subprogOf[target]!);
          if (global) return callGlobal(env, st, cfg.subprogOf[target]!, global, readReg) ?? { next };
          const r = enterSubprog(env, st, target);
          return typeof r === "number" ? { next: r } : r;
        }
        const proto = HELPER_BY_ID.get(insn.imm);
        if (proto?.gplOnly && !gpl) {
          return failure(
            VerifierCode.HELPER_UNAVAILABLE,
            "cannot call GPL-restricted function from non-GPL compatible program",
            `declare a GPL-compatible license to use bpf_${proto.name}`,
          );
        }
        const hf = checkHelperCall(env, st, insn.imm, readReg);
        if (hf) return hf;
        const cb = env.pendingCallback;
        if (cb) {
          env.pendingCallback = undefined;
          const f2 = pushBranch(cb.state, cb.insn);
          if (f2) return f2;
        }
        return { next };
      }
      case "callx":
        return notModelled("indirect calls (callx)");
      case "exit": {
        jmps++;
        if (st.frames.length > 1) {
          const f = readReg(0);
          if (f) return f;
          const r = curFrame(st).inCallback ? leaveCallback(st) : leaveSubprog(env, st);
          return typeof r === "number" ? { next: r } : r;
        }
        if (curFrame(st).subprog !== 0) {
          // a global function's own exit (kernel: check_return_code for a subprogram)
          const f = readReg(0);
          if (f) return f;
          const r0 = curFrame(st).regs[0]!;
          if (r0.type !== "scalar") {
            return failure(
              VerifierCode.RETURN_VALUE,
              `At subprogram exit the register R0 is not a scalar value (${regTypeName(r0)})`,
              "BPF functions return numbers, never pointers",
              0,
            );
          }
          if (st.refs.length) {
            const ref = st.refs[0]!;
            return failure(
              VerifierCode.REFERENCE_LEAK,
              `Unreleased reference id=${ref.id} alloc_insn=${ref.insn}`,
              `the ring buffer record reserved at ${env.where(ref.insn)} must be submitted or discarded on every path`,
            );
          }
          return { exit: true };
        }
        // kernel: check_resource_leak, then check_return_code
        if (st.refs.length) {
          const ref = st.refs[0]!;
          return failure(
            VerifierCode.REFERENCE_LEAK,
            `Unreleased reference id=${ref.id} alloc_insn=${ref.insn}\nBPF_EXIT instruction in main prog would lead to reference leak`,
            `the ring buffer record reserved at ${env.where(ref.insn)} must be submitted or discarded on every path that leaves the program (bpf_ringbuf_submit / bpf_ringbuf_discard)`,
          );
        }
        const f = readReg(0);
        if (f) return { ...f, hint: "set r0 to the program's return value before exit" };
        const range = returnRange(env.progType, env.expectedAttachType);
        if (range) {
          const bad = checkRetval(curFrame(st).regs[0]!, range, "At program exit");
          if (bad) return bad;
        }
        return { exit: true };
      }
    }
  };

  /** kernel: check_atomic */
  const checkAtomic = (insn: Instruction, form: OpForm): Failure | undefined => {
    const f = readReg(insn.src) ?? readReg(insn.dst);
    if (f) return f;
    const regs = curFrame(st).regs;
    const cmpxchg = insn.imm === 0xf1;
    if (cmpxchg) {
      const f0 = readReg(0);
      if (f0) return f0;
    }
    if (regs[insn.src]!.type !== "scalar") {
      return failure(
        VerifierCode.POINTER_LEAK,
        `R${insn.src} leaks addr into mem`,
        "atomic operations take a number, not a pointer",
        insn.src,
      );
    }
    const dst = regs[insn.dst]!;
    if (dst.type !== "stack" && dst.type !== "map_value")
      return notModelled(`atomic operations on ${dst.type} memory`);
    const fetch = (insn.imm & 1) !== 0;
    const loadReg = cmpxchg ? 0 : fetch ? insn.src : -1;
    const r1 = checkMemAccess(env, st, insn.dst, insn.off, {
      access: "read",
      size: form.size,
      valueRegno: loadReg,
      isAtomic: true,
    });
    if (r1) return r1;
    const r2 = checkMemAccess(env, st, insn.dst, insn.off, {
      access: "write",
      size: form.size,
      valueRegno: -1,
      imm: 1n,
      isAtomic: true,
    });
    if (r2) return r2;
    if (loadReg >= 0) curFrame(st).regs[loadReg] = { ...scalarReg(), written: true };
    return undefined;
  };

  /** kernel: check_ld_abs */
  const checkLdAbs = (insn: Instruction, form: OpForm): Failure | undefined => {
    if (!mayAccessSkb(env.progType)) {
      return failure(
        VerifierCode.LD_ABS,
        "BPF_LD_[ABS|IND] instructions not allowed for this program type",
        "read packet bytes with bpf_skb_load_bytes or direct packet access",
      );
    }
    if (st.frames.length > 1)
      return failure(VerifierCode.LD_ABS, "LD_ABS is not allowed in subprogs without BTF");
    const f = readReg(6) ?? (form.kind === "ldind" ? readReg(insn.src) : undefined);
    if (f) return f;
    if (st.refs.length)
      return failure(VerifierCode.LD_ABS, "BPF_LD_[ABS|IND] cannot be mixed with socket references");
    const r6 = curFrame(st).regs[6]!;
    if (r6.type !== "ctx") {
      return failure(
        VerifierCode.LD_ABS,
        "at the time of BPF_LD_ABS|IND R6 != pointer to skb",
        "keep the context pointer in r6 for legacy packet loads",
        6,
      );
    }
    const regs = curFrame(st).regs;
    for (let r = 1; r <= 5; r++) regs[r] = notInit();
    regs[0] = { ...scalarReg(), written: true };
    return undefined;
  };

  /** kernel: check_cond_jmp_op */
  const checkCondJmp = (i: number, insn: Instruction, form: OpForm): Step => {
    const srcIsReg = form.src.kind === "reg";
    const f = readReg(insn.dst) ?? (srcIsReg ? readReg(insn.src) : undefined);
    if (f) return f;
    const is32 = !form.is64;
    const op = form.op;
    const regs = curFrame(st).regs;
    const dst = regs[insn.dst]!;
    const src: RegState = srcIsReg
      ? regs[insn.src]!
      : scalarReg(knownBounds(is32 ? BigInt(insn.imm >>> 0) : BigInt(insn.imm)));
    const target = cfg.atSlot[slotOf(i) + insn.off + 1]!;
    const fall = i + 1;

    let pred: -1 | 0 | 1 = -1;
    if (dst.type === "scalar" && src.type === "scalar")
      pred = scalarBranchTaken(dst.bounds, src.bounds, op, is32);
    else if (!is32 && (op === Jmp.JEQ || op === Jmp.JNE)) {
      // kernel: is_branch_taken on a pointer known to be non-NULL against 0
      const [p, s] = dst.type === "scalar" ? [src, dst] : [dst, src];
      if (
        s.type === "scalar" &&
        isKnownZero(s) &&
        !p.maybeNull &&
        (p.type === "map_value" || p.type === "mem")
      ) {
        pred = op === Jmp.JEQ ? 0 : 1;
      }
    }
    if (pred === 1) return { next: target };
    if (pred === 0) return { next: fall };

    const other = copyState(st);
    const f2 = pushBranch(other, target);
    if (f2) return f2;
    const oregs = curFrame(other).regs;

    if (dst.type === "scalar" && src.type === "scalar") {
      // kernel: reg_set_min_max on both sides
      const apply = (regsOf: RegState[], cond: number, jsetFalse: boolean) => {
        const r = refine(
          regsOf[insn.dst]!.bounds,
          srcIsReg ? regsOf[insn.src]!.bounds : src.bounds,
          cond,
          is32,
          jsetFalse,
        );
        if (!r) return;
        regsOf[insn.dst] = { ...regsOf[insn.dst]!, bounds: r[0] };
        if (srcIsReg) regsOf[insn.src] = { ...regsOf[insn.src]!, bounds: r[1] };
      };
      apply(oregs, op, false);
      if (op === Jmp.JSET) apply(regs, Jmp.JSET, true);
      else apply(regs, negate(op), false);
    } else if (!is32 && (op === Jmp.JEQ || op === Jmp.JNE)) {
      // kernel: mark_ptr_or_null_regs after `if (p == 0)` / `if (p != 0)`
      const [p, s] = dst.maybeNull
        ? [dst, src]
        : src.maybeNull && srcIsReg
          ? [src, dst]
          : [undefined, undefined];
      if (p && s && s.type === "scalar" && isKnownZero(s)) {
        markPtrOrNull(other, p.id, op === Jmp.JEQ);
        markPtrOrNull(st, p.id, op !== Jmp.JEQ);
      }
    } else if (!is32 && srcIsReg) {
      matchPacketPointers(other, st, dst, src, op);
    }
    return { next: fall };
  };

  // the walk (kernel: do_check) from one initial state
  /** `at`: the instruction whose source line explains the refusal better than `insn`'s own. */
  type Refusal = { f: Failure; insn: number; state: VerifierState; at?: number };
  const walk = (start: VerifierState, startInsn: number): Refusal | undefined => {
    st = start;
    idx = startInsn;
    let from = -1;
    // the last two source lines this path went through (for a leak found at a shared exit)
    let curLine = 0;
    let prevLine = 0;
    for (;;) {
      if (++stats.processed > COMPLEXITY_LIMIT_INSNS) {
        return {
          f: failure(
            VerifierCode.TOO_COMPLEX,
            `BPF program is too large. Processed ${stats.processed} insn`,
            tooComplexHint(),
          ),
          insn: idx,
          state: st,
        } as Refusal;
      }
      env.insn = idx;
      if (cfg.loopHead[idx]) loopEntries[idx]!++;
      if (cfg.prunePoint[idx] || cfg.loopHead[idx] || callsCallback[idx]) {
        const v = visit(idx);
        if (typeof v !== "boolean") return { f: v, insn: idx, state: st };
        if (v) {
          if (logLevel > 0) lines.push(`${slotOf(idx)}: safe`);
          endPath(st);
          const p = pending.pop();
          if (!p) break;
          ({ state: st, insn: idx, from } = p);
          curLine = lineIn(from);
          prevLine = 0;
          if (logLevel > 0) lines.push(`from ${slotOf(from)} to ${slotOf(idx)}: ${stateText(st)}`);
          continue;
        }
      }
      if (logLevel > 0) {
        const t = env.lddw.get(idx);
        lines.push(
          `${slotOf(idx)}: ${insnText(input.instructions[idx]!, t && "map" in t ? t.map.name : undefined)}`,
        );
        if (logLevel > 1) lines.push(`${slotOf(idx)}: ${stateText(st)}`);
      }
      const line = lineAt[idx];
      if (line !== undefined && line !== curLine) {
        prevLine = curLine;
        curLine = line;
      }
      const r = step(idx);
      if ("code" in r) {
        // a leak is found at an exit that many returns may share: the reservation and the last
        // branch taken on this path say more
        if (r.code === VerifierCode.REFERENCE_LEAK && st.refs.length) {
          // point at the reservation; the hint names the line this path leaves through
          const alloc = cfg.atSlot[st.refs[0]!.insn]!;
          const after = lineIn(idx) === curLine ? prevLine : curLine;
          const f = after ? { ...r, hint: `${r.hint ?? ""}; this path returns after line ${after}` } : r;
          return { f, insn: idx, state: st, at: alloc };
        }
        return { f: r, insn: idx, state: st };
      }
      if ("next" in r) {
        if (logLevel > 0 && r.next !== idx + 1 && !("exit" in r)) {
          // jumps show in the next line's index, like the kernel log
        }
        if (r.next !== idx + 1) from = idx;
        idx = r.next;
        continue;
      }
      endPath(st);
      const p = pending.pop();
      if (!p) break;
      ({ state: st, insn: idx, from } = p);
      curLine = lineIn(from);
      prevLine = 0;
      if (logLevel > 0) lines.push(`from ${slotOf(from)} to ${slotOf(idx)}: ${stateText(st)}`);
    }
    return undefined;
  };

  // kernel: do_check_main, then do_check_subprogs for every global function a path called
  const refused = walk(init, 0);
  if (refused) return finish(refused);
  const verifiedGlobals = new Set<number>();
  for (;;) {
    const sp = [...env.calledGlobals].find((g) => !verifiedGlobals.has(g));
    if (sp === undefined) break;
    verifiedGlobals.add(sp);
    const g = env.globals.get(sp)!;
    const start = cfg.subprogStart[sp]!;
    const gs: VerifierState = { frames: [newFrame(-1, sp)], refs: [], parent: undefined };
    g.args.forEach((a, k) => (curFrame(gs).regs[k + 1] = a === "ctx" ? pointerReg("ctx") : scalarReg()));
    curFrame(gs).regs[10] = pointerReg("stack", { frameno: 0 });
    if (logLevel > 0) lines.push(`Validating ${g.name}() func#${sp}...`);
    const r = walk(gs, start);
    if (r) return finish(r);
  }

  // kernel: check_max_stack_depth — the combined stack of any call chain fits in 512 bytes
  const deep = checkCombinedStack(env);
  if (deep) return finish(deep);
  return finish();
}

/** kernel: the "uses reserved fields" checks — the opcode table already requires unused fields to be zero. */
function reservedFieldFailure(insn: Instruction, form: OpForm): Failure | undefined {
  const rules = [
    ["dst", insn.dst, form.dst],
    ["src", insn.src, form.src],
    ["off", insn.off, form.off],
    ["imm", insn.imm, form.imm],
  ] as const;
  for (const [, value, rule] of rules) {
    if (rule.kind === "zero" && value !== 0)
      return failure(VerifierCode.INVALID_INSN, `${className(insn.opcode)} uses reserved fields`);
    if (rule.kind === "reg" && value > 10) return failure(VerifierCode.INVALID_INSN, `R${value} is invalid`);
    if (rule.kind === "oneOf" && !rule.values.includes(value))
      return failure(VerifierCode.INVALID_INSN, `${className(insn.opcode)} uses reserved fields`);
  }
  return undefined;
}

function className(opcode: number): string {
  switch (opClass(opcode)) {
    case Cls.ALU:
    case Cls.ALU64:
      return "BPF_ALU";
    case Cls.JMP:
    case Cls.JMP32:
      return (opcode & 0xf0) === Jmp.CALL
        ? "BPF_CALL"
        : (opcode & 0xf0) === Jmp.EXIT
          ? "BPF_EXIT"
          : "BPF_JMP/JMP32";
    case Cls.LDX:
      return "BPF_LDX";
    case Cls.STX:
      return (opcode & 0xe0) === Mode.ATOMIC ? "BPF_ATOMIC" : "BPF_STX";
    case Cls.ST:
      return "BPF_ST";
    default:
      return "BPF_LD";
  }
}

/**
 * kernel: try_match_pkt_pointers — `pkt op pkt_end` proves bytes readable on one side.
 * `taken` is the state where the condition holds, `fall` where it does not.
 */
function matchPacketPointers(
  taken: VerifierState,
  fall: VerifierState,
  dst: RegState,
  src: RegState,
  op: number,
): void {
  const pktVsEnd = isPacketPointer(dst) && dst.type === "pkt" && src.type === "pkt_end";
  const endVsPkt = dst.type === "pkt_end" && src.type === "pkt";
  if (!pktVsEnd && !endVsPkt) return;
  const ptr = pktVsEnd ? dst : src;
  switch (op) {
    case Jmp.JGT: // pkt > end: fall-through has pkt <= end ; end > pkt: taken has pkt < end
      if (pktVsEnd) markGoodPacket(fall, ptr, false);
      else markGoodPacket(taken, ptr, true);
      break;
    case Jmp.JLT: // pkt < end: taken ; end < pkt: fall-through has pkt <= end
      if (pktVsEnd) markGoodPacket(taken, ptr, true);
      else markGoodPacket(fall, ptr, false);
      break;
    case Jmp.JGE: // pkt >= end: fall-through has pkt < end ; end >= pkt: taken has pkt <= end
      if (pktVsEnd) markGoodPacket(fall, ptr, true);
      else markGoodPacket(taken, ptr, false);
      break;
    case Jmp.JLE: // pkt <= end: taken ; end <= pkt: fall-through has pkt < end
      if (pktVsEnd) markGoodPacket(taken, ptr, false);
      else markGoodPacket(fall, ptr, true);
      break;
  }
}

/** kernel: BPF_PRIV_STACK_MIN_SIZE */
const PRIV_STACK_MIN_SIZE = 64;

/** Removes one element (by identity) from a small array. */
function removeFrom<T>(xs: T[], x: T): void {
  const k = xs.lastIndexOf(x);
  if (k >= 0) xs.splice(k, 1);
}

/**
 * A hash of the innermost frame's registers that exactly equal states share (types, offsets and
 * the low bits of their bounds): buckets the checkpoints compared for an infinite loop.
 */
function regsKey(s: VerifierState): number {
  const regs = curFrame(s).regs;
  let h = s.frames.length;
  for (let r = 0; r < regs.length; r++) {
    const x = regs[r]!;
    h = (Math.imul(h, 31) + REG_TYPE_CODE[x.type]!) | 0;
    if (x.type === "not_init") continue;
    const b = x.bounds;
    h = (Math.imul(h, 31) + x.off) | 0;
    h = (Math.imul(h, 31) + Number(BigInt.asUintN(32, b.varOff.value))) | 0;
    h = (Math.imul(h, 31) + Number(BigInt.asUintN(32, b.varOff.mask))) | 0;
    h = (Math.imul(h, 31) + Number(BigInt.asUintN(32, b.umax))) | 0;
    h = (Math.imul(h, 31) + Number(BigInt.asUintN(32, b.smin))) | 0;
  }
  return h;
}

const REG_TYPE_CODE: Readonly<Record<RegState["type"], number>> = {
  not_init: 0,
  scalar: 1,
  ctx: 2,
  stack: 3,
  map_ptr: 4,
  map_value: 5,
  pkt: 6,
  pkt_meta: 7,
  pkt_end: 8,
  mem: 9,
  func: 10,
};

/** kernel: check_max_stack_depth (round_up_stack_depth: 32-byte units, at least 1 byte). */
function checkCombinedStack(env: Env): { f: Failure; insn: number } | undefined {
  const { program, cfg } = env;
  const round = (d: number) => Math.ceil(Math.max(d, 1) / 32) * 32;
  // callee subprogram and the instruction that calls it (or passes it as a callback)
  const callees: Array<Array<[number, number]>> = cfg.subprogStart.map(() => []);
  program.forEach((insn, i) => {
    if (insn.opcode === Op.CALL && insn.src === CallSrc.LOCAL) {
      callees[cfg.subprogOf[i]!]!.push([cfg.subprogOf[cfg.atSlot[cfg.slot[i]! + insn.imm + 1]!]!, i]);
    }
    // a callback runs on top of the frame that passes it (kernel: check_max_stack_depth's is_cb)
    const t = env.lddw.get(i);
    if (t?.kind === "func") callees[cfg.subprogOf[i]!]!.push([cfg.subprogOf[t.insn]!, i]);
  });
  // the refusal points at the call that makes the chain too deep (the kernel names no instruction)
  // kernel: bpf_enable_priv_stack — tracing-like programs (JIT on x86-64) give every function
  // with at least 64 bytes of stack a private stack of its own, outside the combined 512 (unless a
  // tail call is reachable, which tsbpf takes as any tail call in the program)
  const tracing =
    ["KPROBE", "TRACEPOINT", "PERF_EVENT", "RAW_TRACEPOINT"].includes(env.progType) ||
    (env.progType === "TRACING" && env.expectedAttachType !== AttachType.TRACE_ITER);
  const privStack = tracing && !env.hasTailCall;
  const dfs = (
    sp: number,
    depth: number,
    frames: number,
    via: number,
  ): { f: Failure; insn: number } | undefined => {
    const own = round(env.stackDepth[sp]!);
    if (privStack && own >= PRIV_STACK_MIN_SIZE) {
      if (own > MAX_STACK) {
        const f = failure(
          VerifierCode.CALL_STACK,
          `stack size of subprog ${sp} is ${own}. Too large`,
          "a function's own stack is at most 512 bytes",
        );
        return { f, insn: via };
      }
      for (const [c, at] of callees[sp]!) {
        if (frames >= 8) break;
        const r = dfs(c, depth, frames + 1, at);
        if (r) return r;
      }
      return undefined;
    }
    const total = depth + own;
    if (total > MAX_STACK) {
      const f = failure(
        VerifierCode.CALL_STACK,
        `combined stack size of ${frames} calls is ${total}. Too large`,
        `each function's stack is rounded up to 32 bytes and a call chain shares 512: use less stack in nested functions (move buffers to a per-CPU array map) or inline them`,
      );
      return { f, insn: via };
    }
    for (const [c, at] of callees[sp]!) {
      if (frames >= 8) break;
      const r = dfs(c, total, frames + 1, at);
      if (r) return r;
    }
    return undefined;
  };
  return cfg.subprogStart.length > 1 ? dfs(0, 0, 1, 0) : undefined;
}

/** The registers of the innermost frame, as the kernel log prints a state. */
function stateText(st: VerifierState): string {
  const regs = curFrame(st).regs;
  const parts: string[] = [];
  regs.forEach((r, i) => {
    if (r.type !== "not_init") parts.push(`R${i}${r.written ? "_w" : ""}=${regText(r)}`);
  });
  return parts.join(" ");
}

function locationOf(input: VerifyInput, insn: number): SourceLocation | undefined {
  let best: (typeof input.lineInfo)[number] | undefined;
  for (const li of input.lineInfo) if (li.insn <= insn && (!best || li.insn >= best.insn)) best = li;
  if (best) return { file: best.file, line: best.line, column: best.column };
  return input.instructions[insn]?.meta?.source;
}

function toDiagnostic(
  input: VerifyInput,
  f: Failure,
  insn: number,
  state?: VerifierState,
  at?: number,
): Diagnostic {
  const slot = slotOfInsn(input.instructions, insn);
  const text = input.instructions[insn] ? insnText(input.instructions[insn]!) : "";
  const reg = f.regno !== undefined && state ? curFrame(state).regs[f.regno] : undefined;
  const regPart = reg && reg.type !== "not_init" ? ` (R${f.regno}=${regText(reg)})` : "";
  const firstLine = f.message.split("\n")[0]!;
  const message = `insn ${slot}${text ? ` ${text}` : ""}: ${firstLine}${regPart}`;
  // `at` only with BTF line info (compiled programs): assembler sources keep the exit's own line
  const location =
    (at !== undefined && input.lineInfo.length ? locationOf(input, at) : undefined) ??
    locationOf(input, insn);
  return {
    code: f.code,
    severity: "error",
    message,
    ...(location ? { location } : { byteOffset: slot * 8 }),
    ...(f.hint ? { hint: f.hint } : {}),
  };
}

function slotOfInsn(program: readonly Instruction[], insn: number): number {
  let s = 0;
  for (let i = 0; i < insn && i < program.length; i++) s += program[i]!.opcode === Op.LDDW ? 2 : 1;
  return s;
}

export { isConst, LdImm64Src };
