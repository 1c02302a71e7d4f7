import { fail, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { Op, type Instruction } from "../isa/index.js";
import { parseConformanceLine } from "./conformance-dialect.js";
import type { AsmItem } from "./items.js";
import { LineContext } from "./line.js";
import { parseLlvmLine } from "./llvm-dialect.js";
import { resolveLabels } from "./resolve.js";

export type AsmDialect = "llvm" | "conformance";

export interface AssembleOptions {
  /** `conformance`: bpf_conformance/uBPF syntax (`mov %r0, 1`); `llvm`: clang/llvm-objdump syntax (`r0 = 1`). */
  readonly dialect: AsmDialect;
  /** File name for diagnostics (default `<asm>`). */
  readonly file?: string;
  /** File line of the source's first line, when the text was cut out of a bigger file (default 1). */
  readonly firstLine?: number;
}

/**
 * Assembles text into instructions. Every problem is reported (all lines are checked) as a
 * Diagnostic with file:line:col; nothing throws. Each instruction's `meta.source` is the line
 * it came from.
 */
export function assemble(source: string, options: AssembleOptions): Result<Instruction[]> {
  const file = options.file ?? "<asm>";
  const firstLine = options.firstLine ?? 1;
  const parseLine = options.dialect === "llvm" ? parseLlvmLine : parseConformanceLine;
  const items: AsmItem[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.endsWith("\r") ? lines[i]!.slice(0, -1) : lines[i]!;
    const ctx = new LineContext(file, firstLine + i, text);
    parseLine(ctx);
    items.push(...ctx.items);
    diagnostics.push(...ctx.diagnostics);
  }
  if (options.dialect === "conformance") addImplicitExitLabel(items);
  const resolved = resolveLabels(items);
  diagnostics.push(...resolved.diagnostics);
  if (diagnostics.length) return fail(...diagnostics);
  const program = resolved.program;
  return { ok: true, value: program };
}

/**
 * bpf_conformance files jump to `exit` without declaring it: the first `exit` instruction
 * defines that label (README, "the implicit exit label"). A declared `exit:` wins.
 */
function addImplicitExitLabel(items: AsmItem[]): void {
  if (items.some((i) => i.kind === "label" && i.name === "exit")) return;
  const at = items.findIndex((i) => i.kind === "insn" && i.insn.opcode === Op.EXIT);
  if (at < 0) return;
  items.splice(at, 0, { kind: "label", name: "exit", location: items[at]!.location });
}
