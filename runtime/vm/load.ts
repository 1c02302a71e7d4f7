import { error, fail, ok, type Diagnostic, type Result, type SourceLocation } from "../diag/diagnostic.js";
import type { Instruction } from "../isa/instruction.js";
import { Atomic, CallSrc, FRAME_POINTER, LdImm64Src, Op, REG_COUNT, opSource } from "../isa/opcodes.js";
import { formOf, type FieldRule, type OpForm } from "../isa/table.js";
import { VmCode } from "./codes.js";
import { funcPointer } from "./func-pointer.js";
import { TAIL_CALL_HELPER_ID, type HelperDef } from "./helper.js";
import { predecode } from "./predecode.js";

/** A program checked and laid out for both tiers. Immutable; shared by every run. */
export interface LoadedProgram {
  readonly name: string;
  readonly instructions: readonly Instruction[];
  /** Predecoded slots (see predecode.ts). */
  readonly code: Int32Array;
  readonly slots: number;
  /** Instruction index of each slot (-1 for the second slot of a lddw). */
  readonly insnAtSlot: Int32Array;
  readonly helpers: readonly (HelperDef | undefined)[];
  /** Source position of each slot's instruction, when known. */
  readonly locations: readonly (SourceLocation | undefined)[];
  readonly sourceLines: readonly (string | undefined)[];
  /** Slots where functions start (0 and every `call local` target). */
  readonly functionStarts: readonly number[];
  readonly uses: {
    readonly localCalls: boolean;
    readonly tailCalls: boolean;
    readonly callx: boolean;
    readonly legacyPacket: boolean;
  };
}

export interface LoadOptions {
  readonly name: string;
  readonly helpers: readonly (HelperDef | undefined)[];
  /** Helper 12 is served by the VM's tail-call hook. */
  readonly tailCallHook: boolean;
  /** Registers holding a value when the program starts (default r1 and r10). */
  readonly initialized?: readonly number[];
  /** Values of pseudo `lddw` (maps, globals) by instruction index, resolved by the caller. */
  readonly lddwValues?: ReadonlyMap<number, bigint>;
  /** Source positions by instruction index (from a ProgramSpec's line info). */
  readonly lineInfo?: ReadonlyMap<number, { location: SourceLocation; text?: string }>;
}

const bit = (r: number) => 1 << r;
const ARGS = 0b111110; // r1–r5
const ALL = (1 << REG_COUNT) - 1;

/** Registers an instruction reads and writes (kernel: check_reg_arg / mark_reg_not_init). */
export function registerEffects(
  i: Instruction,
  form: OpForm,
): { reads: number; writes: number; clobbers: number } {
  const x = opSource(i.opcode) !== 0;
  switch (form.kind) {
    case "alu":
      return { reads: bit(i.dst) | (x ? bit(i.src) : 0), writes: bit(i.dst), clobbers: 0 };
    case "mov":
    case "movsx":
      return { reads: x ? bit(i.src) : 0, writes: bit(i.dst), clobbers: 0 };
    case "neg":
    case "end":
    case "bswap":
      return { reads: bit(i.dst), writes: bit(i.dst), clobbers: 0 };
    case "ja":
      return { reads: 0, writes: 0, clobbers: 0 };
    case "jcond":
      return { reads: bit(i.dst) | (x ? bit(i.src) : 0), writes: 0, clobbers: 0 };
    case "call":
      return { reads: 0, writes: bit(0), clobbers: ARGS };
    case "callx":
      return { reads: bit(i.dst), writes: bit(0), clobbers: ARGS };
    case "exit":
      return { reads: bit(0), writes: 0, clobbers: 0 };
    case "lddw":
      return { reads: 0, writes: bit(i.dst), clobbers: 0 };
    case "ldabs":
      return { reads: bit(6), writes: bit(0), clobbers: ARGS };
    case "ldind":
      return { reads: bit(6) | bit(i.src), writes: bit(0), clobbers: ARGS };
    case "ldx":
    case "ldxsx":
      return { reads: bit(i.src), writes: bit(i.dst), clobbers: 0 };
    case "st":
      return { reads: bit(i.dst), writes: 0, clobbers: 0 };
    case "stx":
      return { reads: bit(i.dst) | bit(i.src), writes: 0, clobbers: 0 };
    case "atomic": {
      const cmpxchg = i.imm === Atomic.CMPXCHG;
      const fetch = (i.imm & Atomic.FETCH) !== 0 && !cmpxchg;
      return {
        reads: bit(i.dst) | bit(i.src) | (cmpxchg ? bit(0) : 0),
        writes: (fetch ? bit(i.src) : 0) | (cmpxchg ? bit(0) : 0),
        clobbers: 0,
      };
    }
  }
}

