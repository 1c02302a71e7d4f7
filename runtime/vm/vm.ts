import { error, fail, ok, type Result, type SourceLocation } from "../diag/diagnostic.js";
import type { Instruction } from "../isa/instruction.js";
import type { DataSectionSpec, ProgramSpec, Relocation } from "../object/spec.js";
import { VmCode } from "./codes.js";
import { VmFaultSignal, type VmFault } from "./fault.js";
import {
  TAIL_CALL_HELPER_ID,
  helperTable,
  type HelperContext,
  type HelperDef,
  type HelperSet,
  type TailCallTarget,
} from "./helper.js";
import { interpret, interpretTraced } from "./interpreter.js";
import { OUT, splitResult, toU64 } from "./int64.js";
import { compileJs, canCompileJs, JsStatus, type JsProgram } from "./jit/compile.js";
import { loadProgram, type LoadedProgram } from "./load.js";
import { MAX_FRAMES, STACK_BYTES, Machine, type CallxHook, type TailCallHook } from "./machine.js";
import { Memory, type Region, type RegionKind } from "./memory.js";
import { Errno } from "../uapi/bpf.js";

export type Tier = "interpreter" | "js";

export interface VmOptions {
  /** Program name for messages (default: the spec's name or "prog"). */
  readonly name?: string;
  /** Helpers by id. Unknown ids in the program are load errors. */
  readonly helpers?: HelperSet;
  /** Serves helper 12 (bpf_tail_call) unless `helpers` has its own id 12. */
  readonly tailCall?: TailCallHook;
  /** Decides what a `callx` calls (default: the register is a helper id). */
  readonly callx?: CallxHook;
  /** Instruction budget per run (default 16,777,216). */
  readonly budget?: number;
  /** Registers set at entry, for the uninitialised-register check (default r1, r10). */
  readonly initialized?: readonly number[];
  /** Renders an instruction for fault messages (e.g. the disassembler). */
  readonly format?: (insn: Instruction) => string;
  /** Default tier: "auto" uses the JS tier when the program qualifies. */
  readonly tier?: Tier | "auto";
  /** Global data sections (.rodata read-only, .data, .bss); kept across runs. */
  readonly globals?: readonly DataSectionSpec[];
  /** Resolves relocations that globals do not cover (maps: the maps implementation). */
  readonly resolveRelocation?: (
    rel: Relocation,
    insn: Instruction,
    memory: Memory,
    globals: ReadonlyMap<string, Region>,
  ) => bigint | undefined;
}

export interface TraceEvent {
  readonly pc: number;
  readonly program: string;
  readonly insns: number;
  /** r0–r10 before the instruction runs. */
  readonly regs: readonly bigint[];
}

export interface RunOptions {
  /** r1–r5 at entry (bigints are taken mod 2^64; numbers may be negative). */
  readonly args?: ReadonlyArray<bigint | number>;
  /**
   * Adds per-run regions (context, packet, buffers) and returns r1–r5; runs after `args` are
   * applied, so it may return only some.
   */
  readonly setup?: (mem: Memory) => ReadonlyArray<bigint | number> | void;
  /** Packet for legacy LD_ABS/LD_IND loads (also registered as a "packet" region). */
  readonly packet?: Uint8Array;
  readonly budget?: number;
  readonly tier?: Tier | "auto";
  /** Called before each instruction (forces the interpreter). */
  readonly trace?: (event: TraceEvent) => void;
}

export interface RunExit {
  readonly kind: "exit";
  readonly r0: bigint;
  /** Instructions executed (a lddw counts once). */
  readonly insns: number;
  readonly tier: Tier;
  readonly tailCalls: number;
}

export type RunResult = RunExit | VmFault;

const DEFAULT_BUDGET = 1 << 24;

function regionKindOf(name: string, readOnly: boolean): RegionKind {
  if (readOnly || name.startsWith(".rodata")) return "rodata";
  if (name.startsWith(".bss")) return "bss";
  return "data";
}

/** A loaded program with its memory, ready to run any number of times. */
export class Vm {
  readonly program: LoadedProgram;
  readonly memory: Memory;
  /** Global data regions by section name. */
  readonly globals: ReadonlyMap<string, Region>;
  private readonly stacks: Region[];
  private readonly fixedRegions: number;
  private readonly options: VmOptions;
  private js: JsProgram | undefined | null = undefined;
  private machine: Machine | undefined = undefined;
  private running = false;
  private stackDirty = true;
  private writesSeen = -1;
  private readonly mayWrite: boolean;

