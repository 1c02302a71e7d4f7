import { DiagnosticError, error, type Diagnostic } from "../diag/diagnostic.js";
import { TestingCode } from "./codes.js";
import { DEFAULT_ENVIRONMENT, type EnvironmentOverrides } from "../helpers/environment.js";
import type { RedirectRecord } from "../helpers/kernel.js";
import type { CollectionSpec } from "../object/spec.js";
import { MapType } from "../uapi/bpf.js";
import type { SkbFields } from "../sandbox/index.js";
import type { VmFault } from "../vm/fault.js";
import type { Backend, BackendKind } from "./backend.js";
import { Clock, toOverrides, type TestEnv } from "./environment.js";
import { EventStream } from "./events.js";
import { Helpers, type HelperControl } from "./helper-control.js";
import { isEventMap, isKeyedMap } from "./map-kinds.js";
import { ProbeMapView } from "./probe-map.js";
import { ProbeFaultError, formatFaultReport } from "./report.js";
import { toRunInput } from "./run-input.js";
import type { ProbeSource } from "./source.js";
import { formatTrace, type TraceStep } from "./trace.js";
import type { EventsView, MapsView, ProgramName, RunInputOf } from "./types.js";

/** Options of one run, given with its environment: `probe.run(p, input, { pid: 1, trace: true })`. */
export interface RunOptions {
  /** Record every executed instruction with its source line (VM only; forces the interpreter). */
  readonly trace?: boolean;
  /** Return a VM fault as `r.fault` instead of throwing a ProbeFaultError. */
  readonly allowFault?: boolean;
}

export type RunEnv = TestEnv & RunOptions;

/** What one run did. */
export interface RunResult {
  readonly program: string;
  readonly backend: BackendKind;
  /** r0 as the u32 BPF_PROG_TEST_RUN reports in `retval`. */
  readonly ret: number;
  /** The full 64-bit r0 (kernel backend: the low 32 bits, zero-extended). */
  readonly r0: bigint;
  /** Instructions executed (NaN on the kernel backend, which does not count them). */
  readonly insns: number;
  /** Set only with `allowFault`: why the run stopped early (ret and r0 are then 0). */
  readonly fault?: VmFault;
  /** trace_printk lines of this run, in order, without the trailing newline. */
  readonly printk: readonly string[];
  /** Networking programs: the packet after the run (as the test run hands it back). */
  readonly packet?: Uint8Array;
  readonly redirect?: RedirectRecord;
  /** tc, socket filter, cgroup_skb: the __sk_buff fields a program may write, after the run. */
  readonly skb?: SkbFields;
  /** With `trace: true`: the executed instructions with their source lines. */
  readonly trace?: readonly TraceStep[];
  /** Kernel backend: ns the run took, as the kernel measured it. */
  readonly duration?: number;
}

export interface Probe<M = unknown> {
  /** Absolute path of what was loaded. */
  readonly file: string;
  readonly backend: BackendKind;
  readonly spec: CollectionSpec;
  readonly programs: readonly ProgramName<M>[];
  /** Key/value maps by name. */
  readonly maps: MapsView<M>;
  /** Ring buffers and perf event arrays by name. */
  readonly events: EventsView<M>;
  /** Every trace_printk line of every run so far, in order (VM backend). */
  readonly printk: readonly string[];
  readonly clock: Clock;
  readonly helpers: HelperControl;
  /** Problems load() tolerated (e.g. programs the verifier does not model yet). */
  readonly warnings: readonly Diagnostic[];
  /**
   * Runs one program once. The input follows the program kind (a packet for xdp/tc/socket/
   * cgroup_skb, tracepoint fields, raw tracepoint args, registers); the third argument gives the
   * environment (pid, tgid, uid, gid, comm, cpu, now, random, ...) and run options.
   * A VM fault throws a ProbeFaultError with the source line, unless `allowFault` is set.
   */
  run<P extends ProgramName<M>>(program: P, input?: RunInputOf<M, P>, env?: RunEnv): RunResult;
  /** Empties every map and event stream and the printk log (globals keep their values). */
  reset(): void;
  /** Releases kernel objects (no-op in the VM). */
  close(): void;
}

export class ProbeImpl implements Probe {
  readonly file: string;
  readonly backend: BackendKind;
  readonly spec: CollectionSpec;
  readonly programs: readonly string[];
  readonly maps: { readonly [name: string]: ProbeMapView };
  readonly events: { readonly [name: string]: EventStream };
  readonly printk: string[] = [];
  readonly clock: Clock;
  readonly helpers: HelperControl;
  readonly warnings: readonly Diagnostic[];
  private readonly impl: Backend;
  private readonly baseEnv: EnvironmentOverrides;