function fieldOk(value: number, rule: FieldRule): boolean {
  switch (rule.kind) {
    case "any":
      return true;
    case "zero":
      return value === 0;
    case "reg":
      return value >= 0 && value < REG_COUNT;
    case "oneOf":
      return rule.values.includes(value);
  }
}

/**
 * Checks a program before it runs and lays it out. Refusals are diagnostics: invalid
 * instructions, jumps outside the program or into the middle of a lddw, code that can fall off
 * the end, unknown helpers, unresolved pseudo lddw, writes to r10 and reads of registers that no
 * path has written (a structural check in the spirit of the kernel's check_reg_arg; shift counts
 * and division by zero are not refused: RFC 9669 defines them).
 */
export function loadProgram(program: readonly Instruction[], options: LoadOptions): Result<LoadedProgram> {
  const diags: Diagnostic[] = [];
  const name = options.name;
  if (program.length === 0) return fail(error(VmCode.EMPTY, `program ${name} has no instructions`));

  const slotOf: number[] = [];
  let slots = 0;
  for (const i of program) {
    slotOf.push(slots);
    slots += i.opcode === Op.LDDW ? 2 : 1;
  }
  const insnAtSlot = new Int32Array(slots).fill(-1);
  program.forEach((_, n) => (insnAtSlot[slotOf[n]!] = n));

  const locations: (SourceLocation | undefined)[] = new Array(slots).fill(undefined);
  const sourceLines: (string | undefined)[] = new Array(slots).fill(undefined);
  program.forEach((i, n) => {
    const li = options.lineInfo?.get(n);
    locations[slotOf[n]!] = li?.location ?? i.meta?.source;
    sourceLines[slotOf[n]!] = li?.text ?? i.meta?.sourceLine;
  });
  const where = (n: number) => {
    const loc = locations[slotOf[n]!];
    return loc ? { location: loc } : { byteOffset: slotOf[n]! * 8 };
  };
  const at = (n: number) => `pc ${slotOf[n]}`;

  const forms: OpForm[] = [];
  const functionStarts = new Set<number>([0]);
  const uses = { localCalls: false, tailCalls: false, callx: false, legacyPacket: false };
  const lddwValues = new Map<number, bigint>(options.lddwValues ?? []);

  program.forEach((i, n) => {
    const form = formOf(i);
    if (!form) {
      diags.push(
        error(
          VmCode.BAD_INSTRUCTION,
          `${at(n)}: invalid instruction (opcode 0x${i.opcode.toString(16)})`,
          where(n),
        ),
      );
      return;
    }
    forms[n] = form;
    for (const f of ["dst", "src", "off", "imm"] as const) {
      if (!fieldOk(i[f], form[f])) {
        diags.push(
          error(
            VmCode.BAD_INSTRUCTION,
            `${at(n)}: ${form.mnemonic}: field ${f} may not be ${i[f]}`,
            where(n),
          ),
        );
      }
    }
    const pc = slotOf[n]!;
    const target = (t: number, what: string) => {
      if (t < 0 || t >= slots) {
        diags.push(
          error(
            VmCode.JUMP_OUT_OF_RANGE,
            `${at(n)}: ${what} target ${t} is outside the program (0..${slots - 1})`,
            where(n),
          ),
        );
      } else if (insnAtSlot[t] === -1) {
        diags.push(
          error(
            VmCode.JUMP_INTO_LDDW,
            `${at(n)}: ${what} target ${t} is the second half of a lddw`,
            where(n),
          ),
        );
      }
    };
    switch (form.kind) {
      case "ja":
        target(pc + 1 + (i.opcode === Op.JA32 ? i.imm : i.off), "jump");
        break;
      case "jcond":
        target(pc + 1 + i.off, "jump");
        break;
      case "call":
        if (i.src === CallSrc.LOCAL) {
          uses.localCalls = true;
          target(pc + 1 + i.imm, "call");
          functionStarts.add(pc + 1 + i.imm);
        } else if (i.src === CallSrc.KFUNC) {
          diags.push(
            error(VmCode.UNKNOWN_HELPER, `${at(n)}: kfunc calls are not supported by the VM`, where(n)),
          );
        } else if (i.imm === TAIL_CALL_HELPER_ID && options.tailCallHook && !options.helpers[i.imm]) {
          uses.tailCalls = true;
        } else if (!options.helpers[i.imm]) {
          diags.push(
            error(
              VmCode.UNKNOWN_HELPER,
              `${at(n)}: call to helper ${i.imm}, which this VM does not provide`,
              {
                ...where(n),
                hint: "pass it in the `helpers` option (any JavaScript function can stand in for a helper)",
              },
            ),
          );
        }
        break;
      case "callx":
        uses.callx = true;
        break;
      case "ldabs":
      case "ldind":
        uses.legacyPacket = true;
        break;
      case "lddw":
        if (i.src === LdImm64Src.FUNC && !lddwValues.has(n)) {
          // kernel BPF_PSEUDO_FUNC: imm is the callback's start relative to the next slot; the
          // value is a function pointer that HelperContext.callFunction accepts
          const t = pc + 1 + i.imm;
          target(t, "function pointer");
          functionStarts.add(t);
          lddwValues.set(n, funcPointer(t));
        } else if (i.src !== 0 && !lddwValues.has(n)) {
          diags.push(
            error(
              VmCode.UNRESOLVED_LDDW,
              `${at(n)}: lddw with pseudo source ${i.src} (map or global) was not resolved`,
              where(n),
            ),
          );
        }
        break;
      default:
        break;
    }
    if (form.kind !== "jcond" && form.kind !== "st" && form.kind !== "stx") {
      const { writes } = registerEffects(i, form);
      if (writes & bit(FRAME_POINTER)) {
        diags.push(
          error(
            VmCode.WRITE_TO_R10,
            `${at(n)}: ${form.mnemonic} writes r10, the read-only frame pointer`,
            where(n),
          ),
        );
      }
    }
  });
  // Falling off the end: the last instruction must not continue to pc+1 (kernel: "jump out of range").
  const last = program.length - 1;
  const lastForm = forms[last];
  if (lastForm && lastForm.kind !== "exit" && lastForm.kind !== "ja") {
    diags.push(
      error(
        VmCode.FALLS_OFF_END,
        `${at(last)}: the last instruction is not exit or ja, so execution can fall off the end`,
        where(last),
      ),
    );
  }
  if (diags.length) return fail(...diags);

  const uninit = checkInitialised(
    program,
    forms,
    slotOf,
    insnAtSlot,
    functionStarts,
    options.initialized ?? [1, 10],
  );
  for (const [n, r] of uninit) {
    diags.push(
      error(
        VmCode.UNINITIALISED_REGISTER,
        `${at(n)}: ${forms[n]!.mnemonic} reads r${r}, which is not written on every path to it`,
        where(n),
      ),
    );
  }
  if (diags.length) return fail(...diags);

  return ok({
    name,
    instructions: program,
    code: predecode(program, lddwValues),
    slots,
    insnAtSlot,
    helpers: options.helpers,
    locations,
    sourceLines,
    functionStarts: [...functionStarts].sort((a, b) => a - b),
    uses,
  });
}

