export { assemble, type AsmDialect, type AssembleOptions } from "./assemble.js";
export { AsmCode } from "./codes.js";
export {
  LLVM_ALU_OPS,
  LLVM_ATOMIC_OPS,
  LLVM_JMP_OPS,
  LLVM_SIGNED_SIZE_TYPES,
  LLVM_SIZE_TYPES,
} from "./llvm-operators.js";
