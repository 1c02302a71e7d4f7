import type { BpfMap } from "../../runtime/maps/types.js";
import { MapType } from "../../runtime/uapi/bpf.js";
import { Rng } from "./gen/random.js";

/**
 * Initial contents and snapshots of maps, through the BpfMap interface that both the VM's maps
 * and the kernel's (runtime/kernel KernelMapView) implement, so the two sides get the same bytes
 * and are read back the same way.
 */

const ARRAYS: ReadonlySet<number> = new Set([MapType.ARRAY, MapType.PERCPU_ARRAY]);
const HASHES: ReadonlySet<number> = new Set([
  MapType.HASH,
  MapType.PERCPU_HASH,
  MapType.LRU_HASH,
  MapType.LRU_PERCPU_HASH,
]);

/** Map types whose elements are plain bytes both sides can list and compare. */
export function comparable(map: BpfMap): boolean {
  return ARRAYS.has(map.type) || HASHES.has(map.type);
}

function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function bytes(rng: Rng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => rng.below(256));
}

function le(value: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let v = BigInt(value >>> 0);
  for (let i = 0; i < size && i < 8; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * The same deterministic elements for a map on either side: the first 64 slots of an array; for
 * a hash, small integers and the `interesting` u32 keys (addresses in the test frames), so that
 * programs find some of what they look up. Values are pseudo-random bytes per (map, key).
 */
export function fill(map: BpfMap, interesting: readonly number[]): void {
  if (!comparable(map)) return;
  const rng = new Rng(hashSeed(map.name));
  const cpus = map.perCpu ? map.cpus : 1;
  const value = () => Array.from({ length: cpus }, () => bytes(rng, map.valueSize));
  const keys: Uint8Array[] = [];
  if (ARRAYS.has(map.type)) {
    for (let i = 0; i < Math.min(map.maxEntries, 64); i++) keys.push(le(i, map.keySize));
  } else {
    const ints = [0, 1, 2, 6, 17, ...(map.keySize === 4 ? interesting : [])];
    for (const k of ints) keys.push(le(k, map.keySize));
    for (let i = 0; i < 2; i++) keys.push(bytes(rng, map.keySize));
  }
  for (const key of keys.slice(0, map.maxEntries)) {
    const r = map.updateAllCpus(key, value());
    if (r !== 0) throw new Error(`filling map ${map.name}: error ${r}`);
  }
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Every element as `key: value[/value per CPU]` lines in key order. */
export function snapshot(map: BpfMap): string[] {
  const lines: string[] = [];
  for (const key of [...map.keys()].map((k) => k.slice())) {
    const values = map.lookupAllCpus(key) ?? [];
    lines.push(`${hex(key)}: ${values.map(hex).join("/")}`);
  }
  return lines.sort();
}
