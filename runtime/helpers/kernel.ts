import type { BpfMap } from "../maps/types.js";
import type { Region } from "../vm/memory.js";
import { DEFAULT_ENVIRONMENT, type Environment } from "./environment.js";

/** One bpf_trace_printk call, as a reader of trace_pipe would see it. */
export interface PrintkLine {
  /** The formatted message (usually ending in "\n"). */
  readonly text: string;
  readonly pid: number;
  readonly comm: string;
  readonly cpu: number;
  /** CLOCK_MONOTONIC ns when it was written. */
  readonly timestamp: bigint;
  /** The trace_pipe line: `comm-pid [cpu] ..... 1.000000: bpf_trace_printk: text`. */
  readonly line: string;
}

/**
 * The packet side of a networking context (xdp_md, __sk_buff), as the packet helpers need it.
 * Contexts implement it; helpers never import a context.
 */
export interface PacketContext {
  readonly kind: "xdp" | "skb";
  /** The context pointer the program received in r1. */
  readonly pointer: bigint;
  /** The bytes from data to data_end, live (writes change the packet). */
  packet(): Uint8Array;
  /** bpf_xdp_adjust_head / _meta / _tail: 0 or -errno; they move the packet window. */
  adjustHead?(delta: number): number;
  adjustMeta?(delta: number): number;
  adjustTail?(delta: number): number;
  /** Packet pointers (data, data_end) change after adjustments: the old packet region is released. */
}

/** Where bpf_redirect sent the packet. */
export interface RedirectRecord {
  readonly ifindex: number;
  readonly flags: bigint;
}

/**
 * The kernel-side state the helpers share during runs: the environment, maps, the printk log, the
 * current packet context and the ring-buffer records handed out. One per sandbox (or per VM
 * when helpers are used directly); `beginRun` resets what is per run.
 */
export class KernelState {
  readonly maps: ReadonlyMap<string, BpfMap>;
  env: Environment;
  printk: PrintkLine[] = [];
  context: PacketContext | undefined = undefined;
  redirect: RedirectRecord | undefined = undefined;
  /** Ring-buffer records reserved and not yet submitted or discarded, by region. */
  readonly records = new Map<Region, { map: BpfMap; view: Uint8Array }>();
  /** Map handle regions (see handles.ts) → map. */
  readonly mapRegions = new WeakMap<Region, BpfMap>();
  private clockReads = 0;
  private rng = 0;

  constructor(maps: ReadonlyMap<string, BpfMap> = new Map(), env: Environment = DEFAULT_ENVIRONMENT) {
    this.maps = maps;
    this.env = env;
    this.beginRun(env);
  }

  /** Starts a run: fresh printk log, clock and random sequence; context as given. */
  beginRun(env: Environment = this.env, context?: PacketContext): void {
    this.env = env;
    this.printk = [];
    this.context = context;
    this.redirect = undefined;
    this.records.clear();
    this.clockReads = 0;
    this.rng = env.randomSeed >>> 0 || 0x9e3779b9;
  }

  /** A clock reading: `base` advanced by clockStep per earlier read in this run. */
  clock(base: bigint): bigint {
    const t = base + BigInt(this.clockReads) * this.env.clockStep;
    this.clockReads++;
    return BigInt.asUintN(64, t);
  }

  /** Next u32 of a xorshift32 sequence (the kernel uses a per-CPU prandom state; any PRNG does). */
  random(): number {
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng;
  }
}
