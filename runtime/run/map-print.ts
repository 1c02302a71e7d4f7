import { formatHistMap, linearBucketLabel, log2BucketLabel, type HistScale } from "../maps/hist-format.js";
import type { BpfMap } from "../maps/types.js";
import type { ProbeMapView } from "../testing/probe-map.js";
import { MapType } from "../uapi/bpf.js";
import { compareValues, jsonValue, sumPerCpu, valueText } from "./value-format.js";

/** A map `tsbpf run` prints: its typed view (VM or kernel underneath) and whether it is a histogram. */
export interface PrintableMap {
  readonly name: string;
  readonly view: ProbeMapView;
  readonly histogram?: HistScale;
}

/** One map's contents, decoded: rows for key/value maps, bucket counts for histograms. */
export type MapSnapshot =
  | {
      readonly kind: "table";
      readonly name: string;
      readonly rows: ReadonlyArray<readonly [unknown, unknown]>;
    }
  | {
      readonly kind: "hist";
      readonly name: string;
      readonly scale: HistScale;
      readonly histograms: ReadonlyArray<{ readonly key: unknown; readonly counts: readonly bigint[] }>;
    };

function isZero(v: unknown): boolean {
  if (typeof v === "bigint") return v === 0n;
  if (typeof v === "number") return v === 0;
  if (typeof v === "boolean") return !v;
  if (typeof v === "string") return v === "";
  if (v instanceof Uint8Array) return v.every((b) => b === 0);
  if (Array.isArray(v)) return v.every(isZero);
  if (v && typeof v === "object") return Object.values(v).every(isZero);
  return false;
}

/**
 * Reads a map once. Rows are sorted by value, then key, smallest first (bpftrace's order: the
 * largest counts end up next to the prompt); array elements that are all zero are left out, as
 * are never-touched slots; per-CPU values are summed over CPUs.
 */
export function snapshotMap(m: PrintableMap): MapSnapshot {
  if (m.histogram) return { kind: "hist", name: m.name, scale: m.histogram, histograms: m.view.histograms() };
  const raw: BpfMap = m.view.map;
  const isArray = raw.type === MapType.ARRAY || raw.type === MapType.PERCPU_ARRAY;
  const rows: Array<[unknown, unknown]> = [];
  for (const [k, v] of m.view.entries()) {
    const value = raw.perCpu && Array.isArray(v) ? sumPerCpu(v) : v;
    if (isArray && isZero(value)) continue;
    rows.push([k, value]);
  }
  rows.sort((a, b) => compareValues(a[1], b[1]) || compareValues(a[0], b[0]));
  return { kind: "table", name: m.name, rows };
}

function isNumeric(v: unknown): boolean {
  return typeof v === "bigint" || typeof v === "number";
}

/**
 * A snapshot as text. Tables: `@name` then a `key  value` header and one aligned row per entry
 * (numbers right-aligned); histograms exactly as bpftrace's hist()/lhist() print them.
 */
export function formatSnapshot(s: MapSnapshot): string {
  if (s.kind === "hist") {
    const entries = s.histograms
      .filter((h) => h.counts.some((c) => c !== 0n))
      .map((h) => ({ ...(h.key !== undefined ? { key: valueText(h.key) } : {}), counts: h.counts }));
    if (entries.length === 0) return `@${s.name}: (empty)\n`;
    return formatHistMap(`@${s.name}`, s.scale, entries);
  }
  if (s.rows.length === 0) return `@${s.name}: (empty)\n`;
  const cells = s.rows.map(([k, v]) => [valueText(k), valueText(v)] as const);
  const kw = Math.max(3, ...cells.map((c) => c[0].length));
  const vw = Math.max(5, ...cells.map((c) => c[1].length));
  const numericKeys = s.rows.every(([k]) => isNumeric(k));
  const numericValues = s.rows.every(([, v]) => isNumeric(v));
  const pad = (text: string, width: number, right: boolean): string =>
    right ? text.padStart(width) : text.padEnd(width);
  const line = (k: string, v: string): string =>
    `  ${pad(k, kw, numericKeys)}  ${pad(v, vw, numericValues)}`.trimEnd() + "\n";
  return `@${s.name}:\n${line("key", "value")}${cells.map(([k, v]) => line(k, v)).join("")}`;
}

function bucketLabel(scale: HistScale, i: number): string {
  return scale.kind === "log2" ? log2BucketLabel(i) : linearBucketLabel(i, scale.min, scale.max, scale.step);
}

/** A snapshot as one JSON line's object. */
export function snapshotJson(s: MapSnapshot): Record<string, unknown> {
  if (s.kind === "hist")
    return {
      type: "hist",
      name: s.name,
      histograms: s.histograms.map((h) => ({
        key: h.key === undefined ? null : jsonValue(h.key),
        buckets: h.counts.flatMap((c, i) =>
          c === 0n ? [] : [{ bucket: bucketLabel(s.scale, i), count: jsonValue(c) }],
        ),
      })),
    };
  return {
    type: "map",
    name: s.name,
    entries: s.rows.map(([k, v]) => ({ key: jsonValue(k), value: jsonValue(v) })),
  };
}
