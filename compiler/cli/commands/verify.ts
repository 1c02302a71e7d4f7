import { loadCollectionSpec, type CollectionSpec, type ProgramSpec } from "../../../runtime/object/index.js";
import { ProgType, type ProgTypeName } from "../../../runtime/uapi/bpf.js";
import { verify } from "../../../runtime/verifier/index.js";
import { compile } from "../../index.js";
import { inputKind, readFlatProgram, readInput } from "../input.js";
import { refuse, reportDiagnostics, UsageError, type Io } from "../report.js";

export interface VerifyCommandOptions {
  type?: string;
  section?: string;
  program?: string;
  log?: string;
}

/** Program type names as libbpf spells them in sections and bpftool on its command line. */
const TYPE_ALIASES: Readonly<Record<string, ProgTypeName>> = {
  socket: "SOCKET_FILTER",
  socket_filter: "SOCKET_FILTER",
  xdp: "XDP",
  tc: "SCHED_CLS",
  sched_cls: "SCHED_CLS",
  classifier: "SCHED_CLS",
  tracepoint: "TRACEPOINT",
  tp: "TRACEPOINT",
  raw_tracepoint: "RAW_TRACEPOINT",
  raw_tp: "RAW_TRACEPOINT",
  kprobe: "KPROBE",
  uprobe: "KPROBE",
  cgroup_skb: "CGROUP_SKB",
  perf_event: "PERF_EVENT",
};

function typeFromOption(name: string): ProgTypeName {
  const alias = TYPE_ALIASES[name.toLowerCase()];
  if (alias) return alias;
  const upper = name.toUpperCase();
  if (upper in ProgType) return upper as ProgTypeName;
  throw new UsageError(`unknown program type "${name}" (e.g. ${Object.keys(TYPE_ALIASES).join(", ")})`);
}

function logLevel(value: string | undefined): 0 | 1 | 2 | undefined {
  if (value === undefined) return undefined;
  if (value === "0" || value === "1" || value === "2") return Number(value) as 0 | 1 | 2;
  throw new UsageError(`--log takes 0, 1 or 2, not "${value}"`);
}

/**
 * `tsbpf verify [--type T] FILE`: tsbpf's verifier on a program — raw bytecode or assembler (the
 * type is required), an ELF object or TypeScript (the type comes from each program's section).
 * Exit 0 when every chosen program is accepted, 1 when one is refused.
 */
export function verifyCommand(io: Io, file: string, options: VerifyCommandOptions): number {
  const bytes = readInput(file);
  if (!bytes.ok) return refuse(io, bytes.diagnostics);
  const kind = inputKind(file, bytes.value);
  const level = logLevel(options.log);
  const type = options.type ? typeFromOption(options.type) : undefined;
  if (kind === "raw" || kind === "asm" || kind === "conformance") {
    if (!type) throw new UsageError("raw programs carry no program type: give --type (e.g. --type xdp)");
    const program = readFlatProgram(file, bytes.value, kind);
    if (!program.ok) return refuse(io, program.diagnostics);
    const result = verify(
      { instructions: program.value.instructions, type },
      level !== undefined ? { logLevel: level } : {},
    );
    return report(io, file, result, level);
  }
  let spec: CollectionSpec;
  if (kind === "elf") {
    const loaded = loadCollectionSpec(bytes.value, { file });
    if (!loaded.ok) return refuse(io, loaded.diagnostics);
    spec = loaded.value;
  } else {
    const compiled = compile(file);
    if (!compiled.ok) return refuse(io, compiled.diagnostics);
    spec = compiled.value.spec;
  }
  const chosen = spec.programs.filter(
    (p) =>
      (options.section === undefined || p.section === options.section) &&
      (options.program === undefined || p.name === options.program),
  );
  if (chosen.length === 0) throw new UsageError(`${file} has no program matching the selection`);
  let status = 0;
  for (const p of chosen) {
    const program: ProgramSpec = type ? { ...p, type } : p;
    const result = verify(program, { maps: spec.maps, ...(level !== undefined ? { logLevel: level } : {}) });
    status = Math.max(status, report(io, `${file} ${p.name} (${p.section})`, result, level));
  }
  return status;
}

function report(
  io: Io,
  what: string,
  result: ReturnType<typeof verify>,
  level: 0 | 1 | 2 | undefined,
): number {
  if (level) io.out(result.log.trimEnd());
  const stats = `processed ${result.processedInsns} insns, peak states ${result.peakStates}`;
  if (result.accepted) {
    io.out(`${what}: accepted (${stats})`);
    return 0;
  }
  reportDiagnostics(io, result.diagnostics);
  io.err(`${what}: refused (${stats})`);
  return 1;
}
