import type { BpfMap } from "../maps/types.js";
import type { Memory } from "../vm/memory.js";
import type { KernelState } from "./kernel.js";
import { mapAt } from "./handles.js";
import { badArgument } from "./define.js";

/**
 * One Uint8Array per map value position: maps return a fresh subarray on every lookup, and the
 * VM gives the same Uint8Array the same region, so caching views by (buffer, offset) makes two
 * lookups of one element yield equal pointers, as in the kernel.
 */
const views = new WeakMap<ArrayBufferLike, Map<number, Uint8Array>>();

function canonical(view: Uint8Array): Uint8Array {
  let byOffset = views.get(view.buffer);
  if (!byOffset) views.set(view.buffer, (byOffset = new Map()));
  const known = byOffset.get(view.byteOffset);
  if (known && known.length === view.length) return known;
  byOffset.set(view.byteOffset, view);
  return view;
}

/** The program-visible address of a live map value (a `map_value` region over the view). */
export function mapValuePointer(mem: Memory, map: BpfMap, view: Uint8Array): bigint {
  const bytes = canonical(view);
  return mem.regionFor(bytes, { kind: "map_value", name: `${map.name} value` }).address(0);
}

/** The map behind helper argument `arg` (r1 of the map helpers), or a fault naming the helper's argument. */
export function mapArg(kernel: KernelState, mem: Memory, addr: bigint, what = "r1"): BpfMap {
  const map = mapAt(kernel, mem, addr);
  if (!map) badArgument(`${what} (${mem.describe(addr)}) is not a map pointer`);
  return map;
}
