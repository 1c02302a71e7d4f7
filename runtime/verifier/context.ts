import type { ProgTypeName } from "../uapi/bpf.js";

/**
 * Context access rules per program type (kernel: the is_valid_access callbacks of each
 * bpf_verifier_ops — net/core/filter.c, kernel/trace/bpf_trace.c). A load either yields a
 * scalar, or one of the packet pointers; anything else is refused.
 */

export type CtxVerdict =
  | { readonly kind: "scalar" }
  | { readonly kind: "pointer"; readonly type: "pkt" | "pkt_end" | "pkt_meta" }
  | { readonly kind: "invalid" }
  | { readonly kind: "unmodelled"; readonly what: string };

export interface CtxQuery {
  readonly off: number;
  readonly size: number;
  readonly write: boolean;
  /** Sign-extending load (BPF_MEMSX). */
  readonly signExtend: boolean;
  readonly expectedAttachType?: number;
}

const INVALID: CtxVerdict = { kind: "invalid" };
const SCALAR: CtxVerdict = { kind: "scalar" };

/** kernel: bpf_ctx_narrow_access_ok (little endian): 1, 2 or 4 bytes of a 4-byte field. */
const narrowOk = (size: number, def: number) => size <= def && (size & (size - 1)) === 0;

/** struct xdp_md: six u32 fields. kernel: xdp_is_valid_access / __is_valid_xdp_access. */
function xdp(q: CtxQuery): CtxVerdict {
  if (q.write) return INVALID;
  if (q.off < 0 || q.off >= 24 || q.off % q.size !== 0 || q.size !== 4) return INVALID;
  if (q.signExtend) return { kind: "unmodelled", what: "sign-extending loads from xdp_md" };
  switch (q.off) {
    case 0:
      return { kind: "pointer", type: "pkt" };
    case 4:
      return { kind: "pointer", type: "pkt_end" };
    case 8:
      return { kind: "pointer", type: "pkt_meta" };
    case 20: // egress_ifindex only for BPF_XDP_DEVMAP programs
      return q.expectedAttachType === 33 ? SCALAR : INVALID; // BPF_XDP_DEVMAP
    default:
      return SCALAR;
  }
}

/**
 * struct __sk_buff (uapi). Offsets of the fields tsbpf models; everything from napi_id on
 * (family, ips, ports, data_meta, flow_keys, tstamp, sk, ...) is refused as not modelled.
 */
const SKB = {
  CB: 48,
  CB_END: 68,
  HASH: 68,
  TC_CLASSID: 72,
  DATA: 76,
  DATA_END: 80,
  NAPI_ID: 84,
  SIZE: 192,
} as const;

/** kernel: bpf_skb_is_valid_access's common checks. */
function skbCommon(q: CtxQuery): CtxVerdict | undefined {
  if (q.off < 0 || q.off >= SKB.SIZE || q.off % q.size !== 0) return INVALID;
  if (q.signExtend) return { kind: "unmodelled", what: "sign-extending loads from __sk_buff" };
  if (q.off >= SKB.CB && q.off < SKB.CB_END) return q.off + q.size > SKB.CB_END ? INVALID : SCALAR;
  return undefined;
}

/** kernel: sk_filter_is_valid_access. */
function socketFilter(q: CtxQuery): CtxVerdict {
  const common = skbCommon(q);
  if (common) return common;
  if (q.write) return INVALID; // only cb[] is writable
  if (q.off === SKB.TC_CLASSID || q.off === SKB.DATA || q.off === SKB.DATA_END) return INVALID;
  if (q.off >= SKB.NAPI_ID) return { kind: "unmodelled", what: `__sk_buff field at offset ${q.off}` };
  return narrowOk(q.size, 4) ? SCALAR : INVALID;
}

/** kernel: tc_cls_act_is_valid_access. */
function schedCls(q: CtxQuery): CtxVerdict {
  const common = skbCommon(q);
  if (common) return common;
  if (q.off >= SKB.NAPI_ID) return { kind: "unmodelled", what: `__sk_buff field at offset ${q.off}` };
  if (q.off === SKB.DATA || q.off === SKB.DATA_END) {
    if (q.write || q.size !== 4) return INVALID;
    return { kind: "pointer", type: q.off === SKB.DATA ? "pkt" : "pkt_end" };
  }
  if (q.write) {
    // mark (8), queue_mapping (12), priority (32), tc_index (44), tc_classid (72)
    if (q.off === 12) return { kind: "unmodelled", what: "writes to __sk_buff.queue_mapping" };
    return [8, 32, 44, SKB.TC_CLASSID].includes(q.off) && q.size === 4 ? SCALAR : INVALID;
  }
  return narrowOk(q.size, 4) ? SCALAR : INVALID;
}

