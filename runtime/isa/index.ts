export * from "./opcodes.js";
export * from "./instruction.js";
export * from "./table.js";
export * from "./encode.js";
export * from "./decode.js";
