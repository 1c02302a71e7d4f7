import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { resolveEnvironment, type Environment, type EnvironmentOverrides } from "../helpers/environment.js";
import { funcPointer } from "../vm/func-pointer.js";
import { ObjectMemory, type SharedSection } from "../helpers/handles.js";
import { KernelState, type PrintkLine, type RedirectRecord } from "../helpers/kernel.js";
import { kernelHelpers, type HelperOverrides } from "../helpers/kernel-helpers.js";
import { tailCallHook } from "../helpers/tailcall.js";
import type { Instruction } from "../isa/instruction.js";
import { LdImm64Src, Op } from "../isa/opcodes.js";
import type { Layout } from "../layout/types.js";
import { createMaps } from "../maps/create.js";
import { RingBufMap } from "../maps/ringbuf-map.js";
import { typedMap, type TypedMap } from "../maps/typed-map.js";
import type { BpfMap } from "../maps/types.js";
import type { CollectionSpec, ProgramSpec, Relocation } from "../object/spec.js";
import { HELPER_IDS } from "../uapi/helpers.js";
import { VmCode } from "../vm/codes.js";
import type { VmFault } from "../vm/fault.js";
import type { TailCallTarget } from "../vm/helper.js";
import type { Memory } from "../vm/memory.js";
import { createVm, type Tier, type Vm } from "../vm/vm.js";
import { SandboxCode } from "./codes.js";
import { buildContext, type BuiltContext, type SkbFields } from "./context.js";
import type { RunInput } from "./input.js";

export interface SandboxOptions {
  /** CPUs of per-CPU maps and perf buffers (default 1). */
  readonly cpus?: number;
  /** Environment for every run (deterministic defaults otherwise). */
  readonly env?: EnvironmentOverrides;
  /** Helper replacements by name or id. */
  readonly helpers?: HelperOverrides;
  readonly tier?: Tier | "auto";
  /** Instruction budget per run. */
  readonly budget?: number;
  /** Key/value layouts of maps for typed access, by map name. */
  readonly layouts?: Readonly<Record<string, { readonly key: Layout; readonly value: Layout }>>;
  /** Renders instructions in fault messages (e.g. the disassembler). */
  readonly format?: (insn: Instruction) => string;
}

/** What one run did, as BPF_PROG_TEST_RUN (and trace_pipe) would report it. */
export interface RunOutcome {
  /** r0 truncated to u32: the `retval` BPF_PROG_TEST_RUN reports. */
  readonly ret: number;
  readonly r0: bigint;
  readonly insns: number;
  /** Why the run stopped early, if it did (ret and r0 are then 0). */
  readonly fault?: VmFault;
  /** bpf_trace_printk output of this run. */
  readonly printk: readonly PrintkLine[];
  /** The packet after the run (networking programs), as the test run returns it. */
  readonly packet?: Uint8Array;
  /** bpf_redirect's target, when the program called it. */
  readonly redirect?: RedirectRecord;
  /** __sk_buff fields after the run (tc, socket filter, cgroup_skb). */
  readonly skb?: SkbFields;
  /** Ring-buffer records reserved and neither submitted nor discarded (the verifier forbids this). */
  readonly leakedRecords: number;
}

export interface Sandbox {
  readonly spec: CollectionSpec;
  readonly programs: readonly string[];
  readonly maps: ReadonlyMap<string, BpfMap>;
  /** Global sections (.data, .bss, .rodata…) as live bytes shared with every program. */
  readonly globals: ReadonlyMap<string, Uint8Array>;
  /** The environment runs get unless a run overrides it. */
  env: Environment;
  /** Runs one program once; never throws. */
  run(program: string, input?: RunInput, env?: EnvironmentOverrides): RunOutcome;
  map(name: string): BpfMap | undefined;
  /** A typed view of a map: layouts from the options, or given here. */
  typed<K = unknown, V = unknown>(name: string, key?: Layout, value?: Layout): Result<TypedMap<K, V>>;
  /** Takes the submitted records of a ring buffer map (copies). */
  drainRingbuf(name: string): Uint8Array[];
  /** The VM of a program (for tracing and direct runs). */
  vm(program: string): Vm | undefined;
}

