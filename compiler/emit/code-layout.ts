import { error, fail, ok, type Diagnostic, type Result } from "../../runtime/diag/diagnostic.js";
import {
  CallSrc,
  encodeProgram,
  instructionAtSlot,
  LdImm64Src,
  Op,
  slotIndex,
  type Instruction,
} from "../../runtime/isa/index.js";
import type { LineInfo, ProgramSpec, RelocationKind } from "../../runtime/object/spec.js";
import { EmitCode } from "./codes.js";

/**
 * Undoes the linking of each ProgramSpec (entry function followed by the subprograms it calls,
 * libbpf bpf_object__relocate_calls) into what an object file holds: the entry function in its
 * program section, every subprogram once in `.text`, and calls that say which function they
 * reach instead of a final offset. Function starts come from call / function-pointer targets
 * and func_info; two programs that carry a subprogram of the same name must carry the same code.
 */

/** A load-time reference of one instruction, by index into its section's instruction list. */
export interface SectionReloc {
  readonly insn: number;
  readonly target: RelocationKind;
}

export interface PlacedFunction {
  readonly name: string;
  /** Program entry points are global (libbpf requires it); subprograms static. */
  readonly program?: ProgramSpec;
  /** Instruction index range [first, end) in the section's list. */
  readonly first: number;
  readonly end: number;
  /** Line info with `insn` relative to the section's instruction list. */
  readonly lineInfo: readonly LineInfo[];
}

export interface CodeSectionPlan {
  readonly name: string;
  readonly instructions: Instruction[];
  /** Map, global-data and cross-section call references; calls inside `.text` need none. */
  readonly relocations: SectionReloc[];
  readonly functions: PlacedFunction[];
}

interface SplitFunction {
  readonly name: string;
  readonly program?: ProgramSpec;
  readonly instructions: Instruction[];
  readonly relocations: SectionReloc[];
  /** Calls and function pointers by local index → callee name. */
  readonly calls: Map<number, { name: string; kind: "call" | "func" }>;
  readonly lineInfo: LineInfo[];
}

function isLocalCall(insn: Instruction): boolean {
  return insn.opcode === Op.CALL && insn.src === CallSrc.LOCAL;
}

function isFuncPointer(insn: Instruction): boolean {
  return insn.opcode === Op.LDDW && insn.src === LdImm64Src.FUNC;
}

/** Splits one linked program into its functions. */
function splitProgram(p: ProgramSpec, diagnostics: Diagnostic[]): SplitFunction[] | undefined {
  const insns = p.instructions;
  const slots = slotIndex(insns);
  const atSlot = instructionAtSlot(insns);
  const relocAt = new Map<number, RelocationKind>(p.relocations.map((r) => [r.insn, r.target]));
  const starts = new Map<number, string>([[0, p.name]]);
  for (const f of p.funcInfo ?? []) if (f.insn > 0 && f.name) starts.set(f.insn, f.name);
  const targetOf = new Map<number, number>();
  const bad = (message: string) => {
    diagnostics.push(error(EmitCode.BAD_PROGRAM, `program '${p.name}': ${message}`));
  };
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i]!;
    if (!isLocalCall(insn) && !isFuncPointer(insn)) continue;
    const slot = slots[i]! + insn.imm + 1;
    const t = slot >= 0 && slot < atSlot.length ? atSlot[slot]! : -1;
    if (t <= 0) {
      bad(`instruction ${i} calls slot ${slot}, which starts no function of the program`);
      return undefined;
    }
    targetOf.set(i, t);
    const r = relocAt.get(i);
    const named = r && (r.kind === "call" || r.kind === "func") ? r.function : undefined;
    if (!starts.has(t)) starts.set(t, named ?? `${p.name}__sub${slot}`);
  }
  for (const r of p.relocations) {
    if (r.target.kind === "kfunc") {
      bad(`calls kernel function '${r.target.name}'; writing kfunc externs is not supported yet`);
      return undefined;
    }
    if ((r.target.kind === "call" || r.target.kind === "func") && !targetOf.has(r.insn)) {
      bad(
        `relocation '${r.target.kind}' on instruction ${r.insn}, which is no BPF-to-BPF call or function pointer`,
      );
      return undefined;
    }
  }
  const order = [...starts.keys()].sort((a, b) => a - b);
  const out: SplitFunction[] = [];
  for (let k = 0; k < order.length; k++) {
    const first = order[k]!;
    const end = order[k + 1] ?? insns.length;
    const calls = new Map<number, { name: string; kind: "call" | "func" }>();
    const relocations: SectionReloc[] = [];
    for (let i = first; i < end; i++) {
      const t = targetOf.get(i);
      if (t !== undefined) {
        calls.set(i - first, { name: starts.get(t)!, kind: isLocalCall(insns[i]!) ? "call" : "func" });
        continue;
      }
      const r = relocAt.get(i);
      if (r) relocations.push({ insn: i - first, target: r });
    }
    out.push({
      name: starts.get(first)!,
      ...(k === 0 ? { program: p } : {}),
      instructions: insns.slice(first, end),
      relocations,
      calls,
      lineInfo: (p.lineInfo ?? [])
        .filter((l) => l.insn >= first && l.insn < end)
        .map((l) => ({ ...l, insn: l.insn - first })),
    });
  }
  return out;
}

