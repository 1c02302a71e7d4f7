export * from "./address.js";
export * from "./checksum.js";
export * from "./layers.js";
export * from "./builder.js";
export * from "./parse.js";
export { tcpFlagsByte } from "./encode.js";
