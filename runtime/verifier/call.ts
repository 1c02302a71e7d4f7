import { HELPER_NAMES, helperName } from "../uapi/helpers.js";
import { isConst, knownBounds, unknownBounds } from "./bounds.js";
import { failure, notModelled, VerifierCode, type Failure } from "./codes.js";
import type { Env } from "./env.js";
import { HELPER_BY_ID, MAP_TYPE_HELPERS, MINIMAL_PROG_TYPES, type ArgKind } from "./helpers.js";
import { checkHelperMem, MAX_VAR_OFF } from "./mem.js";
import {
  isPacketPointer,
  notInit,
  pointerReg,
  regText,
  regTypeName,
  scalarReg,
  type RegState,
} from "./reg.js";
import { checkRetval } from "./return-code.js";
import {
  replaceRegs,
  copyState,
  curFrame,
  MAX_CALL_FRAMES,
  MAX_STACK,
  newFrame,
  Slot,
  type VerifierState,
} from "./state.js";
import { MapType } from "../uapi/bpf.js";
import { newId, type GlobalFunc } from "./env.js";
import type { MapSpec } from "../object/spec.js";

/** Helper calls (kernel: check_helper_call, check_func_arg) and BPF-to-BPF calls (check_func_call). */

/** kernel: __BPF_FUNC_MAX_ID */
const FUNC_MAX_ID = HELPER_NAMES.length;

interface ArgMeta {
  map?: MapSpec;
  mapIndex?: number;
  releaseId?: number;
  allocSize?: number;
  /** A lookup key known to be constant (kernel: get_constant_map_key). */
  constKey?: number;
  /** First instruction of the callback argument. */
  callback?: number;
}

