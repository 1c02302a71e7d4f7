import { DiagnosticError, error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { sizeOf } from "../layout/build.js";
import { LayoutCode } from "../layout/codes.js";
import { decode } from "../layout/decode.js";
import { describeLayout } from "../layout/describe.js";
import { encode } from "../layout/encode.js";
import type { Layout, LayoutValue } from "../layout/types.js";
import { Errno } from "../uapi/bpf.js";
import type { BpfMap, MapFlagsArg } from "./types.js";

const errnoName = (errno: number): string =>
  Object.entries(Errno).find(([, v]) => v === -errno)?.[0] ?? String(-errno);

/**
 * A map seen through key and value layouts, with JavaScript values: `get/set/delete/has` like a
 * JS Map. Reads are userspace reads (bpf(2)): they do not count as uses for LRU maps. For per-CPU
 * maps a value is an array with one entry per CPU (get returns it; set takes it).
 *
 * `set`, `get`, `has` and `delete` throw a DiagnosticError for keys or values that do not fit
 * the layouts (TSB07xx) and for errnos other than "absent"; `trySet` returns them instead.
 */
export interface TypedMap<K = LayoutValue, V = LayoutValue> {
  readonly map: BpfMap;
  readonly keyLayout: Layout;
  readonly valueLayout: Layout;
  get(key: K): V | undefined;
  set(key: K, value: V, flags?: MapFlagsArg): this;
  trySet(key: K, value: V, flags?: MapFlagsArg): Result<void>;
  /** True when an element was deleted, false when absent; arrays throw (-EINVAL). */
  delete(key: K): boolean;
  has(key: K): boolean;
  readonly size: number;
  clear(): void;
  keys(): IterableIterator<K>;
  values(): IterableIterator<V>;
  entries(): IterableIterator<[K, V]>;
  [Symbol.iterator](): IterableIterator<[K, V]>;
}

/**
 * Wraps a map with layouts. The layouts' sizes must equal the map's key and value sizes
 * (TSB0711); maps without keys (queue, stack, ring buffer, bloom filter) have no typed view here.
 */
export function typedMap<K = LayoutValue, V = LayoutValue>(
  map: BpfMap,
  keyLayout: Layout,
  valueLayout: Layout,
): Result<TypedMap<K, V>> {
  const diags: Diagnostic[] = [];
  if (map.keySize === 0) {
    diags.push(
      error(LayoutCode.SIZE_MISMATCH, `map '${map.name}' has no keys; typed access needs a key/value map`),
    );
  } else if (sizeOf(keyLayout) !== map.keySize) {
    diags.push(
      error(
        LayoutCode.SIZE_MISMATCH,
        `map '${map.name}': key type ${describeLayout(keyLayout)} is ${sizeOf(keyLayout)} bytes, the map's keys are ${map.keySize}`,
      ),
    );
  }
  if (sizeOf(valueLayout) !== map.valueSize) {
    diags.push(
      error(
        LayoutCode.SIZE_MISMATCH,
        `map '${map.name}': value type ${describeLayout(valueLayout)} is ${sizeOf(valueLayout)} bytes, the map's values are ${map.valueSize}`,
      ),
    );
  }
  if (diags.length) return fail(...diags);
  return ok(new TypedMapImpl<K, V>(map, keyLayout, valueLayout));
}

class TypedMapImpl<K, V> implements TypedMap<K, V> {
  readonly map: BpfMap;
  readonly keyLayout: Layout;
  readonly valueLayout: Layout;
  private readonly keyBuf: Uint8Array;

  constructor(map: BpfMap, keyLayout: Layout, valueLayout: Layout) {
    this.map = map;
    this.keyLayout = keyLayout;
    this.valueLayout = valueLayout;
    this.keyBuf = new Uint8Array(map.keySize);
  }

  private key(key: K): Result<Uint8Array> {
    const r = encode(this.keyLayout, key, this.keyBuf, 0, { path: "key" });
    return r.ok ? ok(this.keyBuf) : r;
  }

  private keyOrThrow(key: K): Uint8Array {
    const r = this.key(key);
    if (!r.ok) throw new DiagnosticError(r.diagnostics);
    return r.value;
  }

  private decodeValue(views: Uint8Array[]): V {
    if (this.map.perCpu) return views.map((v) => decode(this.valueLayout, v)) as V;
    return decode(this.valueLayout, views[0]!) as V;
  }

  get(key: K): V | undefined {
    const views = this.map.lookupAllCpus(this.keyOrThrow(key));
    return views ? this.decodeValue(views) : undefined;
  }

  has(key: K): boolean {
    return this.map.lookupAllCpus(this.keyOrThrow(key)) !== undefined;
  }

  trySet(key: K, value: V, flags: MapFlagsArg = 0): Result<void> {
    const k = this.key(key);
    if (!k.ok) return k;
    const size = this.map.valueSize;
    let buffers: Uint8Array[];
    if (this.map.perCpu) {
      if (!Array.isArray(value) || value.length !== this.map.cpus) {
        return fail(
          error(
            LayoutCode.ARRAY_LENGTH,
            `value: per-CPU map '${this.map.name}' takes one value per CPU (${this.map.cpus}), got ${Array.isArray(value) ? value.length : "a single value"}`,
          ),
        );
      }
      buffers = [];
      const diags: Diagnostic[] = [];
      value.forEach((v: unknown, cpu: number) => {
        const buf = new Uint8Array(size);
        const r = encode(this.valueLayout, v, buf, 0, { path: `value[cpu ${cpu}]` });
        if (!r.ok) diags.push(...r.diagnostics);
        buffers.push(buf);
      });
      if (diags.length) return fail(...diags);
    } else {
      const buf = new Uint8Array(size);
      const r = encode(this.valueLayout, value, buf, 0, { path: "value" });
      if (!r.ok) return r;
      buffers = [buf];
    }
    const rc = this.map.updateAllCpus(k.value, buffers, flags);
    if (rc < 0) {
      return fail(
        error(LayoutCode.MAP_ERRNO, `map '${this.map.name}': update failed with -${errnoName(rc)} (${rc})`),
      );
    }
    return ok(undefined);
  }

  set(key: K, value: V, flags: MapFlagsArg = 0): this {
    const r = this.trySet(key, value, flags);
    if (!r.ok) throw new DiagnosticError(r.diagnostics);
    return this;
  }

  delete(key: K): boolean {
    const rc = this.map.delete(this.keyOrThrow(key));
    if (rc === 0) return true;
    if (rc === -Errno.ENOENT) return false;
    throw new DiagnosticError([
      error(LayoutCode.MAP_ERRNO, `map '${this.map.name}': delete failed with -${errnoName(rc)} (${rc})`),
    ]);
  }

  get size(): number {
    return this.map.count;
  }

  clear(): void {
    this.map.clear();
  }

  *keys(): IterableIterator<K> {
    for (const k of this.map.keys()) yield decode(this.keyLayout, k) as K;
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  *entries(): IterableIterator<[K, V]> {
    for (const k of this.map.keys()) {
      const views = this.map.lookupAllCpus(k);
      if (views) yield [decode(this.keyLayout, k) as K, this.decodeValue(views)];
    }
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}
