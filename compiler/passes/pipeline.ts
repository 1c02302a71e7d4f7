import type { IrFunction } from "../ir/ir.js";
import { simplifyCfg } from "./cfg.js";
import { widenClamps } from "./clamp.js";
import { shareKeySlots } from "./key-slots.js";
import { cse } from "./cse.js";
import { deadCode } from "./dce.js";
import { peephole } from "./peephole.js";
import { rematerialize } from "./remat.js";
import { duplicateBranches } from "./rotate.js";
import { splitWebs } from "./webs.js";
import { shareReturns } from "./returns.js";
import { threadJumps } from "./thread.js";
import { foldUnary, propagate } from "./propagate.js";

export interface OptimizeOptions {
  /** 0 turns every pass off (for tests of the lowering alone). */
  readonly level?: 0 | 1;
}

/** Runs the passes to a fixed point (bounded, so a pass bug cannot hang the compiler). */
export function optimize(fn: IrFunction, options: OptimizeOptions = {}): IrFunction {
  simplifyCfg(fn);
  if (options.level === 0) return fn;
  shareKeySlots(fn);
  splitWebs(fn);
  for (let round = 0; round < 20; round++) {
    let changed = propagate(fn);
    changed = foldUnary(fn) || changed;
    changed = peephole(fn) || changed;
    changed = cse(fn) || changed;
    changed = threadJumps(fn) || changed;
    changed = widenClamps(fn) || changed;
    changed = duplicateBranches(fn) || changed;
    changed = simplifyCfg(fn) || changed;
    changed = deadCode(fn) || changed;
    if (!changed) break;
  }
  // last, so common-subexpression elimination does not merge the copies again
  if (rematerialize(fn)) deadCode(fn);
  splitWebs(fn);
  shareReturns(fn);
  return fn;
}
