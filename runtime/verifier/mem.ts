import {
  coerceToSize,
  isConst,
  knownBounds,
  S32_MAX,
  S32_MIN,
  unknownBounds,
  type Bounds,
} from "./bounds.js";
import { failure, notModelled, VerifierCode, type Failure } from "./codes.js";
import { ctxAccess, ctxField, directPacketAccess, PROG_TYPE_WORDS } from "./context.js";
import type { ProgTypeName } from "../uapi/bpf.js";
import type { Env } from "./env.js";
import { copyReg, isKnownZero, pointerReg, regText, regTypeName, scalarReg, type RegState } from "./reg.js";
import { curFrame, MAX_STACK, Slot, type StackState, type VerifierState } from "./state.js";
import { tnumIsAligned, tnumString } from "./tnum.js";

/**
 * Loads and stores through pointers (kernel: check_mem_access and the per-type checks it
 * dispatches to: check_stack_read/write, check_map_access, check_packet_access,
 * check_ctx_access, check_mem_region_access).
 */

/** kernel: BPF_MAX_VAR_OFF */
export const MAX_VAR_OFF = 1 << 29;
/** kernel: MAX_PACKET_OFF */
export const MAX_PACKET_OFF = 0xffff;

export type Access = "read" | "write";

export interface MemOp {
  readonly access: Access;
  readonly size: number;
  /** Register receiving a load, or holding the stored value; -1 for BPF_ST (then `imm`). */
  readonly valueRegno: number;
  readonly imm?: bigint;
  readonly signExtend?: boolean;
  /** BPF_ST (store immediate) — refused into ctx. */
  readonly isSt?: boolean;
  readonly isAtomic?: boolean;
}

const constOff = (b: Bounds): number => Number(BigInt.asIntN(64, b.varOff.value));

/** kernel: __check_mem_access messages, by pointer type. */
function outOfBounds(reg: RegState, regno: number, off: number, size: number, memSize: number): Failure {
  switch (reg.type) {
    case "map_value":
      return failure(
        VerifierCode.MAP_VALUE_RANGE,
        `invalid access to map value, value_size=${memSize} off=${off} size=${size}`,
        `the map value is ${memSize} bytes: keep offset + size within it (check the index against the bound before using it)`,
        regno,
      );
    case "pkt":
    case "pkt_meta":
      return failure(
        VerifierCode.PACKET_RANGE,
        `invalid access to packet, off=${off} size=${size}, R${regno}(id=${reg.id},off=${reg.off},r=${reg.range})`,
        `compare the packet pointer with ctx.data_end before reading ${size} bytes at offset ${off}`,
        regno,
      );
    default:
      return failure(
        VerifierCode.INVALID_MEM_ACCESS,
        `invalid access to memory, mem_size=${memSize} off=${off} size=${size}`,
        `the memory is ${memSize} bytes: keep offset + size within it`,
        regno,
      );
  }
}

/** kernel: check_mem_region_access — fixed offset `off` plus the pointer's variable part within [0, memSize). */
export function checkRegion(
  reg: RegState,
  regno: number,
  off: number,
  size: number,
  memSize: number,
  zeroOk: boolean,
): Failure | undefined {
  const b = reg.bounds;
  const sizeOk = size > 0 || (size === 0 && zeroOk);
  if (b.smin < 0n && (b.smin < -BigInt(MAX_VAR_OFF) || BigInt(off) + b.smin < 0n)) {
    return failure(
      VerifierCode.UNBOUNDED_ACCESS,
      `R${regno} min value is negative, either use unsigned index or do a if (index >=0) check.`,
      "the offset may be negative: use an unsigned index or check index >= 0 first",
      regno,
    );
  }
  const lo = Number(b.smin) + off;
  if (!(lo >= 0 && sizeOk && lo + size <= memSize)) {
    const f = outOfBounds(reg, regno, lo, size, memSize);
    return isConst(b)
      ? f
      : { ...f, message: `${f.message}\nR${regno} min value is outside of the allowed memory range` };
  }
  if (b.umax >= BigInt(MAX_VAR_OFF)) {
    return failure(
      VerifierCode.UNBOUNDED_ACCESS,
      `R${regno} unbounded memory access, make sure to bounds check any such access`,
      `bound the index (e.g. if (i >= ${memSize}) return) before adding it to the pointer`,
      regno,
    );
  }
  const hi = Number(b.umax) + off;
  if (!(hi >= 0 && sizeOk && hi + size <= memSize)) {
    const f = outOfBounds(reg, regno, hi, size, memSize);
    return { ...f, message: `${f.message}\nR${regno} max value is outside of the allowed memory range` };
  }
  return undefined;
}

