export { formatInstruction, slotPrefix } from "./format.js";
export { disassemble } from "./listing.js";
export { BPF_RELOCATION_NAMES, formatRelocation, type RelocationLine } from "./relocation.js";
export type { FormatOptions, ListingOptions } from "./options.js";
export { disassembleObject, type ObjectListingOptions } from "./object-listing.js";
