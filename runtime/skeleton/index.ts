export {
  openSkeleton,
  SkeletonCode,
  type OpenedSkeleton,
  type SkeletonEvents,
  type SkeletonLayouts,
} from "./open.js";
export { unwrap, DiagnosticError } from "../diag/diagnostic.js";
export type { KernelProgram } from "../kernel/kernel-program.js";
export type { TypedMap } from "../maps/typed-map.js";