/** kernel: check_packet_access — only the fixed offset counts; the range covers the variable part. */
export function checkPacket(
  reg: RegState,
  regno: number,
  off: number,
  size: number,
  zeroOk: boolean,
): Failure | undefined {
  if (reg.bounds.smin < 0n) {
    return failure(
      VerifierCode.UNBOUNDED_ACCESS,
      `R${regno} min value is negative, either use unsigned index or do a if (index >=0) check.`,
      "the packet offset may be negative: use an unsigned offset",
      regno,
    );
  }
  const sizeOk = size > 0 || (size === 0 && zeroOk);
  if (!(off >= 0 && sizeOk && off + size <= reg.range)) {
    const f = outOfBounds(reg, regno, off, size, reg.range);
    return { ...f, message: `${f.message}\nR${regno} offset is outside of the packet` };
  }
  return undefined;
}

/** kernel: check_stack_access_within_bounds + the strict alignment of check_ptr_alignment. */
function checkStackBounds(
  reg: RegState,
  regno: number,
  off: number,
  size: number,
  access: Access | "helper",
): Failure | undefined {
  if (!isConst(reg.bounds))
    return notModelled(`stack access through a variable offset (R${regno}=${regText(reg)})`);
  const verb = access === "write" ? " write to" : access === "read" ? " read from" : " indirect access to";
  if (off < -MAX_STACK || off + size > 0 || size < 0 || (size === 0 && off >= 0)) {
    return failure(
      VerifierCode.STACK_ACCESS,
      `invalid${verb} stack R${regno} off=${off} size=${size}`,
      `the stack is the ${MAX_STACK} bytes below r10: use offsets from -${MAX_STACK} to -${size || 1}`,
      regno,
    );
  }
  return undefined;
}

function checkStackAlign(
  regno: number,
  reg: RegState,
  abs: number,
  insnOff: number,
  size: number,
): Failure | undefined {
  if (abs % size !== 0) {
    return failure(
      VerifierCode.STACK_ACCESS,
      `misaligned stack access off ${isConst(reg.bounds) ? BigInt.asIntN(64, reg.bounds.varOff.value) : tnumString(reg.bounds.varOff)}+${reg.off}+${insnOff} size ${size}`,
      `stack accesses must be aligned to their size (${size})`,
      regno,
    );
  }
  return undefined;
}

function stackOf(st: VerifierState, reg: RegState): StackState {
  return st.frames[reg.frameno]!.stack;
}

function noteDepth(env: Env, st: VerifierState, reg: RegState, off: number): void {
  const sp = st.frames[reg.frameno]!.subprog;
  if (-off > env.stackDepth[sp]!) env.stackDepth[sp] = -off;
}

/** kernel: check_stack_write_fixed_off. */
function stackWrite(env: Env, st: VerifierState, ptr: RegState, off: number, op: MemOp): Failure | undefined {
  const stack = stackOf(st, ptr);
  const base = MAX_STACK + off;
  const k = base >> 3;
  const value = op.valueRegno >= 0 ? curFrame(st).regs[op.valueRegno]! : undefined;
  if (value && value.type !== "scalar" && value.type !== "not_init") {
    if (op.size !== 8) {
      return failure(
        VerifierCode.SPILL_SIZE,
        "invalid size of register spill",
        "pointers are stored to the stack as whole 8-byte words",
        op.valueRegno,
      );
    }
    if (ptr.frameno !== st.frames.length - 1 && value.type === "stack") {
      return failure(
        VerifierCode.STACK_ACCESS,
        "cannot spill pointers to stack into stack frame of the caller",
        undefined,
        op.valueRegno,
      );
    }
  }
  noteDepth(env, st, ptr, off);
  if (op.size === 8 && (off & 7) === 0 && (value || op.isSt)) {
    // a whole, aligned word: keep the register (kernel: save_register_state)
    stack.spills[k] = value ? { ...copyReg(value), written: false } : scalarReg(knownBounds(op.imm ?? 0n));
    stack.types.fill(Slot.SPILL, base, base + 8);
    return undefined;
  }
  // a narrower store destroys a spilled register in the slot (kernel: scrub_spilled_slot)
  if (stack.spills[k]) {
    stack.spills[k] = undefined;
    const s0 = k << 3;
    for (let i = s0; i < s0 + 8; i++) if (stack.types[i] === Slot.SPILL) stack.types[i] = Slot.MISC;
  }
  const zero = value ? isKnownZero(value) : op.imm === 0n;
  stack.types.fill(zero ? Slot.ZERO : Slot.MISC, base, base + op.size);
  return undefined;
}

