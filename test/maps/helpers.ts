import { unwrap } from "../../runtime/diag/diagnostic.js";
import { createMap, type BpfMap } from "../../runtime/maps/index.js";
import type { MapSpec } from "../../runtime/object/spec.js";

export const u32 = (n: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
export const u64 = (n: number | bigint): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
};
export const readU32 = (b: Uint8Array): number =>
  new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0, true);
export const readU64 = (b: Uint8Array): bigint =>
  new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(0, true);

export function make(
  type: number,
  keySize: number,
  valueSize: number,
  maxEntries: number,
  flags = 0,
  cpus = 1,
): BpfMap {
  const spec: MapSpec = { name: "t", type, keySize, valueSize, maxEntries, flags };
  return unwrap(createMap(spec, { cpus }));
}

/** Keys in the order getNextKey walks them, from the start. */
export function walk(map: BpfMap): number[] {
  const out: number[] = [];
  for (let k = map.getNextKey(); k !== undefined; k = map.getNextKey(k)) {
    out.push(readU32(k));
    if (out.length > 1e6) throw new Error("getNextKey does not end");
  }
  return out;
}
