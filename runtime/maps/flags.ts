import type { MapFlagsArg } from "./types.js";

/** Flags with a bit above 31 set; every flag check in the maps treats them as unknown flags. */
export const HIGH_FLAGS = 2 ** 40;

/** A u64 flags argument as a non-negative number, or HIGH_FLAGS when it does not fit in 32 bits. */
export function smallFlags(f: MapFlagsArg | undefined): number {
  if (f === undefined) return 0;
  if (typeof f === "number") return Number.isInteger(f) && f >= 0 && f <= 0xffffffff ? f : HIGH_FLAGS;
  return f >= 0n && f <= 0xffffffffn ? Number(f) : HIGH_FLAGS;
}

/** `flags & ~mask` is non-zero: flags outside `mask` are set. */
export function hasFlagsOutside(flags: number, mask: number): boolean {
  return flags >= 2 ** 32 || (flags & ~mask) >>> 0 !== 0;
}
