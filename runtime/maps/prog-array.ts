import type { MapSpec } from "../object/spec.js";
import { Errno } from "../uapi/bpf.js";
import { arrayIndex, indexKey } from "./array-map.js";
import type { BpfMap, MapFlagsArg } from "./types.js";

/**
 * BPF_MAP_TYPE_PROG_ARRAY (kernel/bpf/arraymap.c fd arrays): slots hold programs for
 * bpf_tail_call. A slot holds an opaque program reference (whatever the VM uses — a
 * `TailCallTarget`); `update` takes a u32 program id that `resolveProgram` turns into one, as the
 * kernel turns a program fd into a program.
 *
 * Kernel rules kept: update with flags other than BPF_ANY → -EINVAL; index ≥ max_entries →
 * -E2BIG; an id that names no program → -EBADF; delete of an empty slot → -ENOENT; programs
 * cannot look slots up (lookup → undefined).
 */
export class ProgArrayMap implements BpfMap {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly cpus: number;
  readonly perCpu = false;
  private readonly programs: unknown[];
  private readonly ids: Uint32Array;
  private readonly resolve: ((ref: string | number) => unknown) | undefined;

  constructor(spec: MapSpec, cpus: number, resolve?: (ref: string | number) => unknown) {
    this.name = spec.name;
    this.type = spec.type;
    this.keySize = spec.keySize;
    this.valueSize = spec.valueSize;
    this.maxEntries = spec.maxEntries;
    this.flags = spec.flags;
    this.cpus = cpus;
    this.resolve = resolve;
    this.programs = new Array<unknown>(spec.maxEntries).fill(undefined);
    this.ids = new Uint32Array(spec.maxEntries);
  }

  get count(): number {
    return this.programs.filter((p) => p !== undefined).length;
  }

  /** Stores a program reference in a slot (what a loader does with libbpf's initial values). */
  setProgram(index: number, program: unknown, id = 0): number {
    if (index < 0 || index >= this.maxEntries) return -Errno.E2BIG;
    this.programs[index] = program;
    this.ids[index] = id;
    return 0;
  }

  /** The program bpf_tail_call(ctx, map, index) jumps to; undefined = the call falls through. */
  getProgram(index: number | bigint): unknown {
    const i = typeof index === "bigint" ? (index > 0xffffffffn ? -1 : Number(index)) : index;
    if (i < 0 || i >= this.maxEntries) return undefined;
    return this.programs[i];
  }

  lookup(_key: Uint8Array, _cpu?: number): Uint8Array | undefined {
    return undefined; // fd_array_map_lookup_elem: -EOPNOTSUPP for programs
  }

  update(key: Uint8Array, value: Uint8Array, flags: MapFlagsArg = 0, _cpu?: number): number {
    if (flags !== 0 && flags !== 0n) return -Errno.EINVAL;
    const index = arrayIndex(key);
    if (index >= this.maxEntries) return -Errno.E2BIG;
    const id = arrayIndex(value);
    const program = this.resolve?.(id);
    if (program === undefined) return -Errno.EBADF;
    return this.setProgram(index, program, id);
  }

  delete(key: Uint8Array): number {
    const index = arrayIndex(key);
    if (index >= this.maxEntries) return -Errno.E2BIG;
    if (this.programs[index] === undefined) return -Errno.ENOENT;
    this.programs[index] = undefined;
    this.ids[index] = 0;
    return 0;
  }

  getNextKey(key?: Uint8Array): Uint8Array | undefined {
    const i = key === undefined ? 0xffffffff : arrayIndex(key);
    if (i >= this.maxEntries) return indexKey(0);
    return i === this.maxEntries - 1 ? undefined : indexKey(i + 1);
  }

  /** The syscall's lookup of a prog array gives the program's id. */
  lookupAllCpus(key: Uint8Array): Uint8Array[] | undefined {
    const i = arrayIndex(key);
    if (i >= this.maxEntries || this.programs[i] === undefined) return undefined;
    return [indexKey(this.ids[i]!)];
  }

  updateAllCpus(key: Uint8Array, values: readonly Uint8Array[] | Uint8Array, flags: MapFlagsArg = 0): number {
    const v = values instanceof Uint8Array ? values : values[0];
    if (!v) throw new RangeError("no value");
    return this.update(key, v, flags);
  }

  clear(): void {
    this.programs.fill(undefined);
    this.ids.fill(0);
  }

  *keys(): IterableIterator<Uint8Array> {
    for (let i = 0; i < this.maxEntries; i++) if (this.programs[i] !== undefined) yield indexKey(i);
  }
}
