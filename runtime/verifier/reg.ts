import type { MapSpec } from "../object/spec.js";
import { boundsEqual, boundsWithin, isConst, knownBounds, unknownBounds, type Bounds } from "./bounds.js";
import { tnumString } from "./tnum.js";

/**
 * Register state (kernel: struct bpf_reg_state). A pointer's fixed offset is `off`; its variable
 * offset is `bounds` (as for the kernel, where a pointer's var_off and min/max fields describe
 * the variable part). For scalars `bounds` is the value itself.
 */
export type RegType =
  | "not_init"
  | "scalar"
  | "ctx" // PTR_TO_CTX
  | "stack" // PTR_TO_STACK
  | "map_ptr" // CONST_PTR_TO_MAP
  | "map_value" // PTR_TO_MAP_VALUE (maybeNull: map_value_or_null)
  | "pkt" // PTR_TO_PACKET
  | "pkt_meta" // PTR_TO_PACKET_META
  | "pkt_end" // PTR_TO_PACKET_END
  | "mem" // PTR_TO_MEM (ringbuf_mem when ringbuf is set)
  | "func"; // PTR_TO_FUNC (a callback's address, from lddw of a function)

export interface RegState {
  type: RegType;
  /** PTR_MAYBE_NULL: the pointer must be compared with 0 before use. */
  maybeNull: boolean;
  /** Fixed part of a pointer's offset. */
  off: number;
  bounds: Bounds;
  /** Shared by copies of one pointer (null checks, packet ranges) — kernel: reg->id. */
  id: number;
  /** Reference this pointer holds (ring buffer records) — kernel: reg->ref_obj_id. */
  refObjId: number;
  /** Packet pointers: bytes [off, range) from the packet start of this id are known readable. */
  range: number;
  /** Map of a map pointer or map value pointer. */
  map?: MapSpec;
  /** Index of the map in the verifier's map list (printing, pruning equality). */
  mapIndex?: number;
  /** Size of PTR_TO_MEM. */
  memSize: number;
  /** PTR_TO_MEM from bpf_ringbuf_reserve (MEM_RINGBUF). */
  ringbuf: boolean;
  /** Read-only memory (MEM_RDONLY; map values of BPF_F_RDONLY_PROG maps). */
  rdonly: boolean;
  /** Frame a stack pointer points into. */
  frameno: number;
  /** Written since the last checkpoint (the `_w` the kernel log prints). */
  written: boolean;
  /** PTR_TO_FUNC: first instruction of the function. */
  func?: number;
  /**
   * A scalar left behind by releasing a reference (a submitted or discarded ring-buffer record):
   * the slot of the releasing call, so a later use can say why the pointer is gone. Never compared.
   */
  releasedAt?: number;
}

export function notInit(): RegState {
  return {
    type: "not_init",
    maybeNull: false,
    off: 0,
    bounds: unknownBounds(),
    id: 0,
    refObjId: 0,
    range: 0,
    memSize: 0,
    ringbuf: false,
    rdonly: false,
    frameno: 0,
    written: false,
  };
}

export function scalarReg(bounds: Bounds = unknownBounds()): RegState {
  // spelled out rather than spread from notInit(): one of the hottest allocations of the walk
  return {
    type: "scalar",
    maybeNull: false,
    off: 0,
    bounds,
    id: 0,
    refObjId: 0,
    range: 0,
    memSize: 0,
    ringbuf: false,
    rdonly: false,
    frameno: 0,
    written: false,
  };
}

export function constReg(value: bigint): RegState {
  return scalarReg(knownBounds(value));
}

/** A pointer of `type` with fixed offset 0 and no variable part (kernel: mark_reg_known_zero). */
export function pointerReg(type: RegType, fields: Partial<RegState> = {}): RegState {
  return { ...notInit(), type, bounds: knownBounds(0n), ...fields };
}

/**
 * A register's Bounds object is never changed once the register holds it (every update builds new
 * Bounds and assigns them: scalarAlu, refine, coerce on a copy), so copies share it — copying
 * states at every branch and checkpoint is one of the walk's largest costs.
 */
export function copyReg(r: RegState): RegState {
  return { ...r };
}

export const isPointer = (r: RegState): boolean => r.type !== "scalar" && r.type !== "not_init";

export const isPacketPointer = (r: RegState): boolean => r.type === "pkt" || r.type === "pkt_meta";

export const isKnownZero = (r: RegState): boolean =>
  r.type === "scalar" && isConst(r.bounds) && r.bounds.varOff.value === 0n;

/** Kernel log names (reg_type_str). */
export function regTypeName(r: RegState): string {
  const nul = r.maybeNull ? "_or_null" : "";
  switch (r.type) {
    case "not_init":
      return "?";
    case "scalar":
      return "scalar";
    case "ctx":
      return "ctx";
    case "stack":
      return "fp";
    case "map_ptr":
      return "map_ptr";
    case "map_value":
      return "map_value" + nul;
    case "pkt":
      return "pkt";
    case "pkt_meta":
      return "pkt_meta";
    case "pkt_end":
      return "pkt_end";
    case "mem":
      return (r.ringbuf ? "ringbuf_mem" : r.rdonly ? "rdonly_mem" : "mem") + nul;
    case "func":
      return "func";
  }
}

const hex = (v: bigint) => (v < 0n ? "-0x" + (-v).toString(16) : "0x" + v.toString(16));
const dec = (v: bigint) => v.toString();

