export * from "./fields.js";
export * from "./xdp.js";
export * from "./skb.js";
export * from "./tracepoint.js";
export * from "./pt-regs.js";
