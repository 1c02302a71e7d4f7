import type {
  PerfEventContext,
  PtRegsContext,
  RawTracepointContext,
  SkBuffContext,
  TracingContext,
  XdpContext,
} from "./contexts.js";
import type { TracepointArgs } from "./tracepoints.js";

/**
 * Program kinds. `export const onOpen = tracepoint("syscalls/sys_enter_openat", (ctx) => ...)`
 * declares a program; the attach point names the ELF section as libbpf does and fixes the
 * context type. Executed as plain JavaScript these return inert descriptors.
 */
export interface Program<C = unknown> {
  readonly kind: ProgramKind;
  /** Attach target (tracepoint, function, binary:symbol, cgroup direction), when the kind has one. */
  readonly attach?: string;
  readonly fn: (ctx: C) => number;
}

export type ProgramKind =
  | "tracepoint"
  | "rawTracepoint"
  | "xdp"
  | "tc"
  | "socketFilter"
  | "cgroupSkb"
  | "kprobe"
  | "kretprobe"
  | "uprobe"
  | "uretprobe"
  | "fentry"
  | "fexit"
  | "lsm"
  | "perfEvent";

export type TracepointName = keyof TracepointArgs;

function program<C>(kind: ProgramKind, attach: string | undefined, fn: (ctx: C) => number): Program<C> {
  return attach === undefined ? { kind, fn } : { kind, attach, fn };
}

/**
 * SEC("tracepoint/<category>/<name>"); ctx is the tracepoint's record. N is inferred from the
 * name alone (NoInfer): inferring it from the callback too would match the callback against the
 * union of every tracepoint's record, which made type-checking a program tens of milliseconds slower.
 */
export function tracepoint<N extends TracepointName>(
  name: N,
  fn: NoInfer<(ctx: TracepointArgs[N]) => number>,
): Program<TracepointArgs[N]> {
  return program("tracepoint", name, fn);
}

/** SEC("raw_tracepoint/<name>"), e.g. "sys_enter", "sched_switch". */
export function rawTracepoint(
  name: string,
  fn: (ctx: RawTracepointContext) => number,
): Program<RawTracepointContext> {
  return program("rawTracepoint", name, fn);
}

/** SEC("xdp"); return an XdpAction. */
export function xdp(fn: (ctx: XdpContext) => number): Program<XdpContext> {
  return program("xdp", undefined, fn);
}

/** SEC("tc") (classifier, direct action); return a TcAction. */
export function tc(fn: (ctx: SkBuffContext) => number): Program<SkBuffContext> {
  return program("tc", undefined, fn);
}

/** SEC("socket"); return the bytes of the packet to keep (0 drops it). */
export function socketFilter(fn: (ctx: SkBuffContext) => number): Program<SkBuffContext> {
  return program("socketFilter", undefined, fn);
}

/** SEC("cgroup_skb/ingress" | "cgroup_skb/egress"); return 1 to allow, 0 to drop. */
export function cgroupSkb(
  direction: "ingress" | "egress",
  fn: (ctx: SkBuffContext) => number,
): Program<SkBuffContext> {
  return program("cgroupSkb", direction, fn);
}

/** SEC("kprobe/<function>") */
export function kprobe(fn: string, body: (ctx: PtRegsContext) => number): Program<PtRegsContext> {
  return program("kprobe", fn, body);
}

/** SEC("kretprobe/<function>") */
export function kretprobe(fn: string, body: (ctx: PtRegsContext) => number): Program<PtRegsContext> {
  return program("kretprobe", fn, body);
}

/**
 * SEC("uprobe/<binary>:<symbol>"), e.g. uprobe("/usr/lib/libc.so.6:malloc", ...); without a
 * target, SEC("uprobe"): the loader names the binary and offset when it attaches.
 */
export function uprobe(fn: (ctx: PtRegsContext) => number): Program<PtRegsContext>;
export function uprobe(target: string, fn: (ctx: PtRegsContext) => number): Program<PtRegsContext>;
export function uprobe(
  a: string | ((ctx: PtRegsContext) => number),
  b?: (ctx: PtRegsContext) => number,
): Program<PtRegsContext> {
  return typeof a === "string" ? program("uprobe", a, b!) : program("uprobe", undefined, a);
}

/** SEC("uretprobe/<binary>:<symbol>"), or SEC("uretprobe") without a target. */
export function uretprobe(fn: (ctx: PtRegsContext) => number): Program<PtRegsContext>;
export function uretprobe(target: string, fn: (ctx: PtRegsContext) => number): Program<PtRegsContext>;
export function uretprobe(
  a: string | ((ctx: PtRegsContext) => number),
  b?: (ctx: PtRegsContext) => number,
): Program<PtRegsContext> {
  return typeof a === "string" ? program("uretprobe", a, b!) : program("uretprobe", undefined, a);
}

/** SEC("fentry/<function>") */
export function fentry(fn: string, body: (ctx: TracingContext) => number): Program<TracingContext> {
  return program("fentry", fn, body);
}

/** SEC("fexit/<function>") */
export function fexit(fn: string, body: (ctx: TracingContext) => number): Program<TracingContext> {
  return program("fexit", fn, body);
}

/** SEC("lsm/<hook>"); return 0 to allow, a negative errno to deny. */
export function lsm(hook: string, fn: (ctx: TracingContext) => number): Program<TracingContext> {
  return program("lsm", hook, fn);
}

/** SEC("perf_event") */
export function perfEvent(fn: (ctx: PerfEventContext) => number): Program<PerfEventContext> {
  return program("perfEvent", undefined, fn);
}
