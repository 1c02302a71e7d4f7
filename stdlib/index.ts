/**
 * "tsbpf": what eBPF programs written in TypeScript import. Plain `tsc` type-checks a program
 * against these declarations; the tsbpf compiler recognises each one by its declaration here
 * (compiler/frontend/intrinsics.ts), never by the name a program imports it under.
 */
export * from "./types.js";
export * from "./maps.js";
export * from "./helpers.js";
export * from "./net.js";
export * from "./contexts.js";
export * from "./programs.js";
export * from "./license.js";
export type { TracepointArgs } from "./tracepoints.js";
export { NotCompiledError } from "./inert.js";
