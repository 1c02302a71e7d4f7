import { existsSync } from "node:fs";
import { Node, type Project, type SourceFile } from "ts-morph";
import { error, fail, type Diagnostic, type Result } from "../../runtime/diag/diagnostic.js";
import type { Layout } from "../../runtime/layout/index.js";
import type { HistScale } from "../../runtime/maps/index.js";
import type { CollectionSpec, ProgramSpec } from "../../runtime/object/spec.js";
import { Code } from "../diagnostics/codes.js";
import { Reporter } from "../diagnostics/report.js";
import { layoutOf, TypeResolver } from "../frontend/dsl-types.js";
import { ModuleCollector, type MapClass } from "../frontend/module.js";
import { absolute, createProject, localModules, sharedProject } from "../frontend/project.js";
import { checkSubset } from "../frontend/subset.js";
import { tsDiagnostics } from "../frontend/ts-diagnostics.js";
import type { IrFunction } from "../ir/ir.js";
import { lowerFunction, lowerProgram } from "../ir/lower/program.js";
import { printFunction } from "../ir/print.js";
import { optimize } from "../passes/pipeline.js";
import { emitFunction, type EmittedFunction } from "./emit.js";
import { Op, type Instruction } from "../../runtime/isa/index.js";
import type { FuncInfo, LineInfo, Relocation } from "../../runtime/object/spec.js";
import type { Target } from "../ir/target.js";
import { Subprograms } from "../ir/lower/subprograms.js";
import { allocate } from "./regalloc.js";

export interface CompileOptions {
  /** License string of the object (default "GPL": many tracing helpers are GPL-only). */
  readonly license?: string;
  /** 0 disables the IR optimisation passes (default 1). */
  readonly optimize?: 0 | 1;
  /**
   * Also compile these module-level functions as stand-alone programs whose parameters arrive
   * in r1–r5 (the BPF-to-BPF convention); used by unit tests to run expressions in the VM.
   */
  readonly functions?: readonly string[];
  /** Keep the optimised IR text of each program (and subprogram) in the output. */
  readonly keepIr?: boolean;
  /** Instruction set: "v3" (default, like clang -mcpu=v3) or "v4" (sign-extending moves, signed division). */
  readonly cpu?: "v3" | "v4";
  /**
   * Where tracepoint record layouts come from: "live" (default) reads the running kernel's
   * tracefs formats when mounted and falls back to the snapshot; "snapshot" always uses the
   * snapshot stdlib/tracepoints.ts was generated from (reproducible builds).
   */
  readonly tracepoints?: "live" | "snapshot";
}

export interface MapLayouts {
  readonly kind: MapClass;
  readonly key?: Layout;
  readonly value?: Layout;
  readonly histogram?: HistScale;
}

/** Where a module-level global lives and how its bytes read (`let` → .data/.bss, config → .rodata). */
export interface GlobalLayout {
  readonly section: ".bss" | ".data" | ".rodata";
  /** Byte offset inside the section (DataSectionSpec.bytes). */
  readonly offset: number;
  readonly layout: Layout;
  /** .rodata: set by userspace before load, read-only to the program. */
  readonly readOnly: boolean;
}

export interface CompileOutput {
  readonly spec: CollectionSpec;
  /**
   * Key/value (and ring-buffer record) layouts by map name, for typed access and BTF; the layout
   * and place of each global by its name, for typed reads and writes of .data/.bss/.rodata.
   */
  readonly layouts: {
    readonly maps: Readonly<Record<string, MapLayouts>>;
    readonly globals: Readonly<Record<string, GlobalLayout>>;
  };
  /** Optimised IR by program name, when `keepIr` was set. */
  readonly ir?: Readonly<Record<string, string>>;
}

/** Compiles a program file (and the local modules it imports) from disk. */
export function compile(entryFile: string, options: CompileOptions = {}): Result<CompileOutput> {
  const path = absolute(entryFile);
  if (!existsSync(path)) return fail(error(Code.FILE, `cannot read ${entryFile}: no such file`));
  const project = createProject();
  const sf = project.addSourceFileAtPath(path);
  project.resolveSourceFileDependencies();
  return compileIn(project, sf, options);
}

/** Compiles program text as if it were the file `fileName` (tests, editors). */
export function compileSource(
  text: string,
  fileName = "probe.ts",
  options: CompileOptions = {},
): Result<CompileOutput> {
  const project = sharedProject();
  const sf = project.createSourceFile(absolute(fileName), text, { overwrite: true });
  try {
    return compileIn(project, sf, options);
  } finally {
    project.removeSourceFile(sf);
  }
}

function compileIn(project: Project, entry: SourceFile, options: CompileOptions): Result<CompileOutput> {
  const reporter = new Reporter();
  try {
    return run(project, entry, options, reporter);
  } catch (e) {
    // a compiler bug: still a diagnostic, never a crash of the caller
    const message = e instanceof Error ? e.message : String(e);
    return fail(
      ...reporter.diagnostics,
      error(Code.INTERNAL, `internal compiler error: ${message}`, {
        hint: "please report this with the program that caused it",
      }),
    );
  }
}