export function checkHelperCall(
  env: Env,
  st: VerifierState,
  id: number,
  readReg: (r: number) => Failure | undefined,
): Failure | undefined {
  if (id <= 0 || id >= FUNC_MAX_ID) {
    return failure(
      VerifierCode.HELPER_UNAVAILABLE,
      `invalid func unknown#${id}`,
      "the helper id does not exist in Linux 6.18",
    );
  }
  const proto = HELPER_BY_ID.get(id);
  const name = `${helperName(id)}#${id}`;
  if (!proto) return notModelled(`helper ${name}`);
  if (MINIMAL_PROG_TYPES.includes(env.progType)) return notModelled(`helpers in ${env.progType} programs`);
  if (!proto.progTypes.includes(env.progType)) {
    return failure(
      VerifierCode.HELPER_UNAVAILABLE,
      `program of this type cannot use helper ${name}`,
      `${env.progType} programs cannot call ${helperName(id)} (or tsbpf does not model it for them yet)`,
    );
  }
  const regs = curFrame(st).regs;
  const meta: ArgMeta = {};
  for (let i = 0; i < proto.args.length; i++) {
    const regno = i + 1;
    const kind = proto.args[i]!;
    if (kind === "dontcare") continue;
    const f = readReg(regno) ?? checkArg(env, st, regno, kind, proto.args[i + 1], meta, name);
    if (f) return f;
  }
  // kernel: check_map_func_compatibility
  if (meta.map) {
    const only = MAP_TYPE_HELPERS.get(meta.map.type);
    const ok =
      (only ? only.includes(proto.name) : true) &&
      (proto.mapTypes ? proto.mapTypes.includes(meta.map.type) : true);
    if (!ok) {
      return failure(
        VerifierCode.HELPER_MAP,
        `cannot pass map_type ${meta.map.type} into func ${name}`,
        `${helperName(id)} does not work on map ${meta.map.name} (type ${meta.map.type})`,
        1,
      );
    }
  }
  if (proto.name === "tail_call" && env.cfg.subprogStart.length > 1) {
    return notModelled("bpf_tail_call in a program with BPF-to-BPF calls");
  }
  if (proto.loopCallback && meta.callback !== undefined) {
    // kernel: push_callback_call — explore one more iteration of the callback as a branch while
    // this path continues as if the loop stopped; the callback returns to this call instruction
    const caller = curFrame(st);
    if (caller.callbackDepth < regs[1]!.bounds.umax) {
      const cb = copyState(st);
      const sp = env.cfg.subprogOf[meta.callback]!;
      const callee = newFrame(env.insn, sp);
      callee.inCallback = true;
      callee.regs[1] = scalarReg();
      callee.regs[2] = { ...curFrame(cb).regs[3]!, written: false };
      callee.regs[10] = pointerReg("stack", { frameno: cb.frames.length });
      curFrame(cb).callbackDepth++;
      if (cb.frames.length >= MAX_CALL_FRAMES) {
        return failure(
          VerifierCode.CALL_STACK,
          `the call stack of ${cb.frames.length + 1} frames is too deep !`,
          "BPF allows at most 8 nested calls",
        );
      }
      cb.frames.push(callee);
      env.pendingCallback = { state: cb, insn: meta.callback };
    }
    caller.callbackDepth = 0;
  }
  // kernel: release_reference — every copy of the released pointer becomes unusable
  if (meta.releaseId !== undefined) {
    const rid = meta.releaseId;
    st.refs = st.refs.filter((r) => r.id !== rid);
    const released = { ...scalarReg(), releasedAt: env.cfg.slot[env.insn]! };
    for (const f of st.frames) {
      f.regs = f.regs.map((r) => (r.refObjId === rid ? { ...released } : r));
      f.stack.spills = f.stack.spills.map((r) => (r && r.refObjId === rid ? { ...released } : r));
    }
  }
  // caller-saved registers are clobbered (kernel: caller_saved / mark_reg_not_init)
  const frame = curFrame(st);
  for (let r = 1; r <= 5; r++) frame.regs[r] = notInit();
  switch (proto.ret) {
    case "integer":
      frame.regs[0] = { ...scalarReg(unknownBounds()), written: true };
      break;
    case "void":
      frame.regs[0] = notInit();
      break;
    case "map_value_or_null":
      frame.regs[0] = {
        ...pointerReg("map_value", {
          maybeNull: meta.constKey === undefined || meta.constKey >= meta.map!.maxEntries,
          id: meta.constKey === undefined || meta.constKey >= meta.map!.maxEntries ? newId(env) : 0,
          map: meta.map!,
          mapIndex: meta.mapIndex ?? -1,
        }),
        rdonly: ((meta.map!.flags ?? 0) & (1 << 7)) !== 0,
        written: true,
      };
      break;
    case "ringbuf_mem_or_null": {
      const rid = newId(env);
      frame.regs[0] = {
        ...pointerReg("mem", {
          maybeNull: true,
          id: rid,
          refObjId: rid,
          ringbuf: true,
          memSize: meta.allocSize ?? 0,
        }),
        written: true,
      };
      st.refs = [...st.refs, { id: rid, insn: env.cfg.slot[env.insn]! }];
      break;
    }
  }
  if (proto.changesPktData) {
    // kernel: clear_all_pkt_pointers — old packet pointers are invalid after the packet changed
    for (const f of st.frames) {
      f.regs = f.regs.map((r) => (isPacketPointer(r) || r.type === "pkt_end" ? scalarReg() : r));
      f.stack.spills = f.stack.spills.map((r) =>
        r && (isPacketPointer(r) || r.type === "pkt_end") ? scalarReg() : r,
      );
    }
  }
  return undefined;
}

function typeError(regno: number, reg: RegState, expected: string, hint?: string): Failure {
  return failure(
    VerifierCode.HELPER_ARG_TYPE,
    `R${regno} type=${regTypeName(reg)} expected=${expected}`,
    hint ?? `R${regno} must be ${expected}`,
    regno,
  );
}

