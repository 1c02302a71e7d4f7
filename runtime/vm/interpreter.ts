import { GUARD_BASE } from "./address.js";
import { VmCode } from "./codes.js";
import { instantiateGenerated } from "./generated.js";
import { Status, STACK_BYTES, MAX_FRAMES, setCallbackInterpreter, type Machine } from "./machine.js";
import {
  DISPATCH_MASK,
  FUSABLE,
  FUSED_ADD_JMP,
  FUSED_MOV,
  FUSED_MOV_JMP,
  FUSED_ACC_LOOP,
  FUSED_LOAD_PAIR,
  FUSED_SHL_OR,
  F_DISPATCH,
  IMM_NONNEG_ALU64,
  IMM_NONNEG_JMP,
  STRIDE,
  XOp,
  dispatchOf,
  movJumpFusable,
} from "./predecode.js";
import {
  ALU_TEMPLATES,
  JUMP_TEMPLATES,
  LOADS,
  STORES,
  instantiate,
  loadTemplate,
  storeTemplate,
} from "./semantics.js";

/**
 * Tier 1: a `switch` interpreter over the predecoded slots. Its source is generated once from the
 * shared templates (semantics.ts) so that it and the JS tier implement one definition; every
 * case label is a literal so V8 builds a jump table. Registers are the machine's L/H arrays.
 *
 * Returns Status.EXIT with r0 in L[0]/H[0], or throws a VmFaultSignal after writing pc and
 * instruction count to the machine (the driver turns it into a VmFault).
 */
export type Interpreter = (m: Machine) => number;

/** The ALU op a fused case runs after its move (predecode.ts FUSED_MOV). */
function fusedOp(xop: number): number | undefined {
  const k = xop - FUSED_MOV;
  if (k < 0 || k >= 64) return undefined;
  const is32 = k >= 32;
  for (const [op, index] of FUSABLE) if (index === k % 32 && ((op & 7) === 0x04) === is32) return op;
  return undefined;
}

/** Statements that stop at the second instruction of a fused pair when the budget ends between. */
const SECOND_BUDGET = `if(++insns>budget){insns--;pc++;m.raise("${VmCode.BUDGET_EXCEEDED}","instruction budget of "+budget+" exhausted");}`;

/** A fused move and conditional jump (predecode.ts FUSED_MOV_JMP). */
function movJumpBody(xop: number, tracing: boolean): string | undefined {
  const k = xop - FUSED_MOV_JMP;
  const is32 = (k & 16) !== 0;
  const imm = (k & 32) !== 0;
  const op = ((k & 15) << 4) | (is32 ? 0x06 : 0x05) | (imm ? 0 : 0x08);
  const jump = JUMP_TEMPLATES.get(op);
  if (!jump || !movJumpFusable(is32 ? 0xbc : 0xbf, op)) return undefined;
  const move = ALU_TEMPLATES.get(is32 ? 0xbc : 0xbf)!;
  const first = `{const d=(w>>>9)&15,s=(w>>>13)&15;${instantiate(move.code, "L[d]", "H[d]", "L[s]", "H[s]")}}`;
  if (tracing) return `${first}pc++;continue;`;
  const cond = imm
    ? instantiate(jump.code, "L[d]", "H[d]", `code[ib+${STRIDE + 4}]`, `code[ib+${STRIDE + 5}]`)
    : instantiate(jump.code, "L[d]", "H[d]", "L[s]", "H[s]");
  return (
    first +
    SECOND_BUDGET +
    `{const w2=code[ib+${STRIDE + F_DISPATCH}],d=(w2>>>9)&15${imm ? "" : ",s=(w2>>>13)&15"};` +
    `if${cond}pc=code[ib+${STRIDE + 6}];else pc+=2;continue;}`
  );
}

