import type { CollectionSpec, ProgramSpec } from "../../runtime/object/spec.js";
import { MapType } from "../../runtime/uapi/bpf.js";
import { createVm, type HelperContext, type Region, type Vm } from "../../runtime/vm/index.js";

/**
 * Just enough kernel for running compiled samples in the VM until runtime/testing provides the
 * real harness: array, hash and ring-buffer maps backed by VM regions, and fixed clock/pid/comm
 * helpers. Hash maps hold at most 64 entries here.
 */
const SLOTS = 64;
const HANDLE_BASE = 0x7e570000n;

interface FakeMap {
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  region?: Region;
  readonly keys: Map<string, number>;
  ringUsed: number;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

export class FakeKernel {
  readonly maps = new Map<string, FakeMap>();
  readonly submitted: Uint8Array[] = [];
  pidTgid = (4242n << 32n) | 4243n;
  now = 1_000_000n;
  comm = "bash";
  private readonly names: string[] = [];

  constructor(spec: CollectionSpec) {
    for (const m of spec.maps) {
      this.maps.set(m.name, { ...m, keys: new Map(), ringUsed: 0 });
      this.names.push(m.name);
    }
  }

  private byHandle(h: bigint): FakeMap {
    const name = this.names[Number(h - HANDLE_BASE)];
    const m = name ? this.maps.get(name) : undefined;
    if (!m) throw new Error(`bad map handle ${h}`);
    return m;
  }

  load(program: ProgramSpec): Vm {
    const helpers = {
      1: (c: HelperContext, map: bigint, key: bigint) => this.lookup(c, this.byHandle(map), key),
      2: (c: HelperContext, map: bigint, key: bigint, value: bigint, flags: bigint) =>
        this.update(c, this.byHandle(map), key, value, flags),
      5: () => this.now,
      14: () => this.pidTgid,
      16: (c: HelperContext, buf: bigint, size: bigint) => {
        const bytes = new Uint8Array(Number(size));
        bytes.set(new TextEncoder().encode(this.comm).slice(0, Number(size) - 1));
        c.mem.write(buf, bytes);
        return 0;
      },
      131: (_c: HelperContext, map: bigint, size: bigint) => {
        const m = this.byHandle(map);
        if (m.ringUsed + Number(size) > m.region!.size) return 0;
        const at = m.region!.address(m.ringUsed);
        m.ringUsed += Number(size);
        return at;
      },
      132: (c: HelperContext, rec: bigint) => {
        const m = [...this.maps.values()].find((x) => x.type === MapType.RINGBUF)!;
        const start = Number(rec - m.region!.address(0));
        const size = this.ringRecordSize ?? m.ringUsed - start;
        this.submitted.push(c.mem.read(rec, size));
        return 0;
      },
    };
    const vm = createVm(program, {
      helpers,
      resolveRelocation: (rel, _insn, memory) => {
        if (rel.target.kind !== "map") return undefined;
        const m = this.maps.get(rel.target.map)!;
        const bytes = m.type === MapType.RINGBUF ? 4096 : Math.min(m.maxEntries, SLOTS) * m.valueSize;
        m.region ??= memory.add(new Uint8Array(bytes), { kind: "map_value", name: rel.target.map });
        return HANDLE_BASE + BigInt(this.names.indexOf(rel.target.map));
      },
    });
    if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("\n"));
    return vm.value;
  }

  /** Record size of submitted ring-buffer records (set by tests from the compiler's layouts). */
  ringRecordSize: number | undefined;

  private slotOf(m: FakeMap, c: HelperContext, key: bigint, insert: boolean): number | undefined {
    const k = c.mem.read(key, m.keySize);
    if (m.type === MapType.ARRAY) {
      const i = new DataView(k.buffer, k.byteOffset).getUint32(0, true);
      return i < m.maxEntries ? i : undefined;
    }
    const found = m.keys.get(hex(k));
    if (found !== undefined || !insert || m.keys.size >= SLOTS) return found;
    m.keys.set(hex(k), m.keys.size);
    return m.keys.size - 1;
  }

  private lookup(c: HelperContext, m: FakeMap, key: bigint): bigint {
    const slot = this.slotOf(m, c, key, false);
    return slot === undefined ? 0n : m.region!.address(slot * m.valueSize);
  }

  private update(c: HelperContext, m: FakeMap, key: bigint, value: bigint, flags: bigint): number {
    const exists = this.slotOf(m, c, key, false) !== undefined;
    if (flags === 1n && exists) return -17;
    if (flags === 2n && !exists) return -2;
    const slot = this.slotOf(m, c, key, true);
    if (slot === undefined) return -7;
    m.region!.bytes.set(c.mem.read(value, m.valueSize), slot * m.valueSize);
    return 0;
  }

  /** The value stored under a u32 key (hash or array map). */
  valueAt(map: string, key: number): Uint8Array | undefined {
    const m = this.maps.get(map)!;
    const k = new Uint8Array(4);
    new DataView(k.buffer).setUint32(0, key, true);
    const slot = m.type === MapType.ARRAY ? key : m.keys.get(hex(k));
    return slot === undefined || !m.region
      ? undefined
      : m.region.bytes.slice(slot * m.valueSize, (slot + 1) * m.valueSize);
  }

  u64At(map: string, key: number): bigint | undefined {
    const v = this.valueAt(map, key);
    return v ? new DataView(v.buffer).getBigUint64(0, true) : undefined;
  }
}
