import { DiagnosticError, error, unwrap } from "../diag/diagnostic.js";
import { decode } from "../layout/decode.js";
import type { LayoutValue } from "../layout/types.js";
import { formatHistMap, linearBucketLabel, log2BucketLabel, type HistScale } from "../maps/hist-format.js";
import { histogramCounts, keyedHistograms } from "../maps/histogram.js";
import { typedMap, type TypedMap } from "../maps/typed-map.js";
import type { BpfMap } from "../maps/types.js";
import { MapType } from "../uapi/bpf.js";
import { TestingCode } from "./codes.js";
import type { MapInfo } from "./map-info.js";
import { compareValues, keyText, valueText } from "./value-text.js";

/**
 * A map as a test sees it: `get/set/delete/has/entries/size/clear` with JavaScript values,
 * typed from the program's declarations. Reads and writes are userspace operations (bpf(2)
 * semantics: per-CPU values are one entry per CPU; array elements cannot be deleted). The same
 * view serves the VM's in-process maps and the kernel's maps.
 */
export interface ProbeMap<K = LayoutValue, V = LayoutValue, KIn = K, VIn = V> {
  readonly name: string;
  /** Elements present (array maps: max_entries). */
  readonly size: number;
  get(key: KIn): V | undefined;
  set(key: KIn, value: VIn): this;
  /** True when an element was deleted, false when it was absent. */
  delete(key: KIn): boolean;
  has(key: KIn): boolean;
  clear(): void;
  /** Entries in the map's own order (hash order for hash maps, index order for arrays). */
  entries(): Array<[K, V]>;
  keys(): K[];
  values(): V[];
  [Symbol.iterator](): IterableIterator<[K, V]>;
  /**
   * The map as bpftrace prints it at exit: `@name[key]: value` lines ordered by value, then key
   * (array maps leave out elements that are all zero); histograms as hist()/lhist() print.
   */
  format(): string;
}

export interface HistogramMethods {
  readonly scale: HistScale;
  /**
   * Counts by bucket index (summed over CPUs), up to the last non-empty bucket; for a keyed
   * histogram, the counts of `key`'s histogram.
   */
  counts(key?: unknown): bigint[];
  /** Non-empty buckets by their bpftrace label (`"[4, 8)"`, `"[0]"`), in bucket order. */
  buckets(key?: unknown): Record<string, bigint>;
  /** Keyed histograms: every key's counts, in map order (one entry, key undefined, otherwise). */
  histograms(): Array<{ readonly key: unknown; readonly counts: bigint[] }>;
}

/** A Histogram declaration's map: bucket index → count, plus bucket views. */
export interface HistogramMap
  extends ProbeMap<number, bigint, number | bigint, number | bigint>, HistogramMethods {
  counts(): bigint[];
  buckets(): Record<string, bigint>;
  histograms(): Array<{ readonly key: undefined; readonly counts: bigint[] }>;
}

/** A KeyedHistogram<K>'s map: `{ key, bucket }` → count, plus one histogram per key. */
export interface KeyedHistogramMap<K, KIn>
  extends
    ProbeMap<
      { readonly key: K; readonly bucket: number },
      bigint,
      { readonly key: KIn; readonly bucket: number | bigint },
      number | bigint
    >,
    HistogramMethods {
  counts(key: KIn): bigint[];
  buckets(key: KIn): Record<string, bigint>;
  histograms(): Array<{ readonly key: K; readonly counts: bigint[] }>;
}

function layoutError(name: string, message: string, hint?: string): DiagnosticError {
  return new DiagnosticError([error(TestingCode.MAP, `map ${name}: ${message}`, hint ? { hint } : {})]);
}

function allZero(views: readonly Uint8Array[]): boolean {
  return views.every((v) => v.every((b) => b === 0));
}

function trimmed(counts: bigint[]): bigint[] {
  const out = [...counts];
  while (out.length && out[out.length - 1] === 0n) out.pop();
  return out;
}

function bucketLabel(scale: HistScale, i: number): string {
  return scale.kind === "log2" ? log2BucketLabel(i) : linearBucketLabel(i, scale.min, scale.max, scale.step);
}

export class ProbeMapView implements ProbeMap<LayoutValue, LayoutValue, unknown, unknown>, HistogramMethods {
  readonly name: string;
  private readonly info: MapInfo;
  private readonly raw: () => BpfMap;
  private cached: TypedMap<unknown, LayoutValue> | undefined;

  constructor(info: MapInfo, raw: () => BpfMap) {
    this.name = info.name;
    this.info = info;
    this.raw = raw;
  }

  /** The underlying map (bytes in, bytes out). */
  get map(): BpfMap {
    return this.raw();
  }

