import { GUARD_BASE } from "../address.js";
import { VmCode } from "../codes.js";
import { instantiateGenerated } from "../generated.js";
import type { LoadedProgram } from "../load.js";
import { MAX_FRAMES, STACK_BYTES, type Machine } from "../machine.js";
import { budgetFault, countBlock } from "./budget.js";
import { blocksOf, restOfBlocks } from "./cfg.js";
import { MAX_OPTIMIZABLE_SOURCE, type JsProgram } from "./program.js";
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
        `if(m.depth===m.baseDepth){L[0]=l0;H[0]=h0;m.insns=insns;m.pc=${pc};return 0;}` +
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
        `{${spill()}cur=${pc};m.pc=${pc};m.insns=insns;const st=${call};l0=L[0];h0=H[0];insns=m.insns;` +
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
  const blocks = blocksOf(p);
  const rest = restOfBlocks(p, blocks);
  const cases = blocks.map(
    (b) => `case ${b.start}:` + countBlock(b) + b.members.map((pc) => emit(p, pc)).join("\n"),
  );
  let decl = "let ";
  for (let r = 0; r <= 10; r++) decl += `${l(r)}=L[${r}],${h(r)}=H[${r}]${r < 10 ? "," : ";"}`;
  const source =
    "return function run(m){" +
    "const L=m.L,H=m.H,mem=m.mem,regions=mem.regions,budget=m.budget;" +
    decl +
    "let pc=m.pc,insns=m.insns,cur=0;" +
    "try{for(;;){switch(pc){\n" +
    cases.join("\n") +
    `\ndefault:cur=pc;m.raise("${VmCode.INTERNAL}","JS tier: no block at pc "+pc);}}}` +
    `catch(e){if(cur>=0){m.pc=cur;m.insns=insns-rest[cur];}${spill()}throw e;}}`;

  const run = instantiateGenerated<(m: Machine) => number>(source, {
    prog: p,
    helpers: p.helpers,
    rest,
    bf: budgetFault(p),
  });
  return { run, source, optimizable: source.length <= MAX_OPTIMIZABLE_SOURCE };
}