/** Scalar text as the kernel log prints it (print_scalar_ranges): `0`, `scalar(umax=255,var_off=...)`. */
export function scalarText(b: Bounds): string {
  if (isConst(b)) return BigInt.asIntN(64, b.varOff.value).toString();
  const parts: string[] = [];
  if (b.smin !== -(1n << 63n)) parts.push(`smin=${dec(b.smin)}`);
  if (b.smax !== (1n << 63n) - 1n) parts.push(`smax=${dec(b.smax)}`);
  if (b.umin !== 0n) parts.push(`umin=${dec(b.umin)}`);
  if (b.umax !== (1n << 64n) - 1n) parts.push(`umax=${dec(b.umax)}`);
  if (b.s32min !== -(1n << 31n)) parts.push(`smin32=${dec(b.s32min)}`);
  if (b.s32max !== (1n << 31n) - 1n) parts.push(`smax32=${dec(b.s32max)}`);
  if (b.u32min !== 0n) parts.push(`umin32=${dec(b.u32min)}`);
  if (b.u32max !== (1n << 32n) - 1n) parts.push(`umax32=${dec(b.u32max)}`);
  if (b.varOff.mask !== (1n << 64n) - 1n) parts.push(`var_off=${tnumString(b.varOff)}`);
  return `scalar(${parts.join(",")})`;
}

/** Register text as the kernel log prints it (print_reg_state): `ctx()`, `fp-8`, `pkt(r=14)`. */
export function regText(r: RegState): string {
  if (r.type === "scalar") {
    const t = scalarText(r.bounds);
    return r.id && t.startsWith("scalar(")
      ? t.replace("scalar(", `scalar(id=${r.id}${t === "scalar()" ? "" : ","}`)
      : t;
  }
  if (r.type === "stack" && isConst(r.bounds))
    return `fp${r.off + Number(BigInt.asIntN(64, r.bounds.varOff.value))}`;
  const parts: string[] = [];
  if (r.id) parts.push(`id=${r.id}`);
  if (r.refObjId) parts.push(`ref_obj_id=${r.refObjId}`);
  if (r.type === "map_ptr" || r.type === "map_value") {
    if (r.map) parts.push(`map=${r.map.name}`, `ks=${r.map.keySize}`, `vs=${r.map.valueSize}`);
  }
  if (r.type === "mem") parts.push(`sz=${r.memSize}`);
  if (r.off) parts.push(`off=${r.off}`);
  if (r.type === "pkt" || r.type === "pkt_meta") parts.push(`r=${r.range}`);
  if (!isConst(r.bounds)) {
    const s = scalarText(r.bounds);
    parts.push(s.slice("scalar(".length, -1));
  }
  return `${regTypeName(r)}(${parts.join(",")})`;
}

/**
 * kernel: regsafe — is every concrete register `cur` allows covered by `old` (which was already
 * verified safe from here)? Without the kernel's liveness and precision marks this compares all
 * registers exactly or by range inclusion, which prunes less than the kernel but never unsoundly.
 * `idmap` pairs old ids with current ids (kernel: check_ids).
 */
export function regSafe(old: RegState, cur: RegState, idmap: Map<number, number>, exact = false): boolean {
  if (exact) {
    return (
      old.type === cur.type &&
      (old.type === "not_init" ||
        (old.maybeNull === cur.maybeNull &&
          old.off === cur.off &&
          old.range === cur.range &&
          old.mapIndex === cur.mapIndex &&
          old.memSize === cur.memSize &&
          old.ringbuf === cur.ringbuf &&
          old.rdonly === cur.rdonly &&
          old.frameno === cur.frameno &&
          old.func === cur.func &&
          boundsEqual(old.bounds, cur.bounds) &&
          checkId(old.id, cur.id, idmap) &&
          checkId(old.refObjId, cur.refObjId, idmap)))
    );
  }
  if (old.type === "not_init") return true; // old path never read it (kernel: NOT_INIT is always safe)
  if (old.type !== cur.type) return false;
  if (!checkId(old.id, cur.id, idmap) || !checkId(old.refObjId, cur.refObjId, idmap)) return false;
  switch (old.type) {
    case "scalar":
      return boundsWithin(old.bounds, cur.bounds);
    case "pkt":
    case "pkt_meta":
      return old.off === cur.off && old.range <= cur.range && boundsWithin(old.bounds, cur.bounds);
    case "map_value":
    case "mem":
      return (
        old.maybeNull === cur.maybeNull &&
        old.mapIndex === cur.mapIndex &&
        old.memSize === cur.memSize &&
        old.ringbuf === cur.ringbuf &&
        old.rdonly === cur.rdonly &&
        old.off === cur.off &&
        boundsWithin(old.bounds, cur.bounds)
      );
    default:
      return (
        old.func === cur.func &&
        old.off === cur.off &&
        old.mapIndex === cur.mapIndex &&
        old.frameno === cur.frameno &&
        old.maybeNull === cur.maybeNull &&
        boundsEqual(old.bounds, cur.bounds)
      );
  }
}

function checkId(oldId: number, curId: number, idmap: Map<number, number>): boolean {
  if (oldId === 0 && curId === 0) return true;
  if (oldId === 0 || curId === 0) return false;
  // a bijection: old ids map to current ids (positive keys) and back (negative keys)
  const seen = idmap.get(oldId);
  const back = idmap.get(-curId);
  if (seen === undefined && back === undefined) {
    idmap.set(oldId, curId);
    idmap.set(-curId, oldId);
    return true;
  }
  return seen === curId && back === oldId;
}