  constructor(
    source: ProbeSource,
    backend: Backend,
    env: TestEnv | undefined,
    warnings: readonly Diagnostic[],
  ) {
    this.file = source.file;
    this.backend = backend.kind;
    this.spec = source.spec;
    this.impl = backend;
    this.warnings = warnings;
    this.programs = source.spec.programs.map((p) => p.name);
    this.baseEnv = toOverrides(env);
    this.clock = new Clock(
      this.baseEnv.now ?? DEFAULT_ENVIRONMENT.now,
      this.baseEnv.bootNow ?? DEFAULT_ENVIRONMENT.bootNow,
    );
    const maps: Record<string, ProbeMapView> = {};
    const events: Record<string, EventStream> = {};
    for (const m of source.spec.maps) {
      const info = source.maps[m.name] ?? { name: m.name };
      if (isKeyedMap(m)) {
        maps[m.name] = new ProbeMapView(info, () => {
          const raw = backend.map(m.name);
          if (!raw) throw new Error(`bug: backend has no map ${m.name}`);
          return raw;
        });
      } else if (isEventMap(m)) {
        events[m.name] = new EventStream(m.name, () => backend.records(m.name), info.value);
      }
    }
    this.maps = maps;
    this.events = events;
    this.helpers = new Helpers(backend);
  }

  run(program: string, input?: unknown, env: RunEnv = {}): RunResult {
    const spec = this.spec.programs.find((p) => p.name === program);
    if (!spec)
      throw new DiagnosticError([
        error(TestingCode.RUN_INPUT, `no program named ${program} in ${this.file}`, {
          hint: `programs: ${this.programs.join(", ")}`,
        }),
      ]);
    const runInput = toRunInput(spec, input);
    const { trace, allowFault, ...world } = env;
    const own = toOverrides(world);
    // a run's own `now` moves the boot clock with it, as the probe's clock does
    const now = own.now ?? this.clock.now;
    const overrides: EnvironmentOverrides = {
      ...this.baseEnv,
      now,
      bootNow: now + (this.clock.bootNow - this.clock.now),
      ...own,
    };
    const r = this.impl.run(program, { input: runInput, env: overrides, trace: trace === true });
    // perf buffers are per CPU: taken after every run, samples keep the order of the runs.
    // Ring buffers keep their records until read, so a test can fill one up.
    for (const e of Object.values(this.events)) if (this.backend === "vm" && this.isPerf(e.name)) e.collect();
    const printk = r.printk.map((l) => l.text.replace(/\n$/, ""));
    this.printk.push(...printk);
    if (r.fault && !allowFault) throw new ProbeFaultError(r.fault);
    // the kernel's verifier refuses such a program (check_reference_leak); were tsbpf's to miss
    // one, the run must not look fine
    if (r.leakedRecords)
      throw new DiagnosticError([
        error(
          TestingCode.FAULT,
          `${program} left ${r.leakedRecords} ring buffer reservation(s) neither submitted nor discarded`,
          { hint: "every path after a successful reserve() must submit() or discard() the record" },
        ),
      ]);
    const result: RunResult = {
      program,
      backend: this.backend,
      ret: r.ret,
      r0: r.r0,
      insns: r.insns,
      printk,
      ...(r.fault ? { fault: r.fault } : {}),
      ...(r.packet ? { packet: r.packet } : {}),
      ...(r.redirect ? { redirect: r.redirect } : {}),
      ...(r.skb ? { skb: r.skb } : {}),
      ...(r.trace ? { trace: r.trace } : {}),
      ...(r.duration !== undefined ? { duration: r.duration } : {}),
    };
    return result;
  }

  private isPerf(map: string): boolean {
    return this.spec.maps.some((m) => m.name === map && m.type === MapType.PERF_EVENT_ARRAY);
  }

  /** The kernel backend reads ring buffers only (see kernel-backend.ts). */
  private readable(map: string): boolean {
    return this.backend === "vm" || this.spec.maps.some((m) => m.name === map && m.type === MapType.RINGBUF);
  }

  reset(): void {
    for (const m of Object.values(this.maps)) m.clear();
    for (const e of Object.values(this.events)) if (this.readable(e.name)) e.clear();
    this.printk.length = 0;
  }

  close(): void {
    this.impl.close();
  }
}

/** A run's trace as text (source lines interleaved), or "" when the run was not traced. */
export function traceText(r: RunResult): string {
  return r.trace ? formatTrace(r.trace) : "";
}

/** A run's fault as text with its code frame, or "" when it did not fault. */
export function faultText(r: RunResult): string {
  return r.fault ? formatFaultReport(r.fault) : "";
}
