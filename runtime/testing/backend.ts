import type { EnvironmentOverrides } from "../helpers/environment.js";
import type { PrintkLine, RedirectRecord } from "../helpers/kernel.js";
import type { BpfMap } from "../maps/types.js";
import type { CollectionSpec } from "../object/spec.js";
import type { RunInput, SkbFields } from "../sandbox/index.js";
import type { VmFault } from "../vm/fault.js";
import type { Helper } from "../vm/helper.js";
import type { RawRecord } from "./events.js";
import type { TraceStep } from "./trace.js";

/**
 * Where a probe runs. Both backends take the same CollectionSpec and the same run input, and
 * expose maps through the same BpfMap interface (bytes in, bytes out), so the typed views,
 * events and matchers above them do not know which one they talk to.
 */
export type BackendKind = "vm" | "kernel";

export interface BackendRunRequest {
  readonly input: RunInput;
  /** The environment of this run (the VM honours it; the kernel has its own). */
  readonly env: EnvironmentOverrides;
  readonly trace: boolean;
}

export interface BackendRun {
  /** r0 truncated to u32, as BPF_PROG_TEST_RUN's retval. */
  readonly ret: number;
  /** Full r0 (the kernel backend only knows the low 32 bits: zero-extended). */
  readonly r0: bigint;
  /** Instructions executed (NaN on the kernel, which does not count them). */
  readonly insns: number;
  readonly fault?: VmFault;
  readonly printk: readonly PrintkLine[];
  readonly packet?: Uint8Array;
  readonly redirect?: RedirectRecord;
  readonly skb?: SkbFields;
  readonly trace?: readonly TraceStep[];
  /** Kernel: the run's duration in ns as BPF_PROG_TEST_RUN measured it. */
  readonly duration?: number;
  /** VM: ring-buffer records reserved and neither submitted nor discarded by the run. */
  readonly leakedRecords?: number;
}

export interface Backend {
  readonly kind: BackendKind;
  readonly spec: CollectionSpec;
  map(name: string): BpfMap | undefined;
  run(program: string, request: BackendRunRequest): BackendRun;
  /** Records written to a ring buffer or perf event array since the last call. */
  records(map: string): RawRecord[];
  /** Replaces a helper by id (undefined restores the original). */
  overrideHelper(id: number, name: string, fn: Helper | undefined): void;
  /** Releases kernel objects (no-op for the VM). */
  close(): void;
}