  /** @internal use createVm */
  constructor(
    program: LoadedProgram,
    memory: Memory,
    stacks: Region[],
    globals: Map<string, Region>,
    options: VmOptions,
  ) {
    this.program = program;
    this.memory = memory;
    this.stacks = stacks;
    this.globals = globals;
    this.fixedRegions = memory.regions.length;
    this.options = options;
    // classes ST, STX (stores and atomics) and JMP's call/callx can write memory
    this.mayWrite = program.instructions.some(
      (i) => (i.opcode & 7) === 0x02 || (i.opcode & 7) === 0x03 || i.opcode === 0x85 || i.opcode === 0x8d,
    );
  }

  /** The handle a tail-call hook returns to jump into this program. */
  get tailCallTarget(): TailCallTarget {
    return { program: this.program };
  }

  /** Whether the JS tier can run this program. */
  get jsTierAvailable(): boolean {
    return canCompileJs(this.program);
  }

  private jsProgram(p: LoadedProgram): JsProgram | undefined {
    if (p === this.program) {
      if (this.js === undefined) this.js = canCompileJs(p) ? compileJs(p) : null;
      return this.js ?? undefined;
    }
    return canCompileJs(p) ? compileJs(p) : undefined;
  }

  /** Runs the program once. Never throws: a fault is a returned value. */
  run(options: RunOptions = {}): RunResult {
    if (this.running) {
      return {
        kind: "fault",
        code: VmCode.BAD_OPTION,
        message: `${this.program.name} is already running (a helper may not re-enter the same VM)`,
        pc: 0,
        program: this.program.name,
        insns: 0,
      };
    }
    this.running = true;
    try {
      return this.runOnce(options);
    } finally {
      this.running = false;
    }
  }

  private runOnce(options: RunOptions): RunResult {
    const mem = this.memory;
    mem.truncate(this.fixedRegions);
    // only frames a run can reach need clearing between runs
    const p = this.program;
    if (p.uses.localCalls || p.uses.tailCalls) for (const s of this.stacks) s.bytes.fill(0);
    else if (this.stackDirty || mem.writes !== this.writesSeen) this.stacks[0]!.bytes.fill(0);
    // A program without stores, atomics or calls cannot change its stack, so it stays zero for
    // the next run unless something wrote through the Memory object (run setup, say), which
    // Memory.writes counts.
    this.stackDirty = this.mayWrite;
    this.writesSeen = mem.writes;
    const requested = options.trace ? "interpreter" : (options.tier ?? this.options.tier ?? "auto");
    const budget = options.budget ?? this.options.budget ?? DEFAULT_BUDGET;
    const m = (this.machine ??= new Machine({
      mem,
      stacks: this.stacks,
      program: p,
      budget,
      ...(this.options.callx ? { callx: this.options.callx } : {}),
      ...(this.options.format ? { format: this.options.format } : {}),
    }));
    m.reset(p, budget);
    try {
      if (options.packet) {
        m.legacyPacket = mem.add(options.packet, { kind: "packet" });
      }
      if (options.args) setArgs(m, options.args);
      const fromSetup = options.setup?.(mem);
      if (fromSetup) setArgs(m, fromSetup);
    } catch (e) {
      return {
        kind: "fault",
        code: VmCode.BAD_OPTION,
        message: `run setup failed: ${e instanceof Error ? e.message : String(e)}`,
        pc: 0,
        program: this.program.name,
        insns: 0,
      };
    }
    if (options.trace) {
      const trace = options.trace;
      m.traceHook = (mm, pc) =>
        trace({
          pc,
          program: mm.program.name,
          insns: mm.insns,
          regs: Array.from({ length: 11 }, (_, i) => mm.reg(i)),
        });
    }
    let tier: Tier = "interpreter";
    try {
      for (;;) {
        let js = requested === "interpreter" ? undefined : this.jsProgram(m.program);
        // under "auto", a translation too large for V8 to optimize would be slower than the interpreter
        if (requested === "auto" && js && !js.optimizable) js = undefined;
        if (requested === "js" && !js) {
          return m.makeFault(
            {
              code: VmCode.BAD_OPTION,
              message: `the JS tier cannot run ${m.program.name} (${jsRefusal(m.program)})`,
            },
            0,
          );
        }
        if (js) {
          tier = "js";
          let st = js.run(m);
          // a speculation failed: the interpreter goes on from where the translation stopped
          if (st === JsStatus.RESUME) st = interpret(m);
          if (st === JsStatus.TAIL_CALL) {
            m.takeTailCall();
            m.pc = 0;
            continue;
          }
        } else {
          options.trace ? interpretTraced(m) : interpret(m);
        }
        break;
      }
    } catch (e) {
      if (e instanceof VmFaultSignal) return m.makeFault(e.info, m.pc);
      return m.makeFault(
        {
          code: VmCode.INTERNAL,
          message: `internal VM error: ${e instanceof Error ? e.message : String(e)}`,
        },
        m.pc,
      );
    }
    return { kind: "exit", r0: toU64(m.L[0]!, m.H[0]!), insns: m.insns, tier, tailCalls: m.tailCalls };
  }
}

