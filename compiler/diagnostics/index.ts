export { Code, type CodeName } from "./codes.js";
export { Reporter, locationOf } from "./report.js";