/** Triples and pairs without a move (predecode.ts FUSED_ACC_LOOP, FUSED_LOAD_PAIR, FUSED_SHL_OR). */
function otherFusedBody(xop: number, tracing: boolean): string | undefined {
  // registers of the second and third instruction, from their own dispatch words
  const regsOf = (k: number) =>
    `const w${k}=code[ib+${(k - 1) * STRIDE + F_DISPATCH}],d=(w${k}>>>9)&15,s=(w${k}>>>13)&15;`;
  if (xop >= FUSED_ACC_LOOP && xop < FUSED_ACC_LOOP + 16) {
    const jump = JUMP_TEMPLATES.get(((xop - FUSED_ACC_LOOP) << 4) | 0x0d);
    if (!jump || !movJumpFusable(0xbf, ((xop - FUSED_ACC_LOOP) << 4) | 0x0d)) return undefined;
    const first = `{${instantiate(ALU_TEMPLATES.get(0x0f)!.code, "L[d]", "H[d]", "L[s]", "H[s]")}}`;
    if (tracing) return `${first}pc++;continue;`;
    return (
      first +
      SECOND_BUDGET +
      `{${regsOf(2)}const a=L[d],r=(a+code[ib+${STRIDE + 4}])|0;L[d]=r;if((r>>>0)<(a>>>0))H[d]=(H[d]+1)|0;}` +
      `if(++insns>budget){insns--;pc+=2;m.raise("${VmCode.BUDGET_EXCEEDED}","instruction budget of "+budget+" exhausted");}` +
      `{${regsOf(3)}if${instantiate(jump.code, "L[d]", "H[d]", "L[s]", "H[s]")}pc=code[ib+${2 * STRIDE + 6}];else pc+=3;continue;}`
    );
  }
  if (xop >= FUSED_LOAD_PAIR && xop < FUSED_LOAD_PAIR + 4) {
    const op = [0x71, 0x69, 0x61, 0x79][xop - FUSED_LOAD_PAIR]!;
    const [size, signed] = LOADS.get(op)!;
    const first = `{${instantiate(loadTemplate(size, signed, "code[ib+3]"), "L[d]", "H[d]", "L[s]", "H[s]")}}`;
    if (tracing) return `${first}pc++;continue;`;
    // pc moves on before the second load, so that its fault names it
    return (
      first +
      SECOND_BUDGET +
      `pc++;{${regsOf(2)}${instantiate(loadTemplate(size, signed, `code[ib+${STRIDE + 3}]`), "L[d]", "H[d]", "L[s]", "H[s]")}}pc++;continue;`
    );
  }
  if (xop === FUSED_SHL_OR || xop === FUSED_SHL_OR + 1) {
    const is32 = xop !== FUSED_SHL_OR;
    const shl = ALU_TEMPLATES.get(is32 ? 0x64 : 0x67)!;
    const or = ALU_TEMPLATES.get(is32 ? 0x4c : 0x4f)!;
    const first = `{${instantiate(shl.code, "L[d]", "H[d]", "code[ib+4]", "code[ib+5]")}}`;
    if (tracing) return `${first}pc++;continue;`;
    return (
      first +
      SECOND_BUDGET +
      `{${regsOf(2)}${instantiate(or.code, "L[d]", "H[d]", "L[s]", "H[s]")}}pc+=2;continue;`
    );
  }
  return undefined;
}

