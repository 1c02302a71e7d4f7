export { allocate, type Allocation } from "./regalloc.js";
export { emitFunction, type EmittedFunction } from "./emit.js";
export { liveness, type Liveness } from "../ir/liveness.js";
export { sequentialize } from "./moves.js";
