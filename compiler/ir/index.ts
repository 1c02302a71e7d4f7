export * from "./ir.js";
export * from "./uses.js";
export { IrBuilder } from "./builder.js";
export { printFunction, printInst } from "./print.js";
