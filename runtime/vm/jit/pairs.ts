import { GUARD_BASE } from "../address.js";
import { VmCode } from "../codes.js";
import { VmFaultSignal } from "../fault.js";
import * as int64 from "../int64.js";
import type { LoadedProgram } from "../load.js";
import { MAX_FRAMES, STACK_BYTES, type Machine } from "../machine.js";
import { LD_ABS_IND } from "./cfg.js";
import { MAX_OPTIMIZABLE_SOURCE, type JsProgram } from "./program.js";
import { atomicRmw } from "../memory.js";
import { F_DST, F_IMM, F_IMMHI, F_OFF, F_OP, F_SRC, F_TARGET, STRIDE, XOp } from "../predecode.js";
import {
  ALU_TEMPLATES,
  JUMP_TEMPLATES,
  LOADS,
  STORES,
  instantiate,
  loadTemplate,
  storeTemplate,
} from "../semantics.js";

/**
 * The JS tier's translation for programs with BPF-to-BPF calls (compile.ts handles the rest with
 * typed registers): registers are local variables, two int32 halves each, every basic block is a
 * `case` of a dispatch `switch (pc)` with straight-line code inside, immediates become literals,
 * and the instruction budget is counted once per block. Arithmetic comes from the same templates
 * as the interpreter. Calls save and restore r6–r9 as halves in the machine's frame array.
 *
 * Results are identical to the interpreter's (tested), except that after a budget fault the
 * memory writes of the block that hit the limit are not done (the run is a fault either way).
 */

const l = (r: number) => `l${r}`;
const h = (r: number) => `h${r}`;
const lit = (v: number) => (v < 0 ? `(${v})` : `${v}`);

function leaders(p: LoadedProgram): boolean[] {
  const lead = new Array<boolean>(p.slots).fill(false);
  lead[0] = true;
  for (const f of p.functionStarts) lead[f] = true;
  const c = p.code;
  for (let pc = 0; pc < p.slots; pc++) {
    if (p.insnAtSlot[pc] === -1) continue;
    const b = pc * STRIDE;
    const op = c[b + F_OP]!;
    const next = pc + (op === 0x18 ? 2 : 1);
    const isJump = op === 0x05 || op === 0x06 || JUMP_TEMPLATES.has(op);
    if (isJump) lead[c[b + F_TARGET]!] = true;
    if (isJump || op === 0x95 || op === 0x85 || op === 0x8d || op === XOp.CALL_LOCAL || LD_ABS_IND.has(op)) {
      if (next < p.slots) lead[next] = true;
    }
  }
  return lead;
}

function spill(): string {
  let s = "";
  for (let r = 0; r <= 10; r++) s += `L[${r}]=${l(r)};H[${r}]=${h(r)};`;
  return s;
}

function reload(): string {
  let s = "";
  for (let r = 0; r <= 10; r++) s += `${l(r)}=L[${r}];${h(r)}=H[${r}];`;
  return s;
}

/** JavaScript for the instruction at `pc`. */
function emit(p: LoadedProgram, pc: number): string {
  const c = p.code;
  const b = pc * STRIDE;
  const op = c[b + F_OP]!;
  const d = c[b + F_DST]!;
  const s = c[b + F_SRC]!;
  const off = c[b + F_OFF]!;
  const imm = c[b + F_IMM]!;
  const immHi = c[b + F_IMMHI]!;
  const target = c[b + F_TARGET]!;
  const alu = ALU_TEMPLATES.get(op);
  if (alu) {
    return alu.srcReg
      ? instantiate(alu.code, l(d), h(d), l(s), h(s))
      : instantiate(alu.code, l(d), h(d), lit(imm), lit(immHi));
  }
  const jump = JUMP_TEMPLATES.get(op);
  if (jump) {
    const cond = jump.srcReg
      ? instantiate(jump.code, l(d), h(d), l(s), h(s))
      : instantiate(jump.code, l(d), h(d), lit(imm), lit(immHi));
    return `if${cond}{pc=${target};continue;}`;
  }
  const load = LOADS.get(op);
  if (load) {
    return instantiate(loadTemplate(load[0], load[1], lit(off), `cur=${pc};`), l(d), h(d), l(s), h(s));
  }
  const store = STORES.get(op);
  if (store) {
    const fixed = storeTemplate(store[0], lit(off), `cur=${pc};`);
    return store[1]
      ? instantiate(fixed, l(d), h(d), l(s), h(s))
      : instantiate(fixed, l(d), h(d), lit(imm), lit(immHi));
  }
  switch (op) {
    case 0x05:
    case 0x06:
      return `pc=${target};continue;`;
    case 0x18:
      return `${l(d)}=${lit(imm)};${h(d)}=${lit(immHi)};`;
    case 0x95:
      return (
        `if(m.depth===0){L[0]=l0;H[0]=h0;m.insns=insns;m.pc=${pc};return 0;}` +
        "{const f=--m.depth;pc=m.frameRet[f];const S=m.frameSave,k=f*8;" +
        "l6=S[k];h6=S[k+1];l7=S[k+2];h7=S[k+3];l8=S[k+4];h8=S[k+5];l9=S[k+6];h9=S[k+7];" +
        `l10=${GUARD_BASE + STACK_BYTES};h10=m.stacks[f].tag;continue;}`
      );
    case XOp.CALL_LOCAL:
      return (
        "{const f=m.depth;" +
        `if(f+1>=${MAX_FRAMES}){cur=${pc};m.raise("${VmCode.STACK_OVERFLOW}","call nesting exceeds ${MAX_FRAMES} frames");}` +
        `m.frameRet[f]=${pc + 1};m.framePrograms[f]=prog;const S=m.frameSave,k=f*8;` +
        "S[k]=l6;S[k+1]=h6;S[k+2]=l7;S[k+3]=h7;S[k+4]=l8;S[k+5]=h8;S[k+6]=l9;S[k+7]=h9;" +
        `m.depth=f+1;l10=${GUARD_BASE + STACK_BYTES};h10=m.stacks[f+1].tag;pc=${target};continue;}`
      );
    case 0x85:
    case 0x8d: {
      const call = op === 0x85 ? `m.callHelper(${imm},helpers)` : `m.callx(${l(d)},${h(d)},helpers)`;
      return (
        `{${spill()}cur=${pc};m.pc=${pc};m.insns=insns;const st=${call};l0=L[0];h0=H[0];` +
        "if(st!==0)return st===1?0:2;}"
      );
    }
    case 0x20:
    case 0x28:
    case 0x30:
    case 0x40:
    case 0x48:
    case 0x50: {
      const size = (op & 0x18) === 0x00 ? 4 : (op & 0x18) === 0x08 ? 2 : 1;
      const o = op & 0x40 ? `(${l(s)}+${lit(imm)})|0` : lit(imm);
      return (
        `{cur=${pc};const v=m.ldAbs(${o},${size});` +
        "if(v<0){L[0]=0;H[0]=0;m.depth=0;m.insns=insns;return 0;}" +
        "l0=v|0;h0=0;}"
      );
    }
    case 0xc3:
    case 0xdb: {
      const size = op === 0xc3 ? 4 : 8;
      let s2 = `{cur=${pc};atomicRmw(mem,${h(d)},${l(d)},${lit(off)},${size},${imm},${l(s)},${h(s)},l0,h0,OUT);`;
      if (imm === 0xf1) s2 += "l0=OUT[0];h0=OUT[1];";
      else if (imm & 1) s2 += `${l(s)}=OUT[0];${h(s)}=OUT[1];`;
      return s2 + "}";
    }
    default:
      return `m.raise("${VmCode.INTERNAL}","JS tier: no translation for internal op ${op}");`;
  }
}

