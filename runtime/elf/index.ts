export * from "./codes.js";
export * from "./constants.js";
export * from "./types.js";
export * from "./read.js";
export * from "./query.js";
export { stringAt } from "./strings.js";
export { relocationWidth } from "./relocations.js";
