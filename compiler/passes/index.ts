export { optimize, type OptimizeOptions } from "./pipeline.js";
export { simplifyCfg } from "./cfg.js";
export { deadCode } from "./dce.js";
export { propagate, foldUnary } from "./propagate.js";
export { foldAlu, foldCmp, foldExt, foldBswap } from "./fold.js";
export { peephole } from "./peephole.js";