/** kernel: check_func_arg. */
function checkArg(
  env: Env,
  st: VerifierState,
  regno: number,
  kind: ArgKind,
  next: ArgKind | undefined,
  meta: ArgMeta,
  name: string,
): Failure | undefined {
  const reg = curFrame(st).regs[regno]!;
  switch (kind) {
    case "anything":
      return undefined;
    case "ctx":
      if (reg.type !== "ctx")
        return typeError(regno, reg, "ctx", `pass the program's context pointer (r1 at entry) in R${regno}`);
      if (reg.off !== 0 || !isConst(reg.bounds) || reg.bounds.varOff.value !== 0n) {
        return failure(
          VerifierCode.MODIFIED_CTX,
          `dereference of modified ctx ptr R${regno} off=${reg.off} disallowed`,
          "pass the context pointer unmodified",
          regno,
        );
      }
      return undefined;
    case "map_ptr":
      if (reg.type !== "map_ptr")
        return typeError(regno, reg, "map_ptr", `load the map address (lddw map) into R${regno}`);
      meta.map = reg.map!;
      meta.mapIndex = reg.mapIndex ?? -1;
      return undefined;
    case "map_key":
    case "map_value": {
      if (!meta.map) throw new Error("bug: map argument before map_ptr");
      if (reg.maybeNull) return typeError(regno, reg, "fp", `R${regno} may be NULL: check it first`);
      const size = kind === "map_key" ? meta.map.keySize : meta.map.valueSize;
      const f = checkHelperMem(env, st, regno, size, false, false);
      if (f) return f;
      if (kind === "map_key" && (meta.map.type === MapType.ARRAY || meta.map.type === MapType.PERCPU_ARRAY)) {
        const k = constantMapKey(st, reg, size);
        if (k !== undefined) meta.constKey = k;
      }
      return undefined;
    }
    case "mem_in":
    case "mem_out": {
      if (reg.maybeNull) return typeError(regno, reg, "fp", `R${regno} may be NULL: check it first`);
      if (
        reg.type === "scalar" ||
        reg.type === "not_init" ||
        reg.type === "ctx" ||
        reg.type === "map_ptr" ||
        reg.type === "pkt_end"
      ) {
        return checkHelperMem(env, st, regno, 0, kind === "mem_out", true);
      }
      // the size is checked together with the next argument (kernel: check_mem_size_reg)
      if (next !== "size" && next !== "size_or_zero")
        throw new Error(`bug: ${name} mem argument without size`);
      const sizeReg = curFrame(st).regs[regno + 1]!;
      if (sizeReg.type === "not_init") return undefined; // reported when the size argument is read
      if (sizeReg.type !== "scalar") return typeError(regno + 1, sizeReg, "scalar");
      const zeroOk = next === "size_or_zero";
      const b = sizeReg.bounds;
      if (b.smin < 0n) {
        return failure(
          VerifierCode.HELPER_MEM_ARG,
          `R${regno + 1} min value is negative, either use unsigned or 'var &= const'`,
          "the size may be negative: bound it",
          regno + 1,
        );
      }
      if (b.umin === 0n && !zeroOk) {
        return failure(
          VerifierCode.HELPER_MEM_ARG,
          `R${regno + 1} invalid zero-sized read: u64=[${b.umin},${b.umax}]`,
          `${name} needs a size of at least 1`,
          regno + 1,
        );
      }
      if (b.umax >= BigInt(MAX_VAR_OFF)) {
        return failure(
          VerifierCode.HELPER_MEM_ARG,
          `R${regno + 1} unbounded memory access, use 'var &= const' or 'if (var < const)'`,
          "bound the size before passing it to the helper",
          regno + 1,
        );
      }
      const f = checkHelperMem(env, st, regno, Number(b.umax), kind === "mem_out", zeroOk);
      if (f && isPacketPointer(reg)) return f;
      return f;
    }
    case "size":
    case "size_or_zero":
      if (reg.type !== "scalar") return typeError(regno, reg, "scalar");
      return undefined;
    case "alloc_size_or_zero":
      if (reg.type !== "scalar") return typeError(regno, reg, "scalar");
      if (!isConst(reg.bounds)) {
        return failure(
          VerifierCode.HELPER_MEM_ARG,
          `R${regno} is not a known constant'`,
          "the record size passed to bpf_ringbuf_reserve must be a constant",
          regno,
        );
      }
      meta.allocSize = Number(reg.bounds.varOff.value);
      return undefined;
    case "ringbuf_mem_release": {
      if (reg.type !== "mem" || !reg.ringbuf || reg.maybeNull) {
        return typeError(
          regno,
          reg,
          "ringbuf_mem",
          reg.releasedAt !== undefined
            ? `this record was already submitted or discarded at ${env.where(reg.releasedAt)}: release each reserved record exactly once`
            : "pass the (NULL-checked) pointer that bpf_ringbuf_reserve returned",
        );
      }
      if (reg.off !== 0 || !isConst(reg.bounds) || reg.bounds.varOff.value !== 0n) {
        return failure(
          VerifierCode.BAD_RELEASE,
          `R${regno} must have zero offset when passed to release func`,
          "submit or discard the record pointer itself, not a pointer into it",
          regno,
        );
      }
      if (!reg.refObjId || !st.refs.some((r) => r.id === reg.refObjId)) {
        return failure(
          VerifierCode.BAD_RELEASE,
          `R${regno} must be referenced when passed to release function`,
          undefined,
          regno,
        );
      }
      meta.releaseId = reg.refObjId;
      return undefined;
    }
    case "dontcare":
      return undefined;
    case "func":
      if (reg.type !== "func" || reg.func === undefined)
        return typeError(regno, reg, "func", `pass a function's address (a static function) in R${regno}`);
      meta.callback = reg.func;
      return undefined;
    case "stack_or_null":
      if (reg.type === "scalar" && isConst(reg.bounds) && reg.bounds.varOff.value === 0n) return undefined;
      if (reg.type !== "stack" || reg.maybeNull) return typeError(regno, reg, "fp");
      return undefined;
  }
}

