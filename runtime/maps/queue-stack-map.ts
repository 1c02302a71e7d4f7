import type { MapSpec } from "../object/spec.js";
import { Errno, MapType, UpdateFlags } from "../uapi/bpf.js";
import { smallFlags } from "./flags.js";
import type { BpfMap, MapFlagsArg } from "./types.js";

/**
 * BPF_MAP_TYPE_QUEUE (FIFO) and BPF_MAP_TYPE_STACK (LIFO), kernel/bpf/queue_stack_maps.c: a ring
 * of max_entries + 1 value slots with head and tail indexes.
 *
 * Kernel rules kept: push with BPF_NOEXIST or unknown flags → -EINVAL; push on a full map →
 * -E2BIG, unless BPF_EXIST, which drops the oldest element (for a stack too: the bottom one)
 * to make room; pop/peek of an empty map → -ENOENT. The key/value operations programs use on
 * other maps answer as the kernel's map ops do: lookup → NULL, update/delete/get_next_key → -EINVAL.
 * The syscall view: BPF_MAP_UPDATE_ELEM pushes and BPF_MAP_LOOKUP_ELEM peeks (bpf_map_update_value,
 * bpf_map_copy_value), so `updateAllCpus` pushes and `lookupAllCpus` peeks.
 */
export class QueueStackMap implements BpfMap {
  readonly name: string;
  readonly type: number;
  readonly keySize = 0;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly cpus: number;
  readonly perCpu = false;
  readonly isStack: boolean;
  private readonly slots: Uint8Array;
  private readonly size: number;
  private head = 0;
  private tail = 0;

  constructor(spec: MapSpec, cpus: number) {
    this.name = spec.name;
    this.type = spec.type;
    this.valueSize = spec.valueSize;
    this.maxEntries = spec.maxEntries;
    this.flags = spec.flags;
    this.cpus = cpus;
    this.isStack = spec.type === MapType.STACK;
    this.size = spec.maxEntries + 1;
    this.slots = new Uint8Array(this.size * spec.valueSize);
  }

  get count(): number {
    return (this.head - this.tail + this.size) % this.size;
  }

  /** bpf_map_push_elem (kernel: __queue_stack_map_push_elem via queue_stack_map_push_elem). */
  push(value: Uint8Array, flags: MapFlagsArg = 0): number {
    if (value.length < this.valueSize)
      throw new RangeError(`value of ${value.length} bytes, values have ${this.valueSize}`);
    const f = smallFlags(flags);
    if (f & UpdateFlags.NOEXIST || f > UpdateFlags.EXIST) return -Errno.EINVAL;
    if (this.count === this.maxEntries) {
      if (!(f & UpdateFlags.EXIST)) return -Errno.E2BIG;
      this.tail = (this.tail + 1) % this.size; // overwrite the oldest
    }
    this.slots.set(value.subarray(0, this.valueSize), this.head * this.valueSize);
    this.head = (this.head + 1) % this.size;
    return 0;
  }

  private topSlot(): number {
    return this.isStack ? (this.head - 1 + this.size) % this.size : this.tail;
  }

  /** bpf_map_pop_elem: copies the element into `out` and removes it; 0 or -ENOENT. */
  pop(out: Uint8Array): number {
    if (this.count === 0) return -Errno.ENOENT;
    const slot = this.topSlot();
    out.set(this.slots.subarray(slot * this.valueSize, (slot + 1) * this.valueSize));
    if (this.isStack) this.head = slot;
    else this.tail = (this.tail + 1) % this.size;
    return 0;
  }

  /** bpf_map_peek_elem: copies the element that pop would return into `out`; 0 or -ENOENT. */
  peek(out: Uint8Array): number {
    if (this.count === 0) return -Errno.ENOENT;
    const slot = this.topSlot();
    out.set(this.slots.subarray(slot * this.valueSize, (slot + 1) * this.valueSize));
    return 0;
  }

  /** pop into a fresh buffer; undefined when empty. */
  popValue(): Uint8Array | undefined {
    const out = new Uint8Array(this.valueSize);
    return this.pop(out) === 0 ? out : undefined;
  }

  peekValue(): Uint8Array | undefined {
    const out = new Uint8Array(this.valueSize);
    return this.peek(out) === 0 ? out : undefined;
  }

  lookup(_key: Uint8Array, _cpu?: number): Uint8Array | undefined {
    return undefined;
  }

  update(_key: Uint8Array, _value: Uint8Array, _flags?: MapFlagsArg, _cpu?: number): number {
    return -Errno.EINVAL;
  }

  delete(_key: Uint8Array): number {
    return -Errno.EINVAL;
  }

  getNextKey(_key?: Uint8Array): Uint8Array | undefined {
    return undefined; // -EINVAL: queues and stacks have no keys
  }

  lookupAllCpus(_key: Uint8Array): Uint8Array[] | undefined {
    const v = this.peekValue();
    return v ? [v] : undefined;
  }

  updateAllCpus(
    _key: Uint8Array,
    values: readonly Uint8Array[] | Uint8Array,
    flags: MapFlagsArg = 0,
  ): number {
    const v = values instanceof Uint8Array ? values : values[0];
    if (v === undefined) throw new RangeError("no value to push");
    return this.push(v, flags);
  }

  clear(): void {
    this.head = 0;
    this.tail = 0;
  }

  *keys(): IterableIterator<Uint8Array> {}
}