/** Slot of each instruction (a lddw takes two). */
function slotsOf(instructions: readonly Instruction[]): number[] {
  const out: number[] = [];
  let s = 0;
  for (const i of instructions) {
    out.push(s);
    s += i.opcode === Op.LDDW ? 2 : 1;
  }
  return out;
}

/**
 * The spec handed to createVm: function-pointer lddw (src 4) always carry a relocation, so the
 * sandbox's resolver is asked for their value (the ELF reader adds one; hand-built specs may not).
 */
function withFuncRelocations(p: ProgramSpec): ProgramSpec {
  const have = new Set(p.relocations.map((r) => r.insn));
  const extra: Relocation[] = [];
  p.instructions.forEach((insn, n) => {
    if (insn.opcode === Op.LDDW && insn.src === LdImm64Src.FUNC && !have.has(n)) {
      extra.push({ insn: n, target: { kind: "func", function: `@${n}` } });
    }
  });
  return extra.length ? { ...p, relocations: [...p.relocations, ...extra] } : p;
}

function fault(program: string, message: string): VmFault {
  return { kind: "fault", code: VmCode.BAD_OPTION, message, pc: 0, program, insns: 0 };
}

/**
 * Loads a collection (programs, maps, globals) into the VM the way libbpf and the kernel would:
 * maps created with kernel semantics, global sections shared by every program, relocations of
 * maps, globals, calls and function pointers resolved, program arrays filled by program name,
 * and the kernel helpers bound to one deterministic, overridable environment. Load problems are
 * diagnostics; run problems are faults in the outcome.
 */
