import type { FixedArray, u32, u64 } from "./types.js";

/**
 * What each program kind receives. Field reads compile to loads from the kernel's context
 * structure (`struct xdp_md`, `struct __sk_buff`, `struct pt_regs`, ...); contexts are read-only.
 */

/** Bounds-checked packet access (XDP, tc, cgroup_skb, socket filter). */
export interface Packet {
  /**
   * A view of a `T` starting `offset` bytes into the packet, or null when the packet is too short.
   * The compiler emits the `data + offset + sizeof(T) > data_end` check the kernel verifier wants.
   * Writes through the view change the packet (XDP and tc only).
   */
  at<T>(offset: number): T | null;
  /**
   * A copy of the `T` `offset` bytes into the packet, made with bpf_skb_load_bytes, or null when
   * the packet is too short (tc, cgroup_skb and socket filters — which can read the packet only
   * this way, from the network header on).
   */
  read<T>(offset: number): T | null;
  /** data_end - data */
  readonly length: u32;
}

/** struct xdp_md */
export interface XdpContext {
  readonly packet: Packet;
  readonly ingressIfindex: u32;
  readonly rxQueueIndex: u32;
  readonly egressIfindex: u32;
}

/** struct __sk_buff (tc, socket filter, cgroup_skb) */
export interface SkBuffContext {
  readonly packet: Packet;
  readonly len: u32;
  readonly pktType: u32;
  readonly mark: u32;
  readonly queueMapping: u32;
  /** EtherType, big-endian */
  readonly protocol: u32;
  readonly vlanPresent: u32;
  readonly vlanTci: u32;
  readonly vlanProto: u32;
  readonly priority: u32;
  readonly ingressIfindex: u32;
  readonly ifindex: u32;
  readonly tcIndex: u32;
  readonly hash: u32;
  readonly tcClassid: u32;
  readonly napiId: u32;
  readonly family: u32;
  readonly remoteIp4: u32;
  readonly localIp4: u32;
  readonly remotePort: u32;
  readonly localPort: u32;
  readonly tstamp: u64;
  readonly wireLen: u32;
  readonly gsoSegs: u32;
  readonly gsoSize: u32;
}

/** Registers of the probed function (struct pt_regs, x86_64): uprobe, uretprobe, kprobe, perf_event. */
export interface PtRegsContext {
  /** Argument `n` (0-based, up to 5) in the System V calling convention (rdi, rsi, rdx, rcx, r8, r9). */
  arg(n: number): u64;
  /** The return value (rax); meaningful in uretprobe/kretprobe. */
  ret(): u64;
  /** Instruction pointer (rip). */
  ip(): u64;
  /** Stack pointer (rsp). */
  sp(): u64;
}

/** BTF-typed arguments of fentry/fexit/lsm programs: each is 64 bits wide. */
export interface TracingContext {
  /** Argument `n` (0-based). */
  arg(n: number): u64;
  /** The traced function's return value (fexit only; its place comes from the kernel's BTF). */
  ret(): u64;
}

/** bpf_raw_tracepoint_args: the tracepoint's raw arguments, 64 bits each. */
export interface RawTracepointContext {
  arg(n: number): u64;
}

/** struct bpf_perf_event_data */
export interface PerfEventContext extends PtRegsContext {
  readonly samplePeriod: u64;
  readonly addr: u64;
}

/** Layout of a tracepoint record prefix every tracepoint shares (struct trace_entry). */
export interface TracepointCommon {
  readonly common_type: number;
  readonly common_flags: number;
  readonly common_preempt_count: number;
  readonly common_pid: number;
}

/** Raw tracepoint arguments as an array (for documentation; read them with ctx.arg(n)). */
export type RawArgs = FixedArray<u64, 12>;