/** kernel: check_stack_read_fixed_off. */
function stackRead(
  env: Env,
  st: VerifierState,
  ptr: RegState,
  regno: number,
  off: number,
  op: MemOp,
): Failure | undefined {
  const stack = stackOf(st, ptr);
  const base = MAX_STACK + off;
  const k = base >> 3;
  let out: RegState;
  if (stack.types[base] === Slot.SPILL || stack.types[base + op.size - 1] === Slot.SPILL) {
    const spilled = stack.spills[k]!;
    if (op.size === 8) out = { ...copyReg(spilled), written: true };
    else if (spilled.type !== "scalar") {
      return failure(
        VerifierCode.SPILL_SIZE,
        "invalid size of register fill",
        "read a spilled pointer back as a whole 8-byte word",
        regno,
      );
    } else out = scalarReg(unknownBounds());
  } else {
    let zero = true;
    for (let i = base; i < base + op.size; i++) {
      const t = stack.types[i]!;
      if (t !== Slot.ZERO) zero = false;
      // privileged programs may read uninitialised stack (kernel: env->allow_uninit_stack)
    }
    out = scalarReg(zero ? knownBounds(0n) : unknownBounds());
  }
  void env;
  if (op.valueRegno >= 0) setLoaded(st, op, out);
  return undefined;
}

function setLoaded(st: VerifierState, op: MemOp, value: RegState): void {
  const r = { ...value, written: true };
  if (r.type === "scalar" && op.size < 8) {
    if (op.signExtend) {
      const b = unknownBounds();
      const half = 1n << BigInt(op.size * 8 - 1);
      b.smin = -half;
      b.smax = half - 1n;
      if (op.size === 4) ((b.s32min = S32_MIN), (b.s32max = S32_MAX));
      r.bounds = b;
    } else {
      r.bounds = { ...r.bounds };
      coerceToSize(r.bounds, op.size);
    }
  }
  curFrame(st).regs[op.valueRegno] = r;
}

