import { AttachType, ProgFlags, type ProgTypeName } from "../uapi/bpf.js";

/**
 * libbpf's SEC() conventions (libbpf.c `section_defs[]`): a section name picks the program type,
 * the expected attach type and load flags. A pattern ending in `+` matches the name itself or the
 * name followed by `/target`; others must match exactly (libbpf ≥ 1.0, sec_def_matches).
 */
interface SecDef {
  readonly pattern: string;
  readonly type: ProgTypeName;
  readonly attach?: keyof typeof AttachType;
  readonly sleepable?: boolean;
  readonly frags?: boolean;
}

const D = (
  pattern: string,
  type: ProgTypeName,
  attach?: keyof typeof AttachType,
  extra: { sleepable?: boolean; frags?: boolean } = {},
): SecDef => ({ pattern, type, ...(attach ? { attach } : {}), ...extra });
const S = { sleepable: true } as const;

/** In libbpf's order: the first match wins. */
const SECTION_DEFS: readonly SecDef[] = [
  D("socket", "SOCKET_FILTER"),
  D("sk_reuseport/migrate", "SK_REUSEPORT", "SK_REUSEPORT_SELECT_OR_MIGRATE"),
  D("sk_reuseport", "SK_REUSEPORT", "SK_REUSEPORT_SELECT"),
  D("kprobe+", "KPROBE"),
  D("uprobe+", "KPROBE"),
  D("uprobe.s+", "KPROBE", undefined, S),
  D("kretprobe+", "KPROBE"),
  D("uretprobe+", "KPROBE"),
  D("uretprobe.s+", "KPROBE", undefined, S),
  D("kprobe.multi+", "KPROBE", "TRACE_KPROBE_MULTI"),
  D("kretprobe.multi+", "KPROBE", "TRACE_KPROBE_MULTI"),
  D("kprobe.session+", "KPROBE", "TRACE_KPROBE_SESSION"),
  D("uprobe.multi+", "KPROBE", "TRACE_UPROBE_MULTI"),
  D("uretprobe.multi+", "KPROBE", "TRACE_UPROBE_MULTI"),
  D("uprobe.multi.s+", "KPROBE", "TRACE_UPROBE_MULTI", S),
  D("uretprobe.multi.s+", "KPROBE", "TRACE_UPROBE_MULTI", S),
  D("uprobe.session+", "KPROBE", "TRACE_UPROBE_SESSION"),
  D("ksyscall+", "KPROBE"),
  D("kretsyscall+", "KPROBE"),
  D("usdt+", "KPROBE"),
  D("usdt.s+", "KPROBE", undefined, S),
  D("tc/ingress", "SCHED_CLS", "TCX_INGRESS"),
  D("tc/egress", "SCHED_CLS", "TCX_EGRESS"),
  D("tcx/ingress", "SCHED_CLS", "TCX_INGRESS"),
  D("tcx/egress", "SCHED_CLS", "TCX_EGRESS"),
  D("tc", "SCHED_CLS"),
  D("classifier", "SCHED_CLS"),
  D("action", "SCHED_ACT"),
  D("netkit/primary", "SCHED_CLS", "NETKIT_PRIMARY"),
  D("netkit/peer", "SCHED_CLS", "NETKIT_PEER"),
  D("tracepoint+", "TRACEPOINT"),
  D("tp+", "TRACEPOINT"),
  D("raw_tracepoint+", "RAW_TRACEPOINT"),
  D("raw_tp+", "RAW_TRACEPOINT"),
  D("raw_tracepoint.w+", "RAW_TRACEPOINT_WRITABLE"),
  D("raw_tp.w+", "RAW_TRACEPOINT_WRITABLE"),
  D("tp_btf+", "TRACING", "TRACE_RAW_TP"),
  D("fentry+", "TRACING", "TRACE_FENTRY"),
  D("fmod_ret+", "TRACING", "MODIFY_RETURN"),
  D("fexit+", "TRACING", "TRACE_FEXIT"),
  D("fentry.s+", "TRACING", "TRACE_FENTRY", S),
  D("fmod_ret.s+", "TRACING", "MODIFY_RETURN", S),
  D("fexit.s+", "TRACING", "TRACE_FEXIT", S),
  D("freplace+", "EXT"),
  D("lsm+", "LSM", "LSM_MAC"),
  D("lsm.s+", "LSM", "LSM_MAC", S),
  D("lsm_cgroup+", "LSM", "LSM_CGROUP"),
  D("iter+", "TRACING", "TRACE_ITER"),
  D("iter.s+", "TRACING", "TRACE_ITER", S),
  D("syscall", "SYSCALL", undefined, S),
  D("xdp.frags/devmap", "XDP", "XDP_DEVMAP", { frags: true }),
  D("xdp/devmap", "XDP", "XDP_DEVMAP"),
  D("xdp.frags/cpumap", "XDP", "XDP_CPUMAP", { frags: true }),
  D("xdp/cpumap", "XDP", "XDP_CPUMAP"),
  D("xdp.frags", "XDP", "XDP", { frags: true }),
  D("xdp", "XDP", "XDP"),
  D("perf_event", "PERF_EVENT"),
  D("lwt_in", "LWT_IN"),
  D("lwt_out", "LWT_OUT"),
  D("lwt_xmit", "LWT_XMIT"),
  D("lwt_seg6local", "LWT_SEG6LOCAL"),
  D("sockops", "SOCK_OPS", "CGROUP_SOCK_OPS"),
  D("sk_skb/stream_parser", "SK_SKB", "SK_SKB_STREAM_PARSER"),
  D("sk_skb/stream_verdict", "SK_SKB", "SK_SKB_STREAM_VERDICT"),
  D("sk_skb/verdict", "SK_SKB", "SK_SKB_VERDICT"),
  D("sk_skb", "SK_SKB"),
  D("sk_msg", "SK_MSG", "SK_MSG_VERDICT"),
  D("lirc_mode2", "LIRC_MODE2", "LIRC_MODE2"),
  D("flow_dissector", "FLOW_DISSECTOR", "FLOW_DISSECTOR"),
  D("cgroup_skb/ingress", "CGROUP_SKB", "CGROUP_INET_INGRESS"),
  D("cgroup_skb/egress", "CGROUP_SKB", "CGROUP_INET_EGRESS"),
  D("cgroup/skb", "CGROUP_SKB"),
  D("cgroup/sock_create", "CGROUP_SOCK", "CGROUP_INET_SOCK_CREATE"),
  D("cgroup/sock_release", "CGROUP_SOCK", "CGROUP_INET_SOCK_RELEASE"),
  D("cgroup/sock", "CGROUP_SOCK", "CGROUP_INET_SOCK_CREATE"),
  D("cgroup/post_bind4", "CGROUP_SOCK", "CGROUP_INET4_POST_BIND"),
  D("cgroup/post_bind6", "CGROUP_SOCK", "CGROUP_INET6_POST_BIND"),
  D("cgroup/bind4", "CGROUP_SOCK_ADDR", "CGROUP_INET4_BIND"),
  D("cgroup/bind6", "CGROUP_SOCK_ADDR", "CGROUP_INET6_BIND"),
  D("cgroup/connect4", "CGROUP_SOCK_ADDR", "CGROUP_INET4_CONNECT"),
  D("cgroup/connect6", "CGROUP_SOCK_ADDR", "CGROUP_INET6_CONNECT"),
  D("cgroup/connect_unix", "CGROUP_SOCK_ADDR", "CGROUP_UNIX_CONNECT"),
  D("cgroup/sendmsg4", "CGROUP_SOCK_ADDR", "CGROUP_UDP4_SENDMSG"),
  D("cgroup/sendmsg6", "CGROUP_SOCK_ADDR", "CGROUP_UDP6_SENDMSG"),
  D("cgroup/sendmsg_unix", "CGROUP_SOCK_ADDR", "CGROUP_UNIX_SENDMSG"),
  D("cgroup/recvmsg4", "CGROUP_SOCK_ADDR", "CGROUP_UDP4_RECVMSG"),
  D("cgroup/recvmsg6", "CGROUP_SOCK_ADDR", "CGROUP_UDP6_RECVMSG"),
  D("cgroup/recvmsg_unix", "CGROUP_SOCK_ADDR", "CGROUP_UNIX_RECVMSG"),
  D("cgroup/getpeername4", "CGROUP_SOCK_ADDR", "CGROUP_INET4_GETPEERNAME"),
  D("cgroup/getpeername6", "CGROUP_SOCK_ADDR", "CGROUP_INET6_GETPEERNAME"),
  D("cgroup/getpeername_unix", "CGROUP_SOCK_ADDR", "CGROUP_UNIX_GETPEERNAME"),
  D("cgroup/getsockname4", "CGROUP_SOCK_ADDR", "CGROUP_INET4_GETSOCKNAME"),
  D("cgroup/getsockname6", "CGROUP_SOCK_ADDR", "CGROUP_INET6_GETSOCKNAME"),
  D("cgroup/getsockname_unix", "CGROUP_SOCK_ADDR", "CGROUP_UNIX_GETSOCKNAME"),
  D("cgroup/sysctl", "CGROUP_SYSCTL", "CGROUP_SYSCTL"),
  D("cgroup/getsockopt", "CGROUP_SOCKOPT", "CGROUP_GETSOCKOPT"),
  D("cgroup/setsockopt", "CGROUP_SOCKOPT", "CGROUP_SETSOCKOPT"),
  D("cgroup/dev", "CGROUP_DEVICE", "CGROUP_DEVICE"),
  D("struct_ops+", "STRUCT_OPS"),
  D("struct_ops.s+", "STRUCT_OPS", undefined, S),
  D("sk_lookup", "SK_LOOKUP", "SK_LOOKUP"),
  D("netfilter", "NETFILTER", "NETFILTER"),
];

