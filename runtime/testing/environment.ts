import type {
  Environment,
  EnvironmentOverrides,
  ProbeMemory,
  SyntheticStacks,
} from "../helpers/environment.js";

/**
 * The world a probe observes in a run. Every field has a deterministic default (see
 * DEFAULT_ENVIRONMENT in runtime/helpers); give `pid` alone and `tgid` follows it (a
 * single-threaded process), and the other way round.
 */
export interface TestEnv {
  /** Thread id: the low half of bpf_get_current_pid_tgid. */
  readonly pid?: number;
  /** Process id: the high half of bpf_get_current_pid_tgid. */
  readonly tgid?: number;
  readonly uid?: number;
  readonly gid?: number;
  /** Task name (at most 15 bytes are kept, as TASK_COMM_LEN). */
  readonly comm?: string;
  /** CPU the program runs on (per-CPU maps, perf buffers, bpf_get_smp_processor_id). */
  readonly cpu?: number;
  /** bpf_ktime_get_ns at the run's first clock read (default: the probe's clock). */
  readonly now?: bigint | number;
  /** bpf_ktime_get_boot_ns at the first read. */
  readonly bootNow?: bigint | number;
  /** Nanoseconds each clock read moves the clock on within a run (default 0). */
  readonly clockStep?: bigint | number;
  /** Seed of bpf_get_prandom_u32's sequence, which restarts every run. */
  readonly random?: number;
  readonly cgroupId?: bigint | number;
  /** Memory bpf_probe_read_user(_str) reads (see `cString`). */
  readonly userMemory?: readonly ProbeMemory[];
  /** Memory bpf_probe_read_kernel(_str) reads. */
  readonly kernelMemory?: readonly ProbeMemory[];
  /** Call stacks bpf_get_stackid / bpf_get_stack return. */
  readonly stacks?: SyntheticStacks;
}

const big = (v: bigint | number | undefined): bigint | undefined => (v === undefined ? undefined : BigInt(v));

/** The sandbox's environment overrides for a TestEnv (later layers win). */
export function toOverrides(env: TestEnv | undefined): EnvironmentOverrides {
  if (!env) return {};
  const o: { -readonly [K in keyof Environment]?: Environment[K] } = {};
  const pid = env.pid ?? env.tgid;
  const tgid = env.tgid ?? env.pid;
  if (pid !== undefined) o.pid = pid;
  if (tgid !== undefined) o.tgid = tgid;
  if (env.uid !== undefined) o.uid = env.uid;
  if (env.gid !== undefined) o.gid = env.gid;
  if (env.comm !== undefined) o.comm = env.comm;
  if (env.cpu !== undefined) o.cpu = env.cpu;
  if (env.now !== undefined) o.now = big(env.now)!;
  if (env.bootNow !== undefined) o.bootNow = big(env.bootNow)!;
  if (env.clockStep !== undefined) o.clockStep = big(env.clockStep)!;
  if (env.random !== undefined) o.randomSeed = env.random;
  if (env.cgroupId !== undefined) o.cgroupId = big(env.cgroupId)!;
  if (env.userMemory !== undefined) o.userMemory = env.userMemory;
  if (env.kernelMemory !== undefined) o.kernelMemory = env.kernelMemory;
  if (env.stacks !== undefined) o.stacks = env.stacks;
  return o;
}

/**
 * The probe's clock: every run reads bpf_ktime_get_ns (and the boot clock, which moves with it)
 * from here unless the run gives `now`. It moves only when told, so sequences such as
 * enter → advance(1500) → exit measure exactly 1500 ns.
 */
export class Clock {
  private base: bigint;
  private bootOffset: bigint;

  constructor(now: bigint, bootNow: bigint) {
    this.base = now;
    this.bootOffset = bootNow - now;
  }

  /** CLOCK_MONOTONIC in ns, as the next run sees it. */
  get now(): bigint {
    return this.base;
  }

  get bootNow(): bigint {
    return this.base + this.bootOffset;
  }

  /** Moves time forward (a negative step would make the monotonic clock go back: refused). */
  advance(ns: bigint | number): bigint {
    const step = BigInt(ns);
    if (step < 0n) throw new RangeError(`clock.advance(${ns}): the monotonic clock cannot go back`);
    this.base += step;
    return this.base;
  }

  set(ns: bigint | number): void {
    this.base = BigInt(ns);
  }
}