/** kernel: check_mem_access. `insnOff` is the instruction's offset field. */
export function checkMemAccess(
  env: Env,
  st: VerifierState,
  regno: number,
  insnOff: number,
  op: MemOp,
): Failure | undefined {
  const reg = curFrame(st).regs[regno]!;
  const off = insnOff + reg.off;
  const size = op.size;
  if (reg.maybeNull && reg.type !== "scalar") {
    return failure(
      VerifierCode.NULL_POINTER,
      `R${regno} invalid mem access '${regTypeName(reg)}'`,
      `R${regno} may be NULL: compare it with 0 (if (!p) return ...) before accessing memory through it`,
      regno,
    );
  }
  switch (reg.type) {
    case "stack": {
      if (!isConst(reg.bounds))
        return notModelled(`stack access through a variable offset (R${regno}=${regText(reg)})`);
      const abs = off + constOff(reg.bounds);
      const f =
        checkStackAlign(regno, reg, abs, insnOff, size) ?? checkStackBounds(reg, regno, abs, size, op.access);
      if (f) return f;
      return op.access === "write"
        ? stackWrite(env, st, reg, abs, op)
        : stackRead(env, st, reg, regno, abs, op);
    }
    case "map_value": {
      if (op.access === "write" && reg.rdonly) {
        return failure(
          VerifierCode.READ_ONLY,
          `write into map forbidden, value_size=${reg.map!.valueSize} off=${off} size=${size}`,
          "the map is read-only for programs (BPF_F_RDONLY_PROG)",
          regno,
        );
      }
      const f = checkRegion(reg, regno, off, size, reg.map!.valueSize, false);
      if (f) return f;
      if (op.access === "read" && op.valueRegno >= 0) {
        // kernel: bpf_map_direct_read — a frozen read-only map's bytes are known
        const bytes = env.frozen.get(reg.map!);
        if (bytes && isConst(reg.bounds) && !op.isAtomic && [1, 2, 4, 8].includes(size)) {
          const at = off + constOff(reg.bounds);
          let v = 0n;
          for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[at + k] ?? 0);
          if (op.signExtend) v = BigInt.asUintN(64, BigInt.asIntN(size * 8, v));
          curFrame(st).regs[op.valueRegno] = { ...scalarReg(knownBounds(v)), written: true };
        } else setLoaded(st, op, scalarReg());
      }
      return undefined;
    }
    case "mem": {
      if (op.access === "write" && reg.rdonly) {
        return failure(
          VerifierCode.READ_ONLY,
          `R${regno} cannot write into ${regTypeName(reg)}`,
          undefined,
          regno,
        );
      }
      const f = checkRegion(reg, regno, off, size, reg.memSize, false);
      if (f) return f;
      if (op.access === "read" && op.valueRegno >= 0) setLoaded(st, op, scalarReg());
      return undefined;
    }
    case "pkt":
    case "pkt_meta": {
      if (op.isAtomic) {
        return failure(
          VerifierCode.INVALID_MEM_ACCESS,
          `BPF_ATOMIC stores into R${regno} ${regTypeName(reg)} is not allowed`,
          undefined,
          regno,
        );
      }
      if (!directPacketAccess(env.progType, op.access === "write")) {
        return failure(
          VerifierCode.PACKET_RANGE,
          `cannot ${op.access} into packet`,
          op.access === "write" && directPacketAccess(env.progType, false)
            ? `${PROG_TYPE_WORDS[env.progType] ?? `${env.progType} programs`} may read the packet but not change it: keep the view read-only`
            : `${PROG_TYPE_WORDS[env.progType] ?? `${env.progType} programs`} cannot ${op.access} packet data directly`,
          regno,
        );
      }
      const f = checkPacket(reg, regno, off, size, false);
      if (f) return f;
      if (op.access === "read" && op.valueRegno >= 0) setLoaded(st, op, scalarReg());
      return undefined;
    }
    case "ctx": {
      // BPF_ST into the context is allowed by Linux 6.18 (checked against it); atomics are not
      if (op.isAtomic) {
        return failure(
          VerifierCode.CTX_ACCESS,
          `BPF_ATOMIC stores into R${regno} ctx is not allowed`,
          "context fields cannot be updated atomically",
          regno,
        );
      }
      // kernel: check_ptr_off_reg — the context pointer must be unmodified
      if (reg.off !== 0 || !isConst(reg.bounds) || constOff(reg.bounds) !== 0) {
        if (!isConst(reg.bounds)) {
          return failure(
            VerifierCode.MODIFIED_CTX,
            `variable ctx access var_off=${regText(reg)} disallowed`,
            "index the context with constant offsets only",
            regno,
          );
        }
        return failure(
          VerifierCode.MODIFIED_CTX,
          `dereference of modified ctx ptr R${regno} off=${reg.off} disallowed`,
          "access context fields as *(ctx + constant): do not add offsets to the context pointer itself",
          regno,
        );
      }
      const v = ctxAccess(env.progType, {
        off,
        size,
        write: op.access === "write",
        signExtend: op.signExtend ?? false,
        ...(env.expectedAttachType !== undefined ? { expectedAttachType: env.expectedAttachType } : {}),
      });
      if (v.kind === "unmodelled") return notModelled(v.what);
      if (v.kind === "invalid") {
        return failure(
          VerifierCode.CTX_ACCESS,
          `invalid bpf_context access off=${off} size=${size}`,
          ctxHint(env.progType, off, size, op.access === "write"),
          regno,
        );
      }
      if (op.access === "read" && op.valueRegno >= 0) {
        if (v.kind === "pointer") {
          curFrame(st).regs[op.valueRegno] = { ...pointerReg(v.type), written: true };
        } else setLoaded(st, op, scalarReg());
      }
      return undefined;
    }
    case "scalar":
    case "not_init":
    case "map_ptr":
    case "pkt_end":
      return failure(
        VerifierCode.INVALID_MEM_ACCESS,
        `R${regno} invalid mem access '${regTypeName(reg)}'`,
        reg.type === "scalar" && reg.releasedAt !== undefined
          ? `R${regno} pointed to a ring buffer record that was submitted or discarded at ${env.where(reg.releasedAt)}: fill the record in before bpf_ringbuf_submit, never after`
          : reg.type === "scalar"
            ? `R${regno} holds a number, not a pointer: memory is reached through ctx, the stack (r10), map values or packet pointers`
            : `R${regno} (${regTypeName(reg)}) cannot be dereferenced`,
        regno,
      );
  }
}