/** kernel: tp_prog_is_valid_access — the record after the 8-byte common header, read-only. */
function tracepoint(q: CtxQuery): CtxVerdict {
  if (q.off < 8 || q.off >= 2048 || q.write || q.off % q.size !== 0) return INVALID;
  if (q.signExtend) return { kind: "unmodelled", what: "sign-extending loads from tracepoint records" };
  return SCALAR;
}

/** kernel: raw_tp_prog_is_valid_access — bpf_raw_tracepoint_args: up to 12 u64 arguments. */
function rawTracepoint(q: CtxQuery): CtxVerdict {
  if (q.off < 0 || q.off >= 8 * 12 || q.write || q.off % q.size !== 0) return INVALID;
  if (q.signExtend) return { kind: "unmodelled", what: "sign-extending loads from raw tracepoint args" };
  return SCALAR;
}

/** kernel: kprobe_prog_is_valid_access — struct pt_regs (x86-64: 21 u64 registers). */
function kprobe(q: CtxQuery): CtxVerdict {
  const size = 21 * 8;
  if (q.off < 0 || q.off >= size || q.write || q.off % q.size !== 0 || q.off + q.size > size) return INVALID;
  if (q.signExtend) return { kind: "unmodelled", what: "sign-extending loads from pt_regs" };
  return SCALAR;
}

/** kernel: cg_skb_is_valid_access — packet reads (privileged), a few writable fields. */
function cgroupSkb(q: CtxQuery): CtxVerdict {
  const common = skbCommon(q);
  if (common) return common;
  if (q.off === SKB.TC_CLASSID) return INVALID;
  if (q.off >= SKB.NAPI_ID) return { kind: "unmodelled", what: `__sk_buff field at offset ${q.off}` };
  if (q.off === SKB.DATA || q.off === SKB.DATA_END) {
    if (q.write || q.size !== 4) return INVALID;
    return { kind: "pointer", type: q.off === SKB.DATA ? "pkt" : "pkt_end" };
  }
  if (q.write) return [8, 32].includes(q.off) && q.size === 4 ? SCALAR : INVALID; // mark, priority
  return narrowOk(q.size, 4) ? SCALAR : INVALID;
}

/**
 * kernel: pe_prog_is_valid_access — struct bpf_perf_event_data: pt_regs (168 bytes on x86-64,
 * whole u64 reads), then sample_period and addr (u64, narrow reads allowed). Read-only.
 */
function perfEvent(q: CtxQuery): CtxVerdict {
  const size = 168 + 16;
  if (q.off < 0 || q.off >= size || q.write || q.off % q.size !== 0) return INVALID;
  if (q.signExtend) return { kind: "unmodelled", what: "sign-extending loads from bpf_perf_event_data" };
  if (q.off >= 168) return narrowOk(q.size, 8) && q.off + q.size <= size ? SCALAR : INVALID;
  return q.size === 8 ? SCALAR : INVALID;
}

const RULES: Partial<Record<ProgTypeName, (q: CtxQuery) => CtxVerdict>> = {
  CGROUP_SKB: cgroupSkb,
  PERF_EVENT: perfEvent,
  XDP: xdp,
  SOCKET_FILTER: socketFilter,
  SCHED_CLS: schedCls,
  TRACEPOINT: tracepoint,
  RAW_TRACEPOINT: rawTracepoint,
  KPROBE: kprobe,
};

export function ctxAccess(type: ProgTypeName, q: CtxQuery): CtxVerdict {
  const rule = RULES[type];
  return rule ? rule(q) : { kind: "unmodelled", what: `context of ${type} programs` };
}

/** Whether programs of this type may read/write packet data directly (kernel: may_access_direct_pkt_data). */
export function directPacketAccess(type: ProgTypeName, write: boolean): boolean {
  if (type === "XDP" || type === "SCHED_CLS") return true;
  return type === "CGROUP_SKB" && !write;
}

/** Program types that may use LD_ABS / LD_IND (kernel: may_access_skb). */
export const mayAccessSkb = (type: ProgTypeName): boolean =>
  type === "SOCKET_FILTER" || type === "SCHED_CLS" || type === "SCHED_ACT";