function caseBody(xop: number, tracing: boolean): string | undefined {
  if (xop >= FUSED_MOV_JMP && xop < FUSED_MOV_JMP + 64) return movJumpBody(xop, tracing);
  if (xop >= FUSED_ACC_LOOP) return otherFusedBody(xop, tracing);
  if (xop >= FUSED_ADD_JMP && xop < FUSED_ADD_JMP + 32) {
    const is32 = xop - FUSED_ADD_JMP >= 16;
    const jop = ((xop - FUSED_ADD_JMP) % 16) << 4;
    const jump = JUMP_TEMPLATES.get(jop | (is32 ? 0x0e : 0x0d));
    if (!jump || jop === 0x00 || jop === 0x80 || jop === 0x90) return undefined;
    const first = is32
      ? "{const d=(w>>>9)&15;L[d]=(L[d]+code[ib+4])|0;H[d]=0;}"
      : "{const d=(w>>>9)&15,a=L[d],r=(a+code[ib+4])|0;L[d]=r;if((r>>>0)<(a>>>0))H[d]=(H[d]+1)|0;}";
    if (tracing) return `${first}pc++;continue;`;
    const cond = instantiate(jump.code, "L[d]", "H[d]", "L[s]", "H[s]");
    return (
      first +
      SECOND_BUDGET +
      `{const w2=code[ib+${STRIDE + F_DISPATCH}],d=(w2>>>9)&15,s=(w2>>>13)&15;` +
      `if${cond}pc=code[ib+${STRIDE + 6}];else pc+=2;continue;}`
    );
  }
  const fused = fusedOp(xop);
  if (fused !== undefined) {
    const move = ALU_TEMPLATES.get(xop - FUSED_MOV >= 32 ? 0xbc : 0xbf)!;
    const first = `{const d=(w>>>9)&15,s=(w>>>13)&15;${instantiate(move.code, "L[d]", "H[d]", "L[s]", "H[s]")}}`;
    // traced: the move alone, so that the operation after it is traced on its own
    if (tracing) return `${first}pc++;continue;`;
    const alu = ALU_TEMPLATES.get(fused)!;
    const second = alu.srcReg
      ? instantiate(alu.code, "L[d]", "H[d]", "L[s]", "H[s]")
      : instantiate(alu.code, "L[d]", "H[d]", `code[ib+${STRIDE + 4}]`, `code[ib+${STRIDE + 5}]`);
    return (
      first +
      // the budget may run out between the two: the fault is the second one's
      SECOND_BUDGET +
      `{const w2=code[ib+${STRIDE + F_DISPATCH}],d=(w2>>>9)&15,s=(w2>>>13)&15;${second}}pc+=2;continue;`
    );
  }
  if (xop >= IMM_NONNEG_ALU64 && xop < IMM_NONNEG_ALU64 + 16) {
    // ALU64 with an immediate of 0 or more: its high half is the literal 0
    const op = ((xop - IMM_NONNEG_ALU64) << 4) | 0x07;
    const alu = ALU_TEMPLATES.get(op);
    if (!alu || xop !== dispatchOf(op, 0)) return undefined;
    const body =
      op === 0x07
        ? "{const a=L[d],r=(a+code[ib+4])|0;L[d]=r;if((r>>>0)<(a>>>0))H[d]=(H[d]+1)|0;}"
        : op === 0x17
          ? "{const a=L[d],b=code[ib+4];L[d]=(a-b)|0;if((a>>>0)<(b>>>0))H[d]=(H[d]-1)|0;}"
          : instantiate(alu.code, "L[d]", "H[d]", "code[ib+4]", "0");
    return `{const d=code[ib+1];${body}pc++;continue;}`;
  }
  if (xop >= IMM_NONNEG_JMP && xop < IMM_NONNEG_JMP + 16) {
    const op = ((xop - IMM_NONNEG_JMP) << 4) | 0x05;
    const jump = JUMP_TEMPLATES.get(op);
    if (!jump || xop !== dispatchOf(op, 0)) return undefined;
    const cond = instantiate(jump.code, "L[d]", "H[d]", "code[ib+4]", "0");
    return `{const d=code[ib+1];if${cond}pc=code[ib+6];else pc++;continue;}`;
  }
  const alu = ALU_TEMPLATES.get(xop);
  if (alu) {
    const body = alu.srcReg
      ? instantiate(alu.code, "L[d]", "H[d]", "L[s]", "H[s]")
      : instantiate(alu.code, "L[d]", "H[d]", "code[ib+4]", "code[ib+5]");
    return `{const d=code[ib+1]${alu.srcReg ? ",s=code[ib+2]" : ""};${body}pc++;continue;}`;
  }
  const jump = JUMP_TEMPLATES.get(xop);
  if (jump) {
    const cond = jump.srcReg
      ? instantiate(jump.code, "L[d]", "H[d]", "L[s]", "H[s]")
      : instantiate(jump.code, "L[d]", "H[d]", "code[ib+4]", "code[ib+5]");
    return `{const d=code[ib+1]${jump.srcReg ? ",s=code[ib+2]" : ""};if${cond}pc=code[ib+6];else pc++;continue;}`;
  }
  const load = LOADS.get(xop);
  if (load) {
    const body = instantiate(loadTemplate(load[0], load[1], "code[ib+3]"), "L[d]", "H[d]", "L[s]", "H[s]");
    return `{const d=code[ib+1],s=code[ib+2];${body}pc++;continue;}`;
  }
  const store = STORES.get(xop);
  if (store) {
    const [size, fromReg] = store;
    const body = fromReg
      ? instantiate(storeTemplate(size, "code[ib+3]"), "L[d]", "H[d]", "L[s]", "H[s]")
      : instantiate(storeTemplate(size, "code[ib+3]"), "L[d]", "H[d]", "code[ib+4]", "code[ib+5]");
    return `{const d=code[ib+1]${fromReg ? ",s=code[ib+2]" : ""};${body}pc++;continue;}`;
  }
  void tracing;
  switch (xop) {
    case 0x05: // ja
    case 0x06: // ja32 (target from imm, precomputed)
      return "pc=code[ib+6];continue;";
    case 0x18: // lddw
      return "{const d=code[ib+1];L[d]=code[ib+4];H[d]=code[ib+5];pc+=2;continue;}";
    case 0x95: // exit
      return (
        "{if(m.depth===m.baseDepth){m.pc=pc;m.insns=insns;m.program=prog;return 0;}" +
        "const f=--m.depth;pc=m.frameRet[f];const S=m.frameSave,k=f*8;" +
        "L[6]=S[k];H[6]=S[k+1];L[7]=S[k+2];H[7]=S[k+3];L[8]=S[k+4];H[8]=S[k+5];L[9]=S[k+6];H[9]=S[k+7];" +
        `L[10]=${GUARD_BASE + STACK_BYTES};H[10]=m.stacks[f].tag;` +
        "prog=m.framePrograms[f];m.program=prog;code=prog.code;helpers=prog.helpers;continue;}"
      );
    case XOp.CALL_LOCAL:
      return (
        "{const f=m.depth;" +
        `if(f+1>=${MAX_FRAMES}){m.raise("${VmCode.STACK_OVERFLOW}","call nesting exceeds ${MAX_FRAMES} frames");}` +
        "m.frameRet[f]=pc+1;m.framePrograms[f]=prog;const S=m.frameSave,k=f*8;" +
        "S[k]=L[6];S[k+1]=H[6];S[k+2]=L[7];S[k+3]=H[7];S[k+4]=L[8];S[k+5]=H[8];S[k+6]=L[9];S[k+7]=H[9];" +
        `m.depth=f+1;L[10]=${GUARD_BASE + STACK_BYTES};H[10]=m.stacks[f+1].tag;pc=code[ib+6];continue;}`
      );
    case 0x85: // helper call
    case 0x8d: {
      const call =
        xop === 0x85 ? "m.callHelper(code[ib+4],helpers)" : "m.callx(L[code[ib+1]],H[code[ib+1]],helpers)";
      return (
        `{m.pc=pc;m.insns=insns;const st=${call};` +
        // a callback the helper ran (HelperContext.callFunction) counted its instructions in m.insns
        "insns=m.insns;" +
        "if(st!==0){if(st===1){m.program=prog;return 0;}prog=m.takeTailCall();code=prog.code;helpers=prog.helpers;pc=0;continue;}" +
        "pc++;continue;}"
      );
    }
    case 0x20:
    case 0x28:
    case 0x30:
    case 0x40:
    case 0x48:
    case 0x50: {
      const size = (xop & 0x18) === 0x00 ? 4 : (xop & 0x18) === 0x08 ? 2 : 1;
      const off = xop & 0x40 ? "(L[code[ib+2]]+code[ib+4])|0" : "code[ib+4]";
      return (
        `{m.pc=pc;const v=m.ldAbs(${off},${size});` +
        "if(v<0){L[0]=0;H[0]=0;m.depth=0;m.insns=insns;m.program=prog;return 0;}" +
        "L[0]=v|0;H[0]=0;pc++;continue;}"
      );
    }
    case 0xc3:
    case 0xdb: {
      const size = xop === 0xc3 ? 4 : 8;
      return (
        "{const d=code[ib+1],s=code[ib+2],op=code[ib+4];" +
        `atomicRmw(mem,H[d],L[d],code[ib+3],${size},op,L[s],H[s],L[0],H[0],OUT);` +
        "if(op===0xf1){L[0]=OUT[0];H[0]=OUT[1];}else if((op&1)!==0){L[s]=OUT[0];H[s]=OUT[1];}pc++;continue;}"
      );
    }
    default:
      return undefined;
  }
}