export function createSandbox(spec: CollectionSpec, options: SandboxOptions = {}): Result<Sandbox> {
  const diagnostics: Diagnostic[] = [];
  for (const key of Object.keys(options.helpers ?? {})) {
    if (!/^\d+$/.test(key) && !HELPER_IDS.has(key.replace(/^bpf_/, ""))) {
      diagnostics.push(error(SandboxCode.HELPER_OVERRIDE, `helper override '${key}' names no kernel helper`));
    }
  }
  if (diagnostics.length) return fail(...diagnostics);

  const vms = new Map<string, Vm>();
  const targets = new Map<string, TailCallTarget>();
  const targetFor = (name: string): TailCallTarget => {
    let t = targets.get(name);
    if (!t) {
      t = {
        get program() {
          return vms.get(name)?.tailCallTarget.program;
        },
      };
      targets.set(name, t);
    }
    return t;
  };
  const byIndex = spec.programs.map((p) => p.name);
  const maps = createMaps(spec.maps, {
    cpus: options.cpus ?? 1,
    // slots name programs (initial values) or are program ids from userspace: here index + 1
    resolveProgram: (ref) => {
      const name = typeof ref === "number" ? byIndex[ref - 1] : ref;
      return name !== undefined && spec.programs.some((p) => p.name === name) ? targetFor(name) : undefined;
    },
  });
  if (!maps.ok) return fail(...maps.diagnostics.map((d) => ({ ...d, message: d.message })));

  const globals = new Map<string, Uint8Array>();
  const sections = new Map<string, SharedSection>();
  for (const d of spec.data) {
    const bytes = new Uint8Array(d.bytes); // a copy (Buffer.slice would share the file's bytes)
    globals.set(d.name, bytes);
    sections.set(d.name, { bytes, readOnly: d.readOnly });
  }
  let env = resolveEnvironment(options.env);
  const kernel = new KernelState(maps.value, env);
  const objects = new ObjectMemory(kernel, sections);
  let helpers;
  try {
    helpers = kernelHelpers(kernel, options.helpers);
  } catch (e) {
    return fail(error(SandboxCode.HELPER_OVERRIDE, e instanceof Error ? e.message : String(e)));
  }
  const tailCall = tailCallHook(kernel);

  for (const p of spec.programs) {
    const prog = withFuncRelocations(p);
    const slots = slotsOf(prog.instructions);
    const funcStart = new Map<string, number>();
    for (const f of prog.funcInfo ?? []) funcStart.set(f.name, slots[f.insn]!);
    const resolveRelocation = (rel: Relocation, insn: Instruction, mem: Memory): bigint | undefined => {
      const t = rel.target;
      if (t.kind === "func") {
        // kernel BPF_PSEUDO_FUNC: imm is the target's slot relative to the next slot
        const slot =
          insn.src === LdImm64Src.FUNC ? slots[rel.insn]! + 1 + insn.imm : funcStart.get(t.function);
        return slot === undefined ? undefined : funcPointer(slot);
      }
      const v = objects.resolve(rel, mem);
      if (v === undefined && (t.kind === "map" || t.kind === "mapValue")) {
        diagnostics.push(
          error(
            SandboxCode.RELOCATION,
            `${p.name}: instruction ${rel.insn} refers to '${t.map}', which the collection does not have`,
          ),
        );
      }
      return v;
    };
    const vm = createVm(prog, {
      name: p.name,
      helpers,
      tailCall,
      resolveRelocation,
      ...(options.tier ? { tier: options.tier } : {}),
      ...(options.budget ? { budget: options.budget } : {}),
      ...(options.format ? { format: options.format } : {}),
    });
    if (!vm.ok) {
      diagnostics.push(
        error(SandboxCode.PROGRAM, `program ${p.name} (section ${p.section}) cannot run in the VM`),
        ...vm.diagnostics,
      );
      continue;
    }
    vms.set(p.name, vm.value);
  }
  if (diagnostics.length) return fail(...diagnostics);

  const layouts = options.layouts ?? {};
  const sandbox: Sandbox = {
    spec,
    programs: spec.programs.map((p) => p.name),
    maps: maps.value,
    globals,
    get env() {
      return env;
    },
    set env(e: Environment) {
      env = e;
    },
    run(name, input, envOverrides) {
      const vm = vms.get(name);
      const p = spec.programs.find((x) => x.name === name);
      const runEnv = envOverrides ? resolveEnvironment(env, envOverrides) : env;
      kernel.beginRun(runEnv);
      const empty = { ret: 0, r0: 0n, insns: 0, printk: [], leakedRecords: 0 };
      if (!vm || !p) {
        return {
          ...empty,
          fault: fault(name, `no program named ${name} (programs: ${sandbox.programs.join(", ")})`),
        };
      }
      let built: BuiltContext | undefined;
      // skb programs: the context works on this copy, which LD_ABS / LD_IND read too (from skb->data)
      let runInput = input;
      let legacy: Uint8Array | undefined;
      const pkt = (input as { packet?: Uint8Array } | undefined)?.packet;
      if (pkt && ["SOCKET_FILTER", "SCHED_CLS", "SCHED_ACT", "CGROUP_SKB"].includes(p.type)) {
        const frame = pkt.slice();
        runInput = { ...(input as object), packet: frame } as RunInput;
        legacy =
          p.type === "SCHED_CLS" || p.type === "SCHED_ACT"
            ? frame
            : frame.subarray(Math.min(14, frame.length));
      }
      const result = vm.run({
        setup: (mem) => {
          built = buildContext(p, mem, runInput, runEnv.pid);
          kernel.context = built.packet;
          return built.args;
        },
        ...(legacy ? { packet: legacy } : {}),
      });
      const common = {
        printk: kernel.printk,
        leakedRecords: kernel.records.size,
        ...(built?.packetOut ? { packet: built.packetOut() } : {}),
        ...(built?.skbFields ? { skb: built.skbFields() } : {}),
        ...(kernel.redirect ? { redirect: kernel.redirect } : {}),
      };
      if (result.kind === "fault") return { ...empty, ...common, insns: result.insns, fault: result };
      return { ...common, ret: Number(BigInt.asUintN(32, result.r0)), r0: result.r0, insns: result.insns };
    },
    map: (name) => maps.value.get(name),
    typed<K, V>(name: string, key?: Layout, value?: Layout): Result<TypedMap<K, V>> {
      const map = maps.value.get(name);
      if (!map) return fail(error(SandboxCode.MAP, `no map named ${name}`));
      const k = key ?? layouts[name]?.key;
      const v = value ?? layouts[name]?.value;
      if (!k || !v) {
        return fail(
          error(
            SandboxCode.MAP,
            `map ${name}: no key/value layouts known (pass them to typed() or in options.layouts)`,
          ),
        );
      }
      return typedMap<K, V>(map, k, v);
    },
    drainRingbuf(name) {
      const map = maps.value.get(name);
      return map instanceof RingBufMap ? map.drain() : [];
    },
    vm: (name) => vms.get(name),
  };
  return ok(sandbox);
}
