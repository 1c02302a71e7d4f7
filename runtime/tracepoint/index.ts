export * from "./format.js";
export * from "./record.js";
export * from "./catalog.js";
