export * from "./codes.js";
export * from "./input.js";
export * from "./context.js";
export * from "./sandbox.js";
