export * from "./spec.js";
export * from "./codes.js";
export * from "./load.js";
export { programKindOf, type SectionProgramKind } from "./section-types.js";
export { isDataSection } from "./data-sections.js";
export { sizePerfArrays } from "./perf-arrays.js";
