import type { ProgramSpec } from "../object/spec.js";

/**
 * Program types BPF_PROG_TEST_RUN runs (net/bpf/test_run.c: bpf_prog_test_run_xdp, _skb,
 * _raw_tp, _syscall) that the kernel backend feeds. Tracepoints, kprobes/uprobes and perf events
 * have no test_run in the kernel: they run only when their event fires.
 */
export const TEST_RUN_TYPES: ReadonlySet<ProgramSpec["type"]> = new Set([
  "XDP",
  "SOCKET_FILTER",
  "SCHED_CLS",
  "SCHED_ACT",
  "CGROUP_SKB",
  "RAW_TRACEPOINT",
  "SYSCALL",
]);

/** Why the kernel cannot test-run `p`, or undefined when it can. */
export function testRunRefusal(p: ProgramSpec): string | undefined {
  if (TEST_RUN_TYPES.has(p.type)) return undefined;
  return `BPF_PROG_TEST_RUN cannot run ${p.type} programs (${p.name}, section ${p.section})`;
}

export const TEST_RUN_HINT =
  "run it on the VM backend; the kernel test-runs xdp, tc, socket filter, cgroup_skb, raw tracepoint and syscall programs";