/**
 * Forward must-analysis of written registers over the control-flow graph, one entry per function
 * (main: `initialized`; a `call local` target: r1–r5 and r10). After a call r0 is set and r1–r5
 * are clobbered, as the kernel marks them. Returns the first uninitialised read per instruction.
 */
function checkInitialised(
  program: readonly Instruction[],
  forms: readonly OpForm[],
  slotOf: readonly number[],
  insnAtSlot: Int32Array,
  functionStarts: ReadonlySet<number>,
  initialized: readonly number[],
): Map<number, number> {
  const state = new Int32Array(insnAtSlot.length).fill(-1); // -1 = not reached yet
  const work: number[] = [];
  const reach = (slot: number, mask: number) => {
    const old = state[slot]!;
    const merged = old === -1 ? mask : old & mask;
    if (merged !== old) {
      state[slot] = merged;
      work.push(slot);
    }
  };
  let entry = bit(FRAME_POINTER);
  for (const r of initialized) entry |= bit(r);
  reach(0, entry & ALL);
  for (const f of functionStarts) if (f !== 0) reach(f, ARGS | bit(FRAME_POINTER));

  const bad = new Map<number, number>();
  while (work.length) {
    const slot = work.pop()!;
    const n = insnAtSlot[slot]!;
    const i = program[n]!;
    const form = forms[n]!;
    const mask = state[slot]!;
    const e = registerEffects(i, form);
    const missing = e.reads & ~mask;
    if (missing && !bad.has(n)) bad.set(n, 31 - Math.clz32(missing & -missing));
    const out = ((mask | e.reads) & ~e.clobbers) | e.writes; // report once, then assume written
    const next = slotOf[n]! + (i.opcode === Op.LDDW ? 2 : 1);
    switch (form.kind) {
      case "exit":
        break;
      case "ja":
        reach(next + (i.opcode === Op.JA32 ? i.imm : i.off), out);
        break;
      case "jcond":
        reach(next + i.off, out);
        reach(next, out);
        break;
      default:
        if (next < insnAtSlot.length) reach(next, out);
    }
  }
  return bad;
}
