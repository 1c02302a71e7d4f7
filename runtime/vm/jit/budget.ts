import { VmCode } from "../codes.js";
import { VmFaultSignal } from "../fault.js";
import type { LoadedProgram } from "../load.js";
import type { Machine } from "../machine.js";
import type { Block } from "./cfg.js";
import { F_OP, STRIDE } from "../predecode.js";

/**
 * The JS tier counts instructions once per block; when a block would exceed the budget, this
 * finds the instruction that exceeds it (walking the block's straight-line slots from `start`,
 * `done` instructions counted before it) and raises the fault there, as the interpreter would.
 */
export function budgetFault(p: LoadedProgram): (m: Machine, start: number, done: number) => never {
  return (m, start, done) => {
    let at = start;
    for (let k = 0; k < m.budget - done; k++) at += p.code[at * STRIDE + F_OP] === 0x18 ? 2 : 1;
    m.pc = at;
    m.insns = m.budget;
    throw new VmFaultSignal({
      code: VmCode.BUDGET_EXCEEDED,
      message: `instruction budget of ${m.budget} exhausted`,
    });
  };
}

/**
 * Code at a block's entry: counts its instructions, or calls the `bf` of budgetFault when that
 * would exceed the budget (nothing of the block has run then).
 */
export function countBlock(b: Block): string {
  const len = b.members.length;
  return `if((insns+=${len})>budget){insns-=${len};cur=-1;bf(m,${b.start},insns);}\n`;
}