function setArgs(m: Machine, args: ReadonlyArray<bigint | number>): void {
  const n = Math.min(args.length, 5);
  for (let i = 0; i < n; i++) {
    splitResult(args[i]!);
    m.L[i + 1] = OUT[0]!;
    m.H[i + 1] = OUT[1]!;
  }
}

function jsRefusal(p: LoadedProgram): string {
  return p.uses.tailCalls && p.uses.localCalls
    ? "tail calls from a program with BPF-to-BPF calls"
    : "unsupported";
}

function isSpec(p: readonly Instruction[] | ProgramSpec): p is ProgramSpec {
  return !Array.isArray(p);
}

/**
 * Loads a program (instructions, or a ProgramSpec from the compiler or the ELF reader) into a VM.
 * Load-time problems are diagnostics (TSB05xx); nothing here throws for bad input.
 */
export function createVm(program: readonly Instruction[] | ProgramSpec, options: VmOptions = {}): Result<Vm> {
  const spec = isSpec(program) ? program : undefined;
  const instructions = spec ? spec.instructions : (program as readonly Instruction[]);
  const name = options.name ?? spec?.name ?? "prog";
  const memory = new Memory();
  const stacks: Region[] = [];
  for (let i = 0; i < MAX_FRAMES; i++) {
    stacks.push(memory.add(new Uint8Array(STACK_BYTES), { kind: "stack", name: `stack[${i}]` }));
  }
  const globals = new Map<string, Region>();
  for (const g of options.globals ?? []) {
    globals.set(
      g.name,
      memory.add(g.bytes.slice(), {
        kind: regionKindOf(g.name, g.readOnly),
        name: g.name,
        writable: !g.readOnly,
      }),
    );
  }
  let helpers: (HelperDef | undefined)[];
  try {
    helpers = helperTable(options.helpers);
  } catch (e) {
    return fail(
      error(VmCode.BAD_OPTION, `bad helpers option: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  const tailCallHook = options.tailCall;
  if (tailCallHook && !helpers[TAIL_CALL_HELPER_ID]) {
    helpers[TAIL_CALL_HELPER_ID] = {
      name: "tail_call",
      // kernel bpf_tail_call: on success it does not return; on failure the program goes on
      fn: (ctx: HelperContext, _ctx: bigint, map: bigint, index: bigint) => {
        const target = tailCallHook(ctx, map, index);
        if (!target) return -Errno.ENOENT;
        return ctx.tailCall(target) ? 0 : -Errno.E2BIG;
      },
    };
  }

  // Pseudo lddw: global data by relocation, everything else through the caller's resolver.
  const lddwValues = new Map<number, bigint>();
  const pending: Relocation[] = [];
  for (const rel of spec?.relocations ?? []) {
    const insn = instructions[rel.insn];
    if (!insn || insn.opcode !== 0x18) continue;
    if (rel.target.kind === "mapValue" && globals.has(rel.target.map)) {
      lddwValues.set(rel.insn, globals.get(rel.target.map)!.address(rel.target.offset));
    } else pending.push(rel);
  }
  const lineInfo = new Map<number, { location: SourceLocation; text?: string }>();
  for (const li of spec?.lineInfo ?? []) {
    lineInfo.set(li.insn, { location: { file: li.file, line: li.line, column: li.column }, text: li.text });
  }

  for (const rel of pending) {
    const v = options.resolveRelocation?.(rel, instructions[rel.insn]!, memory, globals);
    if (v !== undefined) lddwValues.set(rel.insn, BigInt.asUintN(64, v));
  }
  const loaded = loadProgram(instructions, {
    name,
    helpers,
    tailCallHook: tailCallHook !== undefined,
    lddwValues,
    lineInfo,
    ...(options.initialized ? { initialized: options.initialized } : {}),
  });
  if (!loaded.ok) return fail(...loaded.diagnostics);
  return ok(new Vm(loaded.value, memory, stacks, globals, options));
}