function run(
  project: Project,
  entry: SourceFile,
  options: CompileOptions,
  reporter: Reporter,
): Result<CompileOutput> {
  const files = localModules(entry);
  const syntaxOk = tsDiagnostics(project, files, reporter);
  if (!syntaxOk) return fail(...reporter.diagnostics);
  checkSubset(files, reporter);
  const types = new TypeResolver(reporter);
  const mod = new ModuleCollector(reporter, types, options.tracepoints !== "snapshot").collect(files, entry);
  const target: Target = { cpu: options.cpu ?? "v3" };
  const subprograms = new Subprograms();
  const lowered: {
    spec: Omit<ProgramSpec, "instructions" | "relocations" | "lineInfo" | "funcInfo" | "license">;
    fn: IrFunction;
  }[] = [];
  for (const p of mod.programs) {
    const fn = lowerProgram(reporter, types, mod, p, target, subprograms);
    lowered.push({
      spec: {
        name: p.name,
        section: p.section,
        type: p.type,
        ...(p.attach !== undefined ? { attachTo: p.attach } : {}),
        ...(p.expectedAttachType !== undefined ? { expectedAttachType: p.expectedAttachType } : {}),
      },
      fn,
    });
  }
  for (const name of options.functions ?? []) {
    const decl = entry.getFunction(name);
    if (!decl) {
      reporter.error(Code.NO_PROGRAMS, undefined, `no function \`${name}\` in ${entry.getBaseName()}`);
      continue;
    }
    lowered.push({
      spec: { name, section: `.text.${name}`, type: "UNSPEC" },
      fn: lowerFunction(reporter, types, mod, decl, target, subprograms),
    });
  }
  if (lowered.length === 0 && !reporter.hasErrors)
    reporter.error(
      Code.NO_PROGRAMS,
      entry,
      "this module exports no programs",
      'export one, e.g. export const onOpen = tracepoint("syscalls/sys_enter_openat", (ctx) => { … return 0; });',
    );
  if (reporter.hasErrors) return fail(...reporter.diagnostics);
  // --license (the option) over the source's license("…") over the default
  const license = options.license ?? mod.license ?? "GPL";
  const programs: ProgramSpec[] = [];
  const ir: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const build = (fn: IrFunction): EmittedFunction => {
    optimize(fn, { level: options.optimize ?? 1 });
    if (options.keepIr) ir[fn.name] = printFunction(fn);
    return emitFunction(fn, allocate(fn), diagnostics, target);
  };
  const subs = new Map<string, EmittedFunction>();
  for (const s of subprograms.all) if (s.ir) subs.set(s.name, build(s.ir));
  for (const { spec, fn } of lowered) {
    const linked = link(build(fn), subs);
    programs.push({ ...spec, ...linked, license });
  }
  if (diagnostics.length) return fail(...diagnostics);
  const maps: Record<string, MapLayouts> = {};
  for (const m of mod.maps.values())
    maps[m.name] = {
      kind: m.cls,
      ...(m.key ? { key: m.key } : {}),
      ...(m.value ? { value: m.value } : {}),
      ...(m.histogram ? { histogram: m.histogram } : {}),
    };
  const globals: Record<string, GlobalLayout> = {};
  for (const g of mod.globals.values())
    globals[g.name] = {
      section: g.section,
      offset: g.offset,
      layout: layoutOf(g.type),
      readOnly: g.readOnly,
    };
  const spec: CollectionSpec = {
    programs,
    maps: [...mod.maps.values()].map((m) => m.spec),
    data: mod.data,
    license,
  };
  return { ok: true, value: { spec, layouts: { maps, globals }, ...(options.keepIr ? { ir } : {}) } };
}

/**
 * A program's code followed by every subprogram it reaches (each once), with `call local` and
 * `lddw FUNC` immediates set to the callee's slot relative to the next slot, as the kernel and
 * libbpf expect of a linked program (kernel: bpf_pseudo_call / bpf_pseudo_func).
 */
function link(
  main: EmittedFunction,
  subs: ReadonlyMap<string, EmittedFunction>,
): Pick<ProgramSpec, "instructions" | "relocations" | "lineInfo" | "funcInfo"> {
  const order: [string | undefined, EmittedFunction][] = [[undefined, main]];
  for (let k = 0; k < order.length; k++)
    for (const c of order[k]![1].calls)
      if (!order.some(([n]) => n === c.fn)) {
        const f = subs.get(c.fn);
        if (!f) throw new Error(`no subprogram ${c.fn}`);
        order.push([c.fn, f]);
      }
  const instructions: Instruction[] = [];
  const relocations: Relocation[] = [];
  const lineInfo: LineInfo[] = [];
  const funcInfo: FuncInfo[] = [];
  const start = new Map<string, number>();
  for (const [name, f] of order) {
    const base = instructions.length;
    if (name !== undefined) start.set(name, base);
    instructions.push(...f.instructions);
    relocations.push(...f.relocations.map((r) => ({ ...r, insn: r.insn + base })));
    lineInfo.push(...f.lineInfo.map((l) => ({ ...l, insn: l.insn + base })));
    funcInfo.push(...f.funcInfo.map((x) => ({ ...x, insn: x.insn + base })));
  }
  const slotOf: number[] = [];
  let slot = 0;
  for (const i of instructions) {
    slotOf.push(slot);
    slot += i.opcode === Op.LDDW ? 2 : 1;
  }
  let base = 0;
  for (const [, f] of order) {
    for (const c of f.calls) {
      const at = base + c.insn;
      instructions[at] = { ...instructions[at]!, imm: slotOf[start.get(c.fn)!]! - (slotOf[at]! + 1) };
    }
    base += f.instructions.length;
  }
  return { instructions, relocations, lineInfo, funcInfo };
}

export { Node };
