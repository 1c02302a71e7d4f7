import { error, type Diagnostic } from "../diag/diagnostic.js";
import { decode } from "../layout/decode.js";
import { LayoutCode } from "../layout/codes.js";
import type { LayoutValue, StructLayout } from "../layout/types.js";
import { formatHist, formatHistMap, formatLhist, type HistScale } from "./hist-format.js";
import type { BpfMap } from "./types.js";

/**
 * Histogram buckets as bpftrace computes them, and views of maps that hold bucket counts.
 * A histogram map is keyed by bucket index (alone, or a struct with a bucket field next to the
 * user's key) and holds u64 counts, per-CPU or not; the views sum the CPUs.
 */

/**
 * log2 bucket of a value taken as a signed 64-bit integer (bpftrace's log2()): 0 for negative
 * values, 1 for zero, 2 + floor(log2 v) otherwise. (bpftrace v0.17 itself caps at 33 for values
 * ≥ 2^32, a bug later versions fixed; this is the fixed rule.)
 */
export function log2Bucket(value: bigint | number): number {
  const v = BigInt.asIntN(64, BigInt(value));
  if (v < 0n) return 0;
  if (v === 0n) return 1;
  return 1 + v.toString(2).length;
}

/**
 * lhist bucket (bpftrace's linear()): 0 below min, 1 + (max - min) / step above max, otherwise
 * 1 + (value - min) / step — so values up to max itself can share the last bucket.
 */
export function linearBucket(value: bigint | number, min: number, max: number, step: number): number {
  const v = BigInt(value);
  if (v < BigInt(min)) return 0;
  if (v > BigInt(max)) return 1 + Math.floor((max - min) / step);
  return 1 + Number((v - BigInt(min)) / BigInt(step));
}

/** bpftrace's semantic checks on lhist(value, min, max, step). */
export function checkLinearParams(min: number, max: number, step: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bad = (m: string): void => void out.push(error(LayoutCode.HISTOGRAM_PARAMS, `lhist: ${m}`));
  if (!Number.isSafeInteger(min) || min < 0) bad(`invalid min value ${min} (must be a non-negative integer)`);
  if (!Number.isSafeInteger(max) || max < 0) bad(`invalid max value ${max} (must be a non-negative integer)`);
  if (!Number.isSafeInteger(step) || step < 1) bad(`invalid step value ${step} (must be ≥ 1)`);
  if (out.length === 0 && min > max) bad(`min value ${min} must be less than max value ${max}`);
  if (out.length === 0 && (max - min) / step > 1000)
    bad(`too many buckets: (max - min) / step must be ≤ 1000`);
  return out;
}

/** Number of buckets a histogram of this scale has (log2: 65 for signed 64-bit values). */
export function bucketCount(scale: HistScale): number {
  return scale.kind === "log2" ? 65 : Math.floor((scale.max - scale.min) / scale.step) + 2;
}

/** A histogram accumulated in JavaScript (reference model for tests, and for printing). */
export class Histogram {
  readonly scale: HistScale;
  readonly counts: bigint[];

  constructor(scale: HistScale) {
    this.scale = scale;
    this.counts = new Array<bigint>(bucketCount(scale)).fill(0n);
  }

  bucketOf(value: bigint | number): number {
    const s = this.scale;
    return s.kind === "log2" ? log2Bucket(value) : linearBucket(value, s.min, s.max, s.step);
  }

  add(value: bigint | number, times: bigint = 1n): this {
    this.counts[this.bucketOf(value)]! += times;
    return this;
  }

  /** The rows bpftrace prints for this histogram. */
  format(): string {
    const s = this.scale;
    return s.kind === "log2" ? formatHist(this.counts) : formatLhist(this.counts, s.min, s.max, s.step);
  }
}

function sumCpus(views: Uint8Array[]): bigint {
  let total = 0n;
  for (const v of views) total += new DataView(v.buffer, v.byteOffset, 8).getBigUint64(0, true);
  return total;
}

function bucketIndex(key: Uint8Array): number {
  const dv = new DataView(key.buffer, key.byteOffset, key.byteLength);
  return key.length >= 8 ? Number(dv.getBigUint64(0, true)) : dv.getUint32(0, true);
}

/**
 * Bucket counts of a map keyed by the bucket index (u32 or u64; array or hash) with u64 counts,
 * summed over CPUs. Buckets beyond the array are ignored only if they are zero.
 */
export function histogramCounts(map: BpfMap): bigint[] {
  if (map.valueSize !== 8 || (map.keySize !== 4 && map.keySize !== 8)) {
    throw new RangeError(`histogram map '${map.name}' needs u32/u64 bucket keys and u64 counts`);
  }
  const counts: bigint[] = [];
  for (const k of map.keys()) {
    const views = map.lookupAllCpus(k);
    if (!views) continue;
    const c = sumCpus(views);
    const i = bucketIndex(k);
    while (counts.length <= i) counts.push(0n);
    counts[i] = counts[i]! + c;
  }
  return counts;
}

export interface KeyedHistogram {
  /** The key's fields other than the bucket, decoded. */
  readonly key: { readonly [field: string]: LayoutValue };
  readonly counts: bigint[];
}

/**
 * Histograms of a map keyed by a struct holding the user's key fields and a bucket field (as
 * bpftrace keys `@h[pid] = hist(x)` by pid and bucket), grouped by the other fields.
 */
export function keyedHistograms(
  map: BpfMap,
  keyLayout: StructLayout,
  bucketField = "bucket",
): KeyedHistogram[] {
  const groups = new Map<string, KeyedHistogram>();
  const field = keyLayout.fields.find((f) => f.name === bucketField);
  if (!field || field.layout.kind !== "int")
    throw new RangeError(`key has no integer field '${bucketField}'`);
  for (const k of map.keys()) {
    const views = map.lookupAllCpus(k);
    if (!views) continue;
    const decoded = decode(keyLayout, k) as Record<string, LayoutValue>;
    const index = Number(decoded[bucketField] as number | bigint);
    const rest: Record<string, LayoutValue> = {};
    for (const [name, v] of Object.entries(decoded)) if (name !== bucketField) rest[name] = v;
    const id = JSON.stringify(rest, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
    let g = groups.get(id);
    if (!g) {
      g = { key: rest, counts: [] };
      groups.set(id, g);
    }
    while (g.counts.length <= index) g.counts.push(0n);
    g.counts[index] = g.counts[index]! + sumCpus(views);
  }
  return [...groups.values()];
}

/** Prints an unkeyed histogram map as bpftrace does (`@name: ` and its rows). */
export function printHistogramMap(name: string, map: BpfMap, scale: HistScale): string {
  return formatHistMap(name, scale, [{ counts: histogramCounts(map) }]);
}

/** Prints a keyed histogram map; key fields are shown in layout order, as bpftrace prints them. */
export function printKeyedHistogramMap(
  name: string,
  map: BpfMap,
  keyLayout: StructLayout,
  scale: HistScale,
  bucketField = "bucket",
): string {
  const hists = keyedHistograms(map, keyLayout, bucketField);
  return formatHistMap(
    name,
    scale,
    hists.map((h) => ({ key: Object.values(h.key).map(keyPart), counts: h.counts })),
  );
}

function keyPart(v: LayoutValue): string {
  if (typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean")
    return String(v);
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
}
