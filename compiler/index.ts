export {
  compile,
  compileSource,
  type CompileOptions,
  type CompileOutput,
  type GlobalLayout,
  type MapLayouts,
} from "./codegen/compile.js";
export { Code as DiagnosticCode } from "./diagnostics/codes.js";
export { printFunction } from "./ir/print.js";