/**
 * kernel: prepare_func_exit for a callback — R0 must be 0 or 1; the caller goes back to the
 * helper call, which schedules the next iteration or moves on.
 */
export function leaveCallback(st: VerifierState): Failure | number {
  const callee = curFrame(st);
  const r0 = callee.regs[0]!;
  if (r0.type !== "scalar") {
    return failure(VerifierCode.RETURN_VALUE, "R0 not a scalar value", "callbacks return 0 or 1", 0);
  }
  const bad = checkRetval(r0, { min: 0n, max: 1n }, "At callback return");
  if (bad) return { ...bad, hint: "a bpf_loop callback returns 0 (continue) or 1 (stop)" };
  st.frames.pop();
  replaceRegs(st, (r) =>
    r.type === "stack" && r.frameno >= st.frames.length ? { ...r, ...scalarReg() } : undefined,
  );
  return callee.callsite;
}

/**
 * kernel: get_constant_map_key / can_elide_value_nullness — an array lookup whose key bytes on the
 * stack are known zeros returns a non-NULL value when the index is in range. (The kernel also
 * reads constant spilled registers; tsbpf does not track narrow spills, so it only sees zeros.)
 */
function constantMapKey(st: VerifierState, key: RegState, size: number): number | undefined {
  if (key.type !== "stack" || !isConst(key.bounds)) return undefined;
  const abs = key.off + Number(BigInt.asIntN(64, key.bounds.varOff.value));
  const base = MAX_STACK + abs;
  const slotEnd = ((base >> 3) + 1) << 3;
  if (base + size > slotEnd) return undefined;
  const types = st.frames[key.frameno]!.stack.types;
  for (let i = base; i < base + size; i++) if (types[i] !== Slot.ZERO) return undefined;
  return 0;
}

