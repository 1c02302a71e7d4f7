/**
 * What a program can observe about the world it runs in: the current task, the clock, the CPU,
 * the random source and the memory `bpf_probe_read*` can reach. Every value is deterministic by
 * default so that a test gets the same answer on every machine; any of them can be overridden
 * per sandbox and again per run.
 */

/** A range of memory outside the VM (user or kernel space) that probe reads can see. */
export interface ProbeMemory {
  readonly address: bigint;
  readonly bytes: Uint8Array;
}

/** Synthetic call stacks for bpf_get_stackid / bpf_get_stack, innermost frame first. */
export interface SyntheticStacks {
  readonly kernel: readonly bigint[];
  readonly user: readonly bigint[];
}

export interface Environment {
  /** Thread id (the kernel's `pid`); low half of bpf_get_current_pid_tgid. */
  readonly pid: number;
  /** Process id (the kernel's `tgid`); high half of bpf_get_current_pid_tgid. */
  readonly tgid: number;
  readonly uid: number;
  readonly gid: number;
  /** Task name; the kernel keeps at most 15 bytes plus NUL (TASK_COMM_LEN 16). */
  readonly comm: string;
  /** CPU the program runs on (bpf_get_smp_processor_id, per-CPU maps, perf outputs). */
  readonly cpu: number;
  readonly numaNode: number;
  /** CLOCK_MONOTONIC in ns (bpf_ktime_get_ns) at the first clock read of a run. */
  readonly now: bigint;
  /** CLOCK_BOOTTIME in ns (bpf_ktime_get_boot_ns) at the first read. */
  readonly bootNow: bigint;
  /** CLOCK_TAI in ns (bpf_ktime_get_tai_ns) at the first read. */
  readonly taiNow: bigint;
  /** Nanoseconds every clock read advances the clocks by (0: time stands still during a run). */
  readonly clockStep: bigint;
  /** Seed of bpf_get_prandom_u32's generator; the sequence restarts at every run. */
  readonly randomSeed: number;
  /** Memory bpf_probe_read_user(_str) can read. */
  readonly userMemory: readonly ProbeMemory[];
  /** Memory bpf_probe_read_kernel(_str) can read (VM regions are kernel memory too). */
  readonly kernelMemory: readonly ProbeMemory[];
  readonly stacks: SyntheticStacks;
  /** bpf_get_current_cgroup_id. */
  readonly cgroupId: bigint;
  /** bpf_get_current_task: an opaque kernel address. */
  readonly task: bigint;
}

export const DEFAULT_ENVIRONMENT: Environment = {
  pid: 4242,
  tgid: 4242,
  uid: 1000,
  gid: 1000,
  comm: "tsbpf-test",
  cpu: 0,
  numaNode: 0,
  now: 1_000_000_000n,
  bootNow: 1_000_000_000n,
  taiNow: 1_700_000_037_000_000_000n,
  clockStep: 0n,
  randomSeed: 0x5eed,
  userMemory: [],
  kernelMemory: [],
  stacks: {
    kernel: [0xffffffff81a00010n, 0xffffffff81200020n, 0xffffffff81000030n],
    user: [0x401126n, 0x401180n, 0x7f0000029d90n],
  },
  cgroupId: 1n,
  task: 0xffff888000100000n,
};

export type EnvironmentOverrides = Partial<Environment>;

/** Applies overrides (later ones win) to the defaults. */
export function resolveEnvironment(...layers: ReadonlyArray<EnvironmentOverrides | undefined>): Environment {
  let env: Environment = DEFAULT_ENVIRONMENT;
  for (const l of layers) {
    if (!l) continue;
    const defined = Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined));
    env = { ...env, ...defined };
  }
  return env;
}

/** Convenience for `userMemory`/`kernelMemory`: a NUL-terminated string at an address. */
export function cString(address: bigint, text: string): ProbeMemory {
  const body = new TextEncoder().encode(text);
  const bytes = new Uint8Array(body.length + 1);
  bytes.set(body);
  return { address, bytes };
}
