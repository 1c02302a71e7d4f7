export * from "./codes.js";
export * from "./kinds.js";
export * from "./types.js";
export * from "./strings.js";
export * from "./read.js";
export * from "./ext.js";
export * from "./resolve.js";
