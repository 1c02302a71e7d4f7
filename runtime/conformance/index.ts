export type { ConformanceCase } from "./case.js";
export { ConformanceCode } from "./codes.js";
export { parseConformanceFile } from "./parse.js";
export { conformanceProgram } from "./program.js";