/**
 * kernel: check_helper_mem_access / check_stack_range_initialized — a helper reads or writes
 * `size` bytes (a range [minSize, maxSize] when the size register is not constant) at `reg`.
 */
export function checkHelperMem(
  env: Env,
  st: VerifierState,
  regno: number,
  maxSize: number,
  write: boolean,
  zeroOk: boolean,
): Failure | undefined {
  const reg = curFrame(st).regs[regno]!;
  const off = reg.off;
  if (maxSize === 0 && !zeroOk) {
    return failure(
      VerifierCode.HELPER_MEM_ARG,
      "invalid zero-sized read",
      "the helper needs at least one byte here",
      regno,
    );
  }
  switch (reg.type) {
    case "stack": {
      const f = checkStackBounds(
        reg,
        regno,
        off + (isConst(reg.bounds) ? constOff(reg.bounds) : 0),
        maxSize,
        "helper",
      );
      if (f) return f;
      if (maxSize === 0) return undefined;
      const abs = off + constOff(reg.bounds);
      noteDepth(env, st, reg, abs);
      const stack = stackOf(st, reg);
      const base = MAX_STACK + abs;
      if (write) {
        // the helper may write anything: spilled registers there become unknown bytes
        for (let k = base >> 3; k <= (base + maxSize - 1) >> 3; k++) {
          if (stack.spills[k]) {
            stack.spills[k] = undefined;
            for (let i = k << 3; i < (k << 3) + 8; i++)
              if (stack.types[i] === Slot.SPILL) stack.types[i] = Slot.MISC;
          }
        }
        stack.types.fill(Slot.MISC, base, base + maxSize);
      }
      // reads: privileged programs may pass uninitialised stack (kernel: allow_uninit_stack)
      return undefined;
    }
    case "map_value":
      if (write && reg.rdonly) {
        return failure(
          VerifierCode.READ_ONLY,
          `write into map forbidden, value_size=${reg.map!.valueSize} off=${off} size=${maxSize}`,
          undefined,
          regno,
        );
      }
      return checkRegion(reg, regno, off, maxSize, reg.map!.valueSize, zeroOk);
    case "mem":
      if (write && reg.rdonly)
        return failure(
          VerifierCode.READ_ONLY,
          `R${regno} cannot write into ${regTypeName(reg)}`,
          undefined,
          regno,
        );
      return checkRegion(reg, regno, off, maxSize, reg.memSize, zeroOk);
    case "pkt":
    case "pkt_meta":
      if (!directPacketAccess(env.progType, write)) {
        return failure(
          VerifierCode.HELPER_ARG_TYPE,
          `R${regno} type=${regTypeName(reg)} expected=fp`,
          undefined,
          regno,
        );
      }
      return checkPacket(reg, regno, off, maxSize, zeroOk);
    default:
      return failure(
        VerifierCode.HELPER_ARG_TYPE,
        `R${regno} type=${regTypeName(reg)} expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_`,
        `pass a pointer to the stack (r10 - N), a map value or checked packet data in R${regno}`,
        regno,
      );
  }
}

export { tnumIsAligned };

function ctxHint(type: ProgTypeName, off: number, size: number, write: boolean): string {
  const field = ctxField(type, off);
  const who = PROG_TYPE_WORDS[type] ?? `${type} programs`;
  const verb = write ? "writable" : "readable";
  if (!field) return `${type} context has no ${verb} field of ${size} bytes at offset ${off}`;
  if (!write && /\.data(_end|_meta)?$/.test(field.name) && !directPacketAccess(type, false))
    return `${who} cannot reach the packet directly: copy bytes out with bpf_skb_load_bytes (ctx.packet.read)`;
  // the same field at its own offset and width: is only the access size wrong?
  const whole = field.width <= 8 ? field.width : 4;
  const natural = ctxAccess(type, { off: field.at, size: whole, write, signExtend: false });
  if (natural.kind !== "invalid" && (off !== field.at || size !== whole))
    return `${field.name} is ${verb} in ${who} only as ${whole} bytes at its own offset ${field.at}`;
  return `${field.name} is not ${verb} in ${who}: use another field or program type`;
}
