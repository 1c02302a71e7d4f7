import { possibleCpus } from "./cpus.js";
import type { KernelMap } from "./kernel-map.js";
import type { BpfMap, MapFlagsArg } from "../maps/types.js";
import { MapType } from "../uapi/bpf.js";

const ARRAYS: ReadonlySet<number> = new Set([MapType.ARRAY, MapType.PERCPU_ARRAY]);

/**
 * A kernel map behind the in-process BpfMap interface, so typed views, histograms and map
 * printing read it exactly as they read the VM's maps. Every call is a bpf(2) map command;
 * results are copies (the kernel has no live views), and per-CPU values are split from the
 * syscall's block of round_up(valueSize, 8) bytes per possible CPU (kernel: bpf_percpu_*_copy).
 */
export class KernelMapView implements BpfMap {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly cpus: number;
  readonly perCpu: boolean;
  private readonly kmap: KernelMap;

  constructor(kmap: KernelMap) {
    this.kmap = kmap;
    this.name = kmap.name;
    this.type = kmap.type;
    this.keySize = kmap.keySize;
    this.valueSize = kmap.valueSize;
    this.maxEntries = kmap.maxEntries;
    this.flags = kmap.flags;
    this.perCpu = kmap.perCpu;
    this.cpus = this.perCpu ? possibleCpus() : 1;
  }

  get count(): number {
    if (ARRAYS.has(this.type)) return this.maxEntries;
    let n = 0;
    for (const _ of this.keys()) n++;
    return n;
  }

  private slot(): number {
    return Math.ceil(this.valueSize / 8) * 8;
  }

  lookupAllCpus(key: Uint8Array): Uint8Array[] | undefined {
    const r = this.kmap.lookup(key.subarray(0, this.keySize));
    if (!r.ok || r.value === undefined) return undefined;
    if (!this.perCpu) return [r.value];
    const block = r.value;
    return Array.from({ length: this.cpus }, (_, cpu) =>
      block.slice(cpu * this.slot(), cpu * this.slot() + this.valueSize),
    );
  }

  lookup(key: Uint8Array, cpu = 0): Uint8Array | undefined {
    return this.lookupAllCpus(key)?.[this.perCpu ? cpu : 0];
  }

  updateAllCpus(key: Uint8Array, values: readonly Uint8Array[] | Uint8Array, flags: MapFlagsArg = 0): number {
    let value: Uint8Array;
    if (!this.perCpu) value = values instanceof Uint8Array ? values : values[0]!;
    else if (values instanceof Uint8Array) value = values;
    else {
      value = new Uint8Array(this.slot() * this.cpus);
      values.forEach((v, cpu) => value.set(v.subarray(0, this.valueSize), cpu * this.slot()));
    }
    const r = this.kmap.update(
      key.subarray(0, this.keySize),
      value.subarray(0, this.perCpu ? value.length : this.valueSize),
      Number(flags),
    );
    return r.ok ? 0 : -r.errno;
  }

  update(key: Uint8Array, value: Uint8Array, flags: MapFlagsArg = 0, cpu = 0): number {
    if (!this.perCpu) return this.updateAllCpus(key, value, flags);
    // a program's update of one CPU's value: the others keep theirs (or start at zero)
    const views =
      this.lookupAllCpus(key) ?? Array.from({ length: this.cpus }, () => new Uint8Array(this.valueSize));
    views[cpu] = value.subarray(0, this.valueSize);
    return this.updateAllCpus(key, views, flags);
  }

  delete(key: Uint8Array): number {
    const r = this.kmap.delete(key.subarray(0, this.keySize));
    return r.ok ? 0 : -r.errno;
  }

  getNextKey(key?: Uint8Array): Uint8Array | undefined {
    const r = this.kmap.nextKey(key?.subarray(0, this.keySize));
    return r.ok ? r.value : undefined;
  }

  clear(): void {
    if (ARRAYS.has(this.type)) {
      const zero = Array.from({ length: this.cpus }, () => new Uint8Array(this.valueSize));
      for (const k of this.keys()) this.updateAllCpus(k, zero);
      return;
    }
    // deleting while walking restarts the walk, so take the keys first
    for (const k of [...this.keys()]) this.delete(k);
  }

  *keys(): IterableIterator<Uint8Array> {
    const r = this.kmap.keys();
    if (!r.ok) return;
    yield* r.value;
  }
}
