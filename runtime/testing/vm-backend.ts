import { ok, type Result } from "../diag/diagnostic.js";
import { formatInstruction } from "../disasm/format.js";
import type { EnvironmentOverrides } from "../helpers/environment.js";
import { PerfEventArrayMap } from "../maps/perf-event-array.js";
import { RingBufMap } from "../maps/ringbuf-map.js";
import type { CollectionSpec } from "../object/spec.js";
import { createSandbox, type RunOutcome, type Sandbox } from "../sandbox/index.js";
import type { VmFault } from "../vm/fault.js";
import type { Helper, HelperDef } from "../vm/helper.js";
import { lineAt } from "./line-at.js";
import { sizePerfArrays } from "../object/perf-arrays.js";
import type { RunOptions, Tier, Vm } from "../vm/vm.js";
import type { Backend, BackendRun, BackendRunRequest } from "./backend.js";
import type { RawRecord } from "./events.js";
import { TraceRecorder } from "./trace.js";

export interface VmBackendOptions {
  readonly cpus?: number;
  readonly tier?: Tier | "auto";
  readonly budget?: number;
  readonly env?: EnvironmentOverrides;
}

/** The local VM: the sandbox (maps, helpers, contexts) with tracing and helper overrides. */
export function createVmBackend(source: CollectionSpec, options: VmBackendOptions = {}): Result<Backend> {
  const spec = sizePerfArrays(source, options.cpus ?? 1);
  const sandbox = createSandbox(spec, {
    ...(options.cpus ? { cpus: options.cpus } : {}),
    ...(options.tier ? { tier: options.tier } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.env ? { env: options.env } : {}),
    format: (insn) => formatInstruction(insn),
  });
  if (!sandbox.ok) return sandbox;
  return ok(new VmBackend(spec, sandbox.value));
}

class VmBackend implements Backend {
  readonly kind = "vm";
  readonly spec: CollectionSpec;
  private readonly sandbox: Sandbox;
  /** The sandbox's own helper of each overridden id, per program VM, to restore it. */
  private readonly originals = new Map<number, Map<Vm, HelperDef | undefined>>();

  constructor(spec: CollectionSpec, sandbox: Sandbox) {
    this.spec = spec;
    this.sandbox = sandbox;
  }

  map(name: string) {
    return this.sandbox.map(name);
  }

  run(program: string, request: BackendRunRequest): BackendRun {
    if (!request.trace) return this.outcome(this.sandbox.run(program, request.input, request.env));
    const vm = this.sandbox.vm(program);
    if (!vm) return this.outcome(this.sandbox.run(program, request.input, request.env));
    // The sandbox's run has no trace option: its VM's run is wrapped for this one call.
    const recorder = new TraceRecorder((name) => this.sandbox.vm(name)?.program);
    const own = vm.run;
    vm.run = (o: RunOptions = {}) => own.call(vm, { ...o, trace: recorder.record });
    try {
      return {
        ...this.outcome(this.sandbox.run(program, request.input, request.env)),
        trace: recorder.steps,
      };
    } finally {
      delete (vm as Partial<Pick<Vm, "run">>).run;
    }
  }

  /** A fault at an instruction without its own line record gets the line it belongs to. */
  private located(f: VmFault): VmFault {
    if (f.location) return f;
    const p = this.sandbox.vm(f.program)?.program;
    const line = p ? lineAt(p, f.pc) : undefined;
    if (!line) return f;
    return {
      ...f,
      location: line.location,
      ...(line.source !== undefined ? { sourceLine: line.source } : {}),
    };
  }

  private outcome(o: RunOutcome): BackendRun {
    return {
      ret: o.ret,
      r0: o.r0,
      insns: o.insns,
      printk: o.printk,
      ...(o.leakedRecords ? { leakedRecords: o.leakedRecords } : {}),
      ...(o.fault ? { fault: this.located(o.fault) } : {}),
      ...(o.packet ? { packet: o.packet } : {}),
      ...(o.redirect ? { redirect: o.redirect } : {}),
      ...(o.skb ? { skb: o.skb } : {}),
    };
  }

  records(name: string): RawRecord[] {
    const map = this.sandbox.map(name);
    if (map instanceof RingBufMap) return map.drain().map((data) => ({ data }));
    if (map instanceof PerfEventArrayMap) return map.drain().map((s) => ({ data: s.data, cpu: s.cpu }));
    return [];
  }

  /**
   * Helpers are looked up in each program's table at every call (both VM tiers), so replacing
   * the table entry takes effect on the next run; the sandbox's own entry is kept to restore.
   */
  overrideHelper(id: number, name: string, fn: Helper | undefined): void {
    let saved = this.originals.get(id);
    if (!saved) this.originals.set(id, (saved = new Map()));
    for (const program of this.sandbox.programs) {
      const vm = this.sandbox.vm(program);
      if (!vm) continue;
      const table = vm.program.helpers as (HelperDef | undefined)[];
      if (!saved.has(vm)) saved.set(vm, table[id]);
      table[id] = fn ? { name: `bpf_${name}`, fn } : saved.get(vm);
    }
  }

  close(): void {}
}