export interface SectionProgramKind {
  /** The matched libbpf pattern without `+` (`kretprobe`, `tp`, `xdp.frags`, ...). */
  readonly kind: string;
  readonly type: ProgTypeName;
  /** Whatever follows `kind/` for `+` patterns: tracepoint `category/name`, function, binary:symbol. */
  readonly attachTo?: string;
  readonly expectedAttachType?: number;
  /** ProgFlags implied by the name (SLEEPABLE for `.s` variants, XDP_HAS_FRAGS for `xdp.frags`). */
  readonly flags: number;
}

function matches(def: SecDef, name: string): string | undefined | false {
  if (!def.pattern.endsWith("+")) return name === def.pattern ? undefined : false;
  const prefix = def.pattern.slice(0, -1);
  if (name === prefix) return undefined;
  if (name.startsWith(prefix + "/")) return name.slice(prefix.length + 1);
  return false;
}

/** What libbpf makes of a program section name, or undefined for a name it does not know. */
export function programKindOf(section: string): SectionProgramKind | undefined {
  for (const def of SECTION_DEFS) {
    const m = matches(def, section);
    if (m === false) continue;
    const flags = (def.sleepable ? ProgFlags.SLEEPABLE : 0) | (def.frags ? ProgFlags.XDP_HAS_FRAGS : 0);
    return {
      kind: def.pattern.replace(/\+$/, ""),
      type: def.type,
      ...(m !== undefined && m !== "" ? { attachTo: m } : {}),
      ...(def.attach !== undefined ? { expectedAttachType: AttachType[def.attach] } : {}),
      flags,
    };
  }
  return undefined;
}
