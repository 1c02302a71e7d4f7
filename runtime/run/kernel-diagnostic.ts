import { error, type Diagnostic } from "../diag/diagnostic.js";
import { width } from "../isa/instruction.js";
import type { KernelError } from "../kernel/errors.js";
import type { CollectionSpec, LineInfo, ProgramSpec } from "../object/spec.js";
import { verify } from "../verifier/index.js";
import { RunCode } from "./codes.js";

/**
 * The instruction the kernel's verifier stopped at: the last `N: (op) ...` line of its log. N is a
 * slot index (lddw takes two), so it is mapped back to the spec's instruction index.
 */
export function failingInstruction(log: string, program: ProgramSpec): number | undefined {
  let slot: number | undefined;
  for (const m of log.matchAll(/^(\d+): \([0-9a-f]{2}\)/gm)) slot = Number(m[1]);
  if (slot === undefined) return undefined;
  let at = 0;
  for (let i = 0; i < program.instructions.length; i++) {
    if (at >= slot) return i;
    at += width(program.instructions[i]!);
  }
  return undefined;
}

/** The source line of instruction `insn` (the closest line record at or before it). */
export function lineOf(program: ProgramSpec, insn: number): LineInfo | undefined {
  let best: LineInfo | undefined;
  for (const l of program.lineInfo ?? []) if (l.insn <= insn && (!best || l.insn >= best.insn)) best = l;
  return best;
}

/**
 * A verifier rejection as diagnostics: the kernel's message and the end of its log, placed at the
 * TypeScript (or C) line of the failing instruction, then what tsbpf's own verifier says about
 * the same program — usually the same refusal in words, sometimes the only explanation.
 */
export function verifierDiagnostics(
  e: KernelError,
  program: ProgramSpec,
  spec: CollectionSpec,
): Diagnostic[] {
  const log = e.log?.trimEnd() ?? "";
  const insn = log ? failingInstruction(log, program) : undefined;
  const line = insn !== undefined ? lineOf(program, insn) : undefined;
  const tail = log.split("\n").slice(-12).join("\n");
  const head = error(
    RunCode.VERIFIER,
    `the kernel's verifier refused program ${program.name}${insn !== undefined ? ` at instruction ${insn}` : ""}: ${e.message}`,
    {
      ...(line ? { location: { file: line.file, line: line.line, column: Math.max(1, line.column) } } : {}),
      ...(tail ? { hint: `kernel verifier log (end):\n${tail}` } : {}),
    },
  );
  const ours = verify(program, { maps: spec.maps, data: spec.data, ...(spec.btf ? { btf: spec.btf } : {}) });
  if (ours.accepted)
    return [
      head,
      {
        ...error(
          RunCode.VERIFIER,
          `tsbpf's verifier accepts ${program.name}: the kernel's rules differ here`,
        ),
        severity: "note",
      },
    ];
  return [head, ...ours.diagnostics.map((d) => ({ ...d, severity: "note" as const }))];
}

/** Program types whose loading needs kernel features this machine's kernel may lack. */
const TRAMPOLINE_TYPES: ReadonlySet<string> = new Set(["TRACING", "LSM", "EXT"]);

/** A load failure as a diagnostic: verifier rejection, refused program kind, or a plain errno. */
export function loadDiagnostics(
  e: KernelError,
  program: ProgramSpec | undefined,
  spec: CollectionSpec,
): Diagnostic[] {
  if (
    program &&
    TRAMPOLINE_TYPES.has(program.type) &&
    (e.errno === 524 || e.errno === 95 || e.errno === 22 || e.errno === 2)
  )
    return [
      error(
        RunCode.UNSUPPORTED,
        `this kernel refuses ${program.section} programs (${program.name}): ${e.message}`,
        {
          hint: "fentry/fexit/lsm need BPF trampolines (CONFIG_DEBUG_INFO_BTF, CONFIG_BPF_JIT, CONFIG_BPF_LSM); use a tracepoint or raw_tracepoint instead",
        },
      ),
    ];
  if (program && e.log && (e.errno === 13 || e.errno === 22 || e.errno === 1))
    return verifierDiagnostics(e, program, spec);
  return [
    error(
      RunCode.KERNEL,
      e.message,
      e.log ? { hint: e.log.trimEnd().split("\n").slice(-12).join("\n") } : {},
    ),
  ];
}