/** kernel: check_func_call — enter a static subprogram. Returns the callee's first instruction. */
export function enterSubprog(env: Env, st: VerifierState, target: number): Failure | number {
  if (st.frames.length >= MAX_CALL_FRAMES) {
    return failure(
      VerifierCode.CALL_STACK,
      `the call stack of ${st.frames.length + 1} frames is too deep !`,
      "BPF allows at most 8 nested calls",
    );
  }
  const sp = env.cfg.subprogOf[target]!;
  if (st.frames.some((f) => f.subprog === sp)) {
    return failure(
      VerifierCode.CALL_STACK,
      `recursive call from insn ${env.cfg.slot[env.insn]} to ${env.cfg.slot[target]}`,
      "BPF functions cannot recurse",
    );
  }
  const caller = curFrame(st);
  const callee = newFrame(env.insn, sp);
  for (let r = 1; r <= 5; r++) callee.regs[r] = { ...caller.regs[r]!, written: false };
  callee.regs[10] = pointerReg("stack", { frameno: st.frames.length });
  for (let r = 0; r <= 5; r++) caller.regs[r] = notInit();
  st.frames.push(callee);
  return target;
}

/**
 * kernel: prepare_func_exit — R0 goes back to the caller as it is (a static function may return
 * a pointer), except a stack pointer; returns the caller's next instruction.
 */
export function leaveSubprog(env: Env, st: VerifierState): Failure | number {
  const callee = curFrame(st);
  const r0 = callee.regs[0]!;
  if (r0.type === "stack") {
    return failure(
      VerifierCode.RETURN_VALUE,
      "cannot return stack pointer to the caller",
      "a function's stack is gone after it returns; return a number or a map value pointer",
      0,
    );
  }
  // pointers into the callee's stack die with it
  st.frames.pop();
  const caller = curFrame(st);
  caller.regs[0] = { ...r0, written: true };
  replaceRegs(st, (r) =>
    r.type === "stack" && r.frameno >= st.frames.length ? { ...r, ...scalarReg() } : undefined,
  );
  void env;
  return callee.callsite + 1;
}

export { knownBounds, regText };

/**
 * kernel: check_func_call for a global function — the arguments must match its BTF prototype;
 * the function itself is verified once, on its own, after the main program; here it returns an
 * unknown scalar and clobbers R1-R5.
 */
export function callGlobal(
  env: Env,
  st: VerifierState,
  sp: number,
  g: GlobalFunc,
  readReg: (r: number) => Failure | undefined,
): Failure | undefined {
  const regs = curFrame(st).regs;
  for (let k = 0; k < g.args.length; k++) {
    const regno = k + 1;
    const reg = regs[regno]!;
    const bad = (why: string) =>
      failure(
        VerifierCode.HELPER_ARG_TYPE,
        `${why}\nCaller passes invalid args into func#${sp} ('${g.name}')`,
        `argument ${regno} of ${g.name}() is declared as ${g.args[k] === "ctx" ? "the context pointer" : "an integer"}`,
        regno,
      );
    if (g.args[k] === "scalar") {
      if (reg.type !== "scalar")
        return reg.type === "not_init" ? (readReg(regno) ?? bad("")) : bad(`R${regno} is not a scalar`);
    } else if (reg.type !== "ctx") {
      return bad(`arg#${k} expects pointer to ctx`);
    } else if (reg.off !== 0 || !isConst(reg.bounds) || reg.bounds.varOff.value !== 0n) {
      return bad(`dereference of modified ctx ptr R${regno} off=${reg.off} disallowed`);
    }
  }
  env.calledGlobals.add(sp);
  const start = env.cfg.subprogStart[sp]!;
  const end = env.cfg.subprogStart[sp + 1] ?? env.program.length;
  const changesPkt = env.program
    .slice(start, end)
    .some((i) => i.opcode === 0x85 && i.src === 0 && HELPER_BY_ID.get(i.imm)?.changesPktData);
  if (changesPkt) {
    for (const f of st.frames) {
      f.regs = f.regs.map((r) => (isPacketPointer(r) || r.type === "pkt_end" ? scalarReg() : r));
      f.stack.spills = f.stack.spills.map((r) =>
        r && (isPacketPointer(r) || r.type === "pkt_end") ? scalarReg() : r,
      );
    }
  }
  for (let r = 1; r <= 5; r++) regs[r] = notInit();
  regs[0] = { ...scalarReg(), written: true };
  return undefined;
}