  private typed(): TypedMap<unknown, LayoutValue> {
    const map = this.raw();
    if (this.cached && this.cached.map === map) return this.cached;
    const { key, value } = this.info;
    if (!key || !value)
      throw layoutError(
        this.name,
        "key/value types are unknown",
        "compile with clang -g (BTF) or declare the map in TypeScript",
      );
    this.cached = unwrap(typedMap<unknown, LayoutValue>(map, key, value));
    return this.cached;
  }

  get size(): number {
    return this.raw().count;
  }

  get(key: unknown): LayoutValue | undefined {
    return this.typed().get(key);
  }

  set(key: unknown, value: unknown): this {
    this.typed().set(key, value as LayoutValue);
    return this;
  }

  delete(key: unknown): boolean {
    return this.typed().delete(key);
  }

  has(key: unknown): boolean {
    return this.typed().has(key);
  }

  clear(): void {
    this.raw().clear();
  }

  entries(): Array<[LayoutValue, LayoutValue]> {
    return [...this.typed().entries()] as Array<[LayoutValue, LayoutValue]>;
  }

  keys(): LayoutValue[] {
    return this.entries().map(([k]) => k);
  }

  values(): LayoutValue[] {
    return this.entries().map(([, v]) => v);
  }

  [Symbol.iterator](): IterableIterator<[LayoutValue, LayoutValue]> {
    return this.entries()[Symbol.iterator]();
  }

  get scale(): HistScale {
    if (!this.info.histogram)
      throw layoutError(
        this.name,
        "is not a histogram",
        "declare it as a Histogram, or name it in load()'s `histograms` option (C objects)",
      );
    return this.info.histogram;
  }

  /** Keyed histograms (struct keys with a `bucket` field) by the rest of their key. */
  private keyed(): Array<{ key: LayoutValue | undefined; counts: bigint[] }> | undefined {
    const key = this.info.key;
    if (key?.kind !== "struct" || !key.fields.some((f) => f.name === "bucket")) return undefined;
    return keyedHistograms(this.raw(), key).map((h) => {
      const rest = Object.keys(h.key);
      // KeyedHistogram<K> keys are { key, bucket }: the user's key is `key`
      return { key: rest.length === 1 && rest[0] === "key" ? h.key.key : h.key, counts: h.counts };
    });
  }

  histograms(): Array<{ readonly key: LayoutValue | undefined; readonly counts: bigint[] }> {
    void this.scale; // refuses maps that are not histograms
    return (this.keyed() ?? [{ key: undefined, counts: histogramCounts(this.raw()) }]).map((h) => ({
      key: h.key,
      counts: trimmed(h.counts),
    }));
  }

  counts(key?: unknown): bigint[] {
    void this.scale;
    const keyed = this.keyed();
    if (!keyed) return trimmed(histogramCounts(this.raw()));
    if (key === undefined)
      throw layoutError(this.name, "is a keyed histogram: pass the key whose counts you want");
    const want = keyText(key);
    return trimmed(keyed.find((h) => keyText(h.key) === want)?.counts ?? []);
  }

  buckets(key?: unknown): Record<string, bigint> {
    const scale = this.scale;
    const out: Record<string, bigint> = {};
    this.counts(key).forEach((c, i) => {
      if (c !== 0n) out[bucketLabel(scale, i)] = c;
    });
    return out;
  }

  format(): string {
    const label = `@${this.name}`;
    if (this.info.histogram) {
      const keyed = this.keyed();
      return formatHistMap(
        label,
        this.info.histogram,
        keyed
          ? keyed.map((h) => ({ key: keyText(h.key), counts: h.counts }))
          : [{ counts: histogramCounts(this.raw()) }],
      );
    }
    const map = this.raw();
    const { keyLayout: key, valueLayout: value } = this.typed();
    const isArray = map.type === MapType.ARRAY || map.type === MapType.PERCPU_ARRAY;
    const rows: Array<[LayoutValue, LayoutValue]> = [];
    for (const k of map.keys()) {
      const views = map.lookupAllCpus(k);
      // array elements always exist: the ones never written (all zero) would only add noise
      if (!views || (isArray && allZero(views))) continue;
      const v = map.perCpu ? views.map((x) => decode(value, x)) : decode(value, views[0]!);
      rows.push([decode(key, k), v]);
    }
    rows.sort((a, b) => compareValues(a[1], b[1]) || compareValues(a[0], b[0]));
    if (rows.length === 0) return `${label}: (empty)\n`;
    return rows.map(([k, v]) => `${label}[${keyText(k)}]: ${valueText(v)}\n`).join("");
  }
}