function generate(tracing: boolean): string {
  const cases: string[] = [];
  for (let xop = 0; xop <= DISPATCH_MASK; xop++) {
    // register numbers come from the dispatch word (predecode.ts F_DISPATCH), decoded once before
    // the switch: per case, the decoding cost V8 bytecode that counts toward its size limit
    const body = caseBody(xop, tracing)
      ?.replace(/const d=code\[ib\+1\]/g, "const d=(w>>>9)&15")
      .replace(/,s=code\[ib\+2\]/g, ",s=(w>>>13)&15")
      .replace(/\{const d=\(w>>>9\)&15(?:,s=\(w>>>13\)&15)?([,;])/g, (_, sep: string) =>
        sep === "," ? "{const " : "{",
      );
    if (body !== undefined) cases.push(`case ${xop}:${body}`);
  }
  return (
    "return function interpret(m){" +
    "const L=m.L,H=m.H,mem=m.mem,regions=mem.regions,budget=m.budget;" +
    "let prog=m.program,code=prog.code,helpers=prog.helpers,pc=m.pc,insns=m.insns;" +
    "try{for(;;){const ib=pc<<3;" +
    `if(++insns>budget){insns--;m.raise("${VmCode.BUDGET_EXCEEDED}","instruction budget of "+budget+" exhausted");}` +
    (tracing ? "m.insns=insns;m.pc=pc;m.program=prog;trace(m,pc);" : "") +
    `const w=code[ib+${F_DISPATCH}],d=(w>>>9)&15,s=(w>>>13)&15;switch(w&${DISPATCH_MASK}){` +
    cases.join("\n") +
    `\ndefault:m.raise("${VmCode.INTERNAL}","no interpreter case for internal op "+code[ib]);}}}` +
    "catch(e){m.pc=pc;m.insns=insns;m.program=prog;throw e;}}"
  );
}

/**
 * Rewrites register accesses `L[x]`/`H[x]` to the machine's one array R (`R[x]`, `R[11+x]`):
 * one base and one bounds check instead of two is worth 7–10% per instruction.
 */
function oneArray(source: string): string {
  return (
    source
      .replace("const L=m.L,H=m.H,", "const R=m.R,")
      .replace(/\bL\[/g, "R[")
      // the high halves of dst and src are at indices computed once, with their numbers: fewer
      // bytecodes per case keep the function under V8's optimization size limit (see generate)
      .replace(/\bH\[([ds])\]/g, "R[$1h]")
      .replace(/\bH\[([^\]]+)\]/g, "R[11+$1]")
      .replace(/\bd=\((w\d?)>>>9\)&15/g, "d=($1>>>9)&15,dh=d+11")
      .replace(/\bs=\((w\d?)>>>13\)&15/g, "s=($1>>>13)&15,sh=s+11")
  );
}

function build(tracing: boolean): Interpreter {
  return instantiateGenerated<Interpreter>(oneArray(generate(tracing)), {
    trace: (m: Machine, pc: number) => m.traceHook?.(m, pc),
  });
}

/*
 * Both interpreters are generated on first use, not at import: generating one takes ~14 ms, and
 * most importers (`tsbpf run` on the kernel, probes the JS tier runs whole) never call it. The
 * exports are live bindings that the first call replaces with the generated function, so later
 * calls (vm.ts, the helper callbacks) go to it directly.
 */

function generatedPlain(): Interpreter {
  const f = build(false);
  interpret = f;
  setCallbackInterpreter(f);
  return f;
}

/** The interpreter. */
export let interpret: Interpreter = (m) => generatedPlain()(m);
setCallbackInterpreter(interpret);
/** The interpreter calling `machine.traceHook` before every instruction. */
export let interpretTraced: Interpreter = (m) => (interpretTraced = build(true))(m);

/** Source of the generated interpreter, for inspection and tests. */
export function interpreterSource(tracing = false): string {
  return oneArray(generate(tracing));
}
export { Status };
