import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LruHashMap } from "../../runtime/maps/index.js";
import { Errno, MapFlags, MapType, UpdateFlags } from "../../runtime/uapi/bpf.js";
import { make, readU32, u32, u64 } from "./helpers.js";

const lru = (max: number, flags = 0, cpus = 1, type: number = MapType.LRU_HASH): LruHashMap =>
  make(type, 4, 8, max, flags, cpus) as LruHashMap;
const keys = (m: LruHashMap): number[] => [...m.keys()].map(readU32).sort((a, b) => a - b);

describe("LRU hash", () => {
  it("evicts the least recently used key when a new key needs room", () => {
    const m = lru(3);
    for (const k of [1, 2, 3]) expect(m.update(u32(k), u64(k))).toBe(0);
    expect(m.update(u32(4), u64(4))).toBe(0); // evicts 1
    expect(keys(m)).toEqual([2, 3, 4]);
    expect(m.evictions).toBe(1);
  });

  it("counts a program's lookup as a use, but not a userspace lookup", () => {
    const m = lru(3);
    for (const k of [1, 2, 3]) m.update(u32(k), u64(k));
    m.lookup(u32(1)); // 1 is now the most recent; 2 the least
    m.lookupAllCpus(u32(2)); // syscall lookup: no reference bit
    m.update(u32(4), u64(4));
    expect(keys(m)).toEqual([1, 3, 4]);
    expect([...m.usageOrder()].map(readU32)).toEqual([4, 1, 3]);
  });

  it("takes a fresh element before looking at the key, so a full map evicts even on replace or -EEXIST", () => {
    const m = lru(3);
    for (const k of [1, 2, 3]) m.update(u32(k), u64(k));
    expect(m.update(u32(3), u64(30))).toBe(0); // replaces 3, but first evicts 1
    expect(keys(m)).toEqual([2, 3]);
    m.update(u32(5), u64(5));
    expect(m.update(u32(5), u64(50), UpdateFlags.NOEXIST)).toBe(-Errno.EEXIST); // evicted 2 anyway
    expect(keys(m)).toEqual([3, 5]);
  });

  it("rejects flags above BPF_EXIST (BPF_F_LOCK too) and follows check_flags", () => {
    const m = lru(2);
    expect(m.update(u32(1), u64(1), UpdateFlags.F_LOCK)).toBe(-Errno.EINVAL);
    expect(m.update(u32(1), u64(1), UpdateFlags.EXIST)).toBe(-Errno.ENOENT);
    expect(m.update(u32(1), u64(1), UpdateFlags.NOEXIST)).toBe(0);
    expect(m.delete(u32(1))).toBe(0);
    expect(m.delete(u32(1))).toBe(-Errno.ENOENT);
  });

  it("with BPF_F_NO_COMMON_LRU rounds max_entries to the CPUs and evicts from the CPU's own list", () => {
    const m = lru(5, MapFlags.NO_COMMON_LRU, 2);
    expect(m.maxEntries).toBe(6);
    for (const k of [1, 2, 3]) m.update(u32(k), u64(k), 0, 0); // CPU 0's list is full (3)
    m.update(u32(10), u64(10), 0, 1);
    m.update(u32(4), u64(4), 0, 0); // evicts 1 from CPU 0's list, not 10
    expect(keys(m)).toEqual([2, 3, 4, 10]);
  });

  it("LRU per-CPU hash updates in place and does not take an element for BPF_EXIST", () => {
    const m = lru(2, 0, 2, MapType.LRU_PERCPU_HASH);
    m.update(u32(1), u64(1), 0, 0);
    m.update(u32(2), u64(2), 0, 1);
    expect(m.update(u32(1), u64(11), UpdateFlags.EXIST, 1)).toBe(0);
    expect(keys(m)).toEqual([1, 2]);
    expect(
      m.lookupAllCpus(u32(1))!.map((v) => Number(new DataView(v.buffer, v.byteOffset).getBigUint64(0, true))),
    ).toEqual([1, 11]);
  });

  it("matches an exact LRU model under random operations (fast-check)", () => {
    type Cmd = { kind: "update" | "lookup" | "delete"; key: number };
    const cmd = fc.record({
      kind: fc.constantFrom("update" as const, "lookup" as const, "delete" as const),
      key: fc.integer({ min: 0, max: 12 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(cmd, { maxLength: 150 }), (max, cmds: Cmd[]) => {
        const m = lru(max);
        let order: number[] = []; // most recent first
        for (const c of cmds) {
          if (c.kind === "update") {
            if (order.length === max) order.pop(); // the fresh element comes from the LRU end
            order = [c.key, ...order.filter((k) => k !== c.key)];
            expect(m.update(u32(c.key), u64(c.key))).toBe(0);
          } else if (c.kind === "lookup") {
            const hit = order.includes(c.key);
            if (hit) order = [c.key, ...order.filter((k) => k !== c.key)];
            expect(m.lookup(u32(c.key)) !== undefined).toBe(hit);
          } else {
            const hit = order.includes(c.key);
            order = order.filter((k) => k !== c.key);
            expect(m.delete(u32(c.key))).toBe(hit ? 0 : -Errno.ENOENT);
          }
        }
        expect([...m.usageOrder()].map(readU32)).toEqual(order);
        expect(m.count).toBe(order.length);
      }),
      { numRuns: 300 },
    );
  });
});
