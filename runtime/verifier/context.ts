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

/** struct __sk_buff (uapi): offsets of the fields whose rules differ. */
const SKB = {
  MARK: 8,
  QUEUE_MAPPING: 12,
  PRIORITY: 32,
  TC_INDEX: 44,
  CB: 48,
  CB_END: 68,
  TC_CLASSID: 72,
  DATA: 76,
  DATA_END: 80,
  FAMILY: 88,
  REMOTE_IP4: 92,
  LOCAL_IP4: 96,
  REMOTE_IP6: 100,
  LOCAL_IP6_END: 132,
  LOCAL_PORT_END: 140, // family .. local_port: the socket's addresses
  DATA_META: 140,
  FLOW_KEYS: 144,
  TSTAMP: 152,
  WIRE_LEN: 160,
  SK: 168,
  TSTAMP_TYPE: 180,
  HWTSTAMP: 184,
  SIZE: 192,
} as const;

/** Whether [off, off+size) touches the field of `width` bytes at `at` (kernel: bpf_ctx_range). */
const within = (q: CtxQuery, at: number, width: number) => q.off >= at && q.off < at + width;

/** kernel: bpf_skb_is_valid_access — the checks every __sk_buff program type shares. */
function skbCommon(q: CtxQuery): CtxVerdict {
  if (q.off < 0 || q.off >= SKB.SIZE || q.off % q.size !== 0) return INVALID;
  if (q.signExtend) return { kind: "unmodelled", what: "sign-extending loads from __sk_buff" };
  if (q.off >= SKB.CB && q.off < SKB.CB_END) return q.off + q.size > SKB.CB_END ? INVALID : SCALAR;
  const ips =
    within(q, SKB.REMOTE_IP4, 4) ||
    within(q, SKB.LOCAL_IP4, 4) ||
    (q.off >= SKB.REMOTE_IP6 && q.off < SKB.LOCAL_IP6_END);
  if (ips || within(q, SKB.DATA, 4) || within(q, SKB.DATA_END, 4) || within(q, SKB.DATA_META, 4))
    return q.size === 4 ? SCALAR : INVALID;
  if (within(q, SKB.FLOW_KEYS, 8)) return INVALID;
  if (within(q, SKB.HWTSTAMP, 8)) return q.write || q.size !== 8 ? INVALID : SCALAR;
  if (within(q, SKB.TSTAMP, 8)) return q.size === 8 ? SCALAR : INVALID;
  if (within(q, SKB.SK, 8)) {
    if (q.write || q.size !== 8) return INVALID;
    return { kind: "unmodelled", what: "__sk_buff.sk (PTR_TO_SOCK_COMMON_OR_NULL)" };
  }
  if (q.off >= SKB.TSTAMP_TYPE && q.off < SKB.HWTSTAMP) return INVALID; // tstamp_type and padding
  if (q.write) return q.size === 4 ? SCALAR : INVALID;
  return narrowOk(q.size, 4) ? SCALAR : INVALID;
}

const socketFields = (q: CtxQuery) => q.off >= SKB.FAMILY && q.off < SKB.LOCAL_PORT_END;

/** kernel: sk_filter_is_valid_access. */
function socketFilter(q: CtxQuery): CtxVerdict {
  if (
    within(q, SKB.TC_CLASSID, 4) ||
    within(q, SKB.DATA, 4) ||
    within(q, SKB.DATA_META, 4) ||
    within(q, SKB.DATA_END, 4) ||
    socketFields(q) ||
    within(q, SKB.TSTAMP, 8) ||
    within(q, SKB.WIRE_LEN, 4) ||
    within(q, SKB.HWTSTAMP, 8)
  )
    return INVALID;
  if (q.write && !(q.off >= SKB.CB && q.off < SKB.CB_END)) return INVALID; // only cb[] is writable
  return skbCommon(q);
}