/** Bytes and references of a function with call immediates blanked, to tell copies apart. */
function fingerprint(f: SplitFunction): string {
  const blanked = f.instructions.map((insn, i) =>
    f.calls.has(i) ? { ...insn, imm: 0, meta: undefined } : insn,
  );
  const bytes = Buffer.from(encodeProgram(blanked)).toString("hex");
  return JSON.stringify([bytes, f.relocations, [...f.calls]]);
}

/**
 * Lays the programs out as object sections: `.text` (subprograms, only when there are any) first,
 * then each program section in the order programs name it; several programs may share a section.
 */
export function planCode(programs: readonly ProgramSpec[]): Result<CodeSectionPlan[]> {
  const diagnostics: Diagnostic[] = [];
  const subprograms = new Map<string, { fn: SplitFunction; print: string }>();
  const bySection = new Map<string, SplitFunction[]>();
  const names = new Set<string>(programs.map((p) => p.name));
  for (const p of programs) {
    if (p.section === "" || p.section === ".text") {
      diagnostics.push(
        error(EmitCode.BAD_PROGRAM, `program '${p.name}' needs a section name other than '${p.section}'`),
      );
      continue;
    }
    const split = splitProgram(p, diagnostics);
    if (!split) continue;
    const [entry, ...subs] = split;
    const list = bySection.get(p.section) ?? [];
    list.push(entry!);
    bySection.set(p.section, list);
    for (const s of subs) {
      if (names.has(s.name)) {
        diagnostics.push(
          error(EmitCode.BAD_PROGRAM, `subprogram '${s.name}' of '${p.name}' has the name of a program`),
        );
        continue;
      }
      const print = fingerprint(s);
      const seen = subprograms.get(s.name);
      if (seen && seen.print !== print) {
        diagnostics.push(
          error(EmitCode.BAD_PROGRAM, `two different subprograms are named '${s.name}' (one in '${p.name}')`),
        );
      } else if (!seen) subprograms.set(s.name, { fn: s, print });
    }
  }
  if (diagnostics.length) return fail(...diagnostics);

  const plans: CodeSectionPlan[] = [];
  const text = [...subprograms.values()].map((s) => s.fn);
  const place = (name: string, fns: SplitFunction[]): CodeSectionPlan => {
    const plan: CodeSectionPlan = { name, instructions: [], relocations: [], functions: [] };
    for (const f of fns) {
      const first = plan.instructions.length;
      plan.instructions.push(...f.instructions);
      for (const r of f.relocations) plan.relocations.push({ insn: first + r.insn, target: r.target });
      plan.functions.push({
        name: f.name,
        ...(f.program ? { program: f.program } : {}),
        first,
        end: plan.instructions.length,
        lineInfo: f.lineInfo.map((l) => ({ ...l, insn: l.insn + first })),
      });
    }
    return plan;
  };
  const textPlan = text.length ? place(".text", text) : undefined;
  if (textPlan) plans.push(textPlan);
  const sectionPlans = [...bySection].map(([name, fns]) => ({ plan: place(name, fns), fns }));
  plans.push(...sectionPlans.map((s) => s.plan));

  // Call targets: a subprogram's slot in .text. Inside .text the call is pc-relative with no
  // relocation; from a program section it is `call` against the .text section symbol with
  // imm = target slot − 1 (libbpf bpf_program__record_reloc: sym_off / 8 + imm + 1).
  const textSlots = textPlan ? slotIndex(textPlan.instructions) : [0];
  const textStart = new Map<string, number>(
    (textPlan?.functions ?? []).map((f) => [f.name, textSlots[f.first]!]),
  );
  const fix = (plan: CodeSectionPlan, fns: SplitFunction[]) => {
    const slots = slotIndex(plan.instructions);
    fns.forEach((f, k) => {
      const base = plan.functions[k]!.first;
      for (const [local, call] of f.calls) {
        const at = base + local;
        const target = textStart.get(call.name)!;
        const insn = plan.instructions[at]!;
        if (call.kind === "call") {
          const inText = plan === textPlan;
          plan.instructions[at] = { ...insn, imm: inText ? target - slots[at]! - 1 : target - 1 };
          if (!inText) plan.relocations.push({ insn: at, target: { kind: "call", function: call.name } });
        } else {
          // lddw of a callback: the function's byte offset in .text, relocated against .text.
          plan.instructions[at] = { ...insn, src: 0, imm: target * 8, immHi: 0 };
          plan.relocations.push({ insn: at, target: { kind: "func", function: call.name } });
        }
      }
    });
    plan.relocations.sort((a, b) => a.insn - b.insn);
  };
  if (textPlan) fix(textPlan, text);
  for (const s of sectionPlans) fix(s.plan, s.fns);
  return ok(plans);
}
