import { error, type Diagnostic, type Result } from "../diag/diagnostic.js";
import type { Layout } from "../layout/types.js";
import type { HistScale } from "../maps/hist-format.js";
import { verify } from "../verifier/index.js";
import type { Tier } from "../vm/vm.js";
import type { Backend, BackendKind } from "./backend.js";
import { TestingCode } from "./codes.js";
import type { CompileFn } from "./compile-cache.js";
import type { TestEnv } from "./environment.js";
import type { HelperName, HelperOverride } from "./helper-names.js";
import { ProbeImpl, type Probe } from "./probe.js";
import { ProbeLoadError } from "./report.js";
import { readProbeSource, type ProbeSource } from "./source.js";
import { createVmBackend } from "./vm-backend.js";

export interface LoadOptions {
  /** "vm" (default): tsbpf's verifier and VM. "kernel": the live kernel via BPF_PROG_TEST_RUN. */
  readonly backend?: BackendKind;
  /** Check every program with tsbpf's verifier first (VM backend; default true). */
  readonly verify?: boolean;
  /** Environment every run starts from (a run's own env overrides it). */
  readonly env?: TestEnv;
  /** Helper replacements from the start (see probe.helpers.override). */
  readonly helpers?: Readonly<Partial<Record<HelperName, HelperOverride>>>;
  /** CPUs of per-CPU maps and perf buffers (VM; default 1). */
  readonly cpus?: number;
  /** VM tier (default "auto": the JS translation where the program allows it). */
  readonly tier?: Tier | "auto";
  /** Instruction budget per run (VM). */
  readonly budget?: number;
  /** C objects: record types of ring buffers / perf event arrays (a Layout or a BTF struct name). */
  readonly records?: Readonly<Record<string, Layout | string>>;
  /** C objects: maps to read and print as histograms. */
  readonly histograms?: Readonly<Record<string, HistScale | "log2">>;
  /** The TypeScript compiler to use (default tsbpf's). */
  readonly compile?: CompileFn;
}

function unwrapOr(what: string, r: Result<ProbeSource>): ProbeSource {
  if (!r.ok) throw new ProbeLoadError(what, r.diagnostics);
  return r.value;
}

const verified = new WeakMap<ProbeSource["spec"], Diagnostic[]>();

/**
 * Programs the verifier refuses are load errors (with the source line); programs it does not
 * model yet (TSB4099) are only warnings, so a gap in tsbpf's verifier never blocks a test.
 */
function verifyAll(source: ProbeSource): Diagnostic[] {
  // a cached compile hands out the same spec: verify it once too
  const known = verified.get(source.spec);
  if (known) return known;
  const warnings: Diagnostic[] = [];
  const refusals: Diagnostic[] = [];
  for (const p of source.spec.programs) {
    const v = verify(p, { maps: source.spec.maps });
    if (v.accepted) continue;
    const modelGap = v.diagnostics.every((d) => d.code === "TSB4099");
    const target = modelGap ? warnings : refusals;
    const head = error(
      TestingCode.VERIFIER,
      `program ${p.name}: ${modelGap ? "not checked (the verifier does not model it yet)" : "rejected by the verifier"}`,
    );
    target.push(
      modelGap ? { ...head, severity: "warning" } : head,
      ...v.diagnostics.map((d) => (modelGap ? { ...d, severity: "warning" as const } : d)),
    );
  }
  if (refusals.length) throw new ProbeLoadError(`${source.file}: the verifier rejected it`, refusals);
  verified.set(source.spec, warnings);
  return warnings;
}

async function createBackend(source: ProbeSource, options: LoadOptions): Promise<Backend> {
  if (options.backend === "kernel") {
    const { createKernelBackend } = await import("./kernel-backend.js");
    const b = await createKernelBackend(source);
    if (!b.ok) throw new ProbeLoadError(`${source.file}: cannot load it into the kernel`, b.diagnostics);
    return b.value;
  }
  const b = createVmBackend(source.spec, {
    ...(options.cpus ? { cpus: options.cpus } : {}),
    ...(options.tier ? { tier: options.tier } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
  });
  if (!b.ok) throw new ProbeLoadError(`${source.file}: cannot load it into the VM`, b.diagnostics);
  return b.value;
}

/**
 * Loads a probe for unit tests: a TypeScript program (compiled once per content and process) or
 * a clang-built `.bpf.o`. `load<typeof Module>(path)` types program names, inputs, maps and
 * events from the module's declarations. Throws a ProbeLoadError (a DiagnosticError) with code
 * frames when the source does not compile, the verifier rejects it, or the kernel refuses it.
 */
export async function load<M = unknown>(source: string | URL, options: LoadOptions = {}): Promise<Probe<M>> {
  const src = unwrapOr(`cannot load ${String(source)}`, await readProbeSource(source, options));
  return fromSource<M>(src, options);
}

/** Loads an already read source (a spec with map layouts), e.g. one built in memory. */
export async function fromSource<M = unknown>(
  source: ProbeSource,
  options: LoadOptions = {},
): Promise<Probe<M>> {
  const warnings = options.backend !== "kernel" && options.verify !== false ? verifyAll(source) : [];
  const backend = await createBackend(source, options);
  const probe = new ProbeImpl(source, backend, options.env, warnings);
  for (const [name, fn] of Object.entries(options.helpers ?? {})) if (fn) probe.helpers.override(name, fn);
  return probe as unknown as Probe<M>;
}
