export * from "./address.js";
export { inetAddr } from "./inet-addr.js";
export * from "./checksum.js";
export * from "./layers.js";
export * from "./builder.js";
export * from "./parse.js";
export { tcpFlagsByte } from "./encode.js";
