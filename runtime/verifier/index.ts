export { verify, COMPLEXITY_LIMIT_INSNS, type VerifyOptions, type VerifyResult } from "./verify.js";
export { VerifierCode, type Failure } from "./codes.js";
export * from "./helpers.js";
export { ctxAccess, type CtxQuery, type CtxVerdict } from "./context.js";
export * from "./tnum.js";
export { insnText } from "./insn-text.js";