/** kernel: tc_cls_act_is_valid_access. */
function schedCls(q: CtxQuery): CtxVerdict {
  if (q.write) {
    if (within(q, SKB.QUEUE_MAPPING, 4))
      return { kind: "unmodelled", what: "writes to __sk_buff.queue_mapping" };
    const writable =
      [SKB.MARK, SKB.TC_INDEX, SKB.PRIORITY, SKB.TC_CLASSID].some((at) => within(q, at, 4)) ||
      (q.off >= SKB.CB && q.off < SKB.CB_END) ||
      within(q, SKB.TSTAMP, 8);
    if (!writable) return INVALID;
  }
  if (socketFields(q)) return INVALID;
  if (q.off === SKB.TSTAMP_TYPE) return { kind: "unmodelled", what: "__sk_buff.tstamp_type" };
  const v = skbCommon(q);
  if (v.kind !== "scalar") return v;
  if (q.off === SKB.DATA) return { kind: "pointer", type: "pkt" };
  if (q.off === SKB.DATA_END) return { kind: "pointer", type: "pkt_end" };
  if (q.off === SKB.DATA_META) return { kind: "pointer", type: "pkt_meta" };
  return v;
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
  if (within(q, SKB.TC_CLASSID, 4) || within(q, SKB.DATA_META, 4) || within(q, SKB.WIRE_LEN, 4))
    return INVALID;
  if (q.write) {
    const writable =
      within(q, SKB.MARK, 4) ||
      within(q, SKB.PRIORITY, 4) ||
      (q.off >= SKB.CB && q.off < SKB.CB_END) ||
      within(q, SKB.TSTAMP, 8);
    if (!writable) return INVALID;
  }
  const v = skbCommon(q);
  if (v.kind !== "scalar") return v;
  if (q.off === SKB.DATA) return { kind: "pointer", type: "pkt" };
  if (q.off === SKB.DATA_END) return { kind: "pointer", type: "pkt_end" };
  return v;
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

const SKB_FIELDS: ReadonlyArray<readonly [number, number, string]> = [
  [0, 4, "len"],
  [4, 4, "pkt_type"],
  [8, 4, "mark"],
  [12, 4, "queue_mapping"],
  [16, 4, "protocol"],
  [20, 4, "vlan_present"],
  [24, 4, "vlan_tci"],
  [28, 4, "vlan_proto"],
  [32, 4, "priority"],
  [36, 4, "ingress_ifindex"],
  [40, 4, "ifindex"],
  [44, 4, "tc_index"],
  [48, 20, "cb"],
  [68, 4, "hash"],
  [72, 4, "tc_classid"],
  [76, 4, "data"],
  [80, 4, "data_end"],
  [84, 4, "napi_id"],
  [88, 4, "family"],
  [92, 4, "remote_ip4"],
  [96, 4, "local_ip4"],
  [100, 16, "remote_ip6"],
  [116, 16, "local_ip6"],
  [132, 4, "remote_port"],
  [136, 4, "local_port"],
  [140, 4, "data_meta"],
  [144, 8, "flow_keys"],
  [152, 8, "tstamp"],
  [160, 4, "wire_len"],
  [164, 4, "gso_segs"],
  [168, 8, "sk"],
  [176, 4, "gso_size"],
  [180, 1, "tstamp_type"],
  [184, 8, "hwtstamp"],
];
const XDP_FIELDS: ReadonlyArray<readonly [number, number, string]> = [
  [0, 4, "data"],
  [4, 4, "data_end"],
  [8, 4, "data_meta"],
  [12, 4, "ingress_ifindex"],
  [16, 4, "rx_queue_index"],
  [20, 4, "egress_ifindex"],
];

/** The context field at `off` by its C name (`__sk_buff.tc_classid`), offset and width, for hints. */
export function ctxField(
  type: ProgTypeName,
  off: number,
): { readonly name: string; readonly at: number; readonly width: number } | undefined {
  const skb =
    type === "SOCKET_FILTER" || type === "SCHED_CLS" || type === "SCHED_ACT" || type === "CGROUP_SKB";
  const table = skb ? SKB_FIELDS : type === "XDP" ? XDP_FIELDS : undefined;
  const f = table?.find(([at, width]) => off >= at && off < at + width);
  if (!f) return undefined;
  return { name: `${skb ? "__sk_buff" : "xdp_md"}.${f[2]}`, at: f[0], width: f[1] };
}

/** The program type as people write it in hints. */
export const PROG_TYPE_WORDS: Partial<Record<ProgTypeName, string>> = {
  SOCKET_FILTER: "socket filters",
  SCHED_CLS: "tc programs",
  CGROUP_SKB: "cgroup_skb programs",
  XDP: "XDP programs",
  TRACEPOINT: "tracepoints",
  RAW_TRACEPOINT: "raw tracepoints",
  KPROBE: "kprobes and uprobes",
  PERF_EVENT: "perf_event programs",
};