/** Translates a program with every register as two int32 halves. */
export function compilePairs(p: LoadedProgram): JsProgram {
  const lead = leaders(p);
  // rest[pc]: instructions after pc in its block (to correct the per-block count at a fault)
  const rest = new Int32Array(p.slots);
  const blocks: string[] = [];
  let pc = 0;
  while (pc < p.slots) {
    const start = pc;
    const body: string[] = [];
    const members: number[] = [];
    do {
      members.push(pc);
      body.push(emit(p, pc));
      pc += p.code[pc * STRIDE + F_OP] === 0x18 ? 2 : 1;
    } while (pc < p.slots && !lead[pc]);
    members.forEach((m, i) => (rest[m] = members.length - 1 - i));
    const len = members.length;
    blocks.push(
      `case ${start}:if((insns+=${len})>budget){insns-=${len};cur=-1;bf(m,${start},insns);}\n` +
        body.join("\n"),
    );
  }
  let decl = "let ";
  for (let r = 0; r <= 10; r++) decl += `${l(r)}=L[${r}],${h(r)}=H[${r}]${r < 10 ? "," : ";"}`;
  const source =
    "return function run(m){" +
    "const L=m.L,H=m.H,mem=m.mem,regions=mem.regions,budget=m.budget;" +
    decl +
    "let pc=m.pc,insns=m.insns,cur=0;" +
    "try{for(;;){switch(pc){\n" +
    blocks.join("\n") +
    `\ndefault:cur=pc;m.raise("${VmCode.INTERNAL}","JS tier: no block at pc "+pc);}}}` +
    `catch(e){if(cur>=0){m.pc=cur;m.insns=insns-rest[cur];}${spill()}throw e;}}`;

  const budgetFault = (m: Machine, start: number, done: number) => {
    // the instruction that would exceed the budget: walk the block's straight-line slots
    let at = start;
    for (let k = 0; k < m.budget - done; k++) at += p.code[at * STRIDE + F_OP] === 0x18 ? 2 : 1;
    m.pc = at;
    m.insns = m.budget;
    throw new VmFaultSignal({
      code: VmCode.BUDGET_EXCEEDED,
      message: `instruction budget of ${m.budget} exhausted`,
    });
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function(
    "prog",
    "helpers",
    "rest",
    "bf",
    "OUT",
    "mul64Hi",
    "div64",
    "mod64",
    "sdiv64",
    "smod64",
    "div32",
    "mod32",
    "sdiv32",
    "smod32",
    "bswap32",
    "atomicRmw",
    source,
  ) as (...deps: unknown[]) => (m: Machine) => number;
  const run = factory(
    p,
    p.helpers,
    rest,
    budgetFault,
    int64.OUT,
    int64.mul64Hi,
    int64.div64,
    int64.mod64,
    int64.sdiv64,
    int64.smod64,
    int64.div32,
    int64.mod32,
    int64.sdiv32,
    int64.smod32,
    int64.bswap32,
    atomicRmw,
  );
  return { run, source, optimizable: source.length <= MAX_OPTIMIZABLE_SOURCE };
}
