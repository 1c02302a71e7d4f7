import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Errno, MapType, UpdateFlags } from "../../runtime/uapi/bpf.js";
import { make, readU32, readU64, u32, u64, walk } from "./helpers.js";

describe("hash map", () => {
  it("returns live views: writes through a lookup are seen by later lookups", () => {
    const m = make(MapType.HASH, 4, 8, 16);
    expect(m.update(u32(7), u64(1))).toBe(0);
    const v = m.lookup(u32(7))!;
    new DataView(v.buffer, v.byteOffset, 8).setBigUint64(0, 41n, true);
    expect(readU64(m.lookup(u32(7))!)).toBe(41n);
    expect(v.length).toBe(8);
  });

  it("replaces a present key with a new element, as alloc_htab_elem does", () => {
    const m = make(MapType.HASH, 4, 8, 4);
    m.update(u32(1), u64(10));
    const before = m.lookup(u32(1))!;
    expect(m.update(u32(1), u64(11))).toBe(0);
    expect(readU64(before)).toBe(10n); // the old element keeps the old value
    expect(readU64(m.lookup(u32(1))!)).toBe(11n);
    expect(m.count).toBe(1);
  });

  it("restarts iteration from the first key when the given key is absent", () => {
    const m = make(MapType.HASH, 4, 8, 64);
    for (let i = 0; i < 20; i++) m.update(u32(i * 3), u64(i));
    const order = walk(m);
    expect(order.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i * 3));
    expect(readU32(m.getNextKey(u32(1000))!)).toBe(order[0]);
    expect(readU32(m.getNextKey()!)).toBe(order[0]);
    expect(m.getNextKey(u32(order[order.length - 1]!))).toBeUndefined();
    expect([...m.keys()].map(readU32)).toEqual(order);
  });

  it("deleting the current key while iterating with the next one in hand visits every key", () => {
    const m = make(MapType.HASH, 4, 8, 128);
    for (let i = 0; i < 100; i++) m.update(u32(i), u64(i));
    const seen: number[] = [];
    let k = m.getNextKey();
    while (k) {
      const next = m.getNextKey(k);
      seen.push(readU32(k));
      expect(m.delete(k)).toBe(0);
      k = next;
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(m.count).toBe(0);
  });

  it("puts the newest element of a bucket first (hlist_nulls_add_head_rcu)", () => {
    // One bucket: max_entries 1 rounds to a single bucket, so every key shares it.
    const m = make(MapType.HASH, 4, 8, 1);
    m.update(u32(1), u64(1));
    expect(walk(m)).toEqual([1]);
    const m4 = make(MapType.HASH, 4, 8, 4);
    // Find two keys in the same bucket of a 4-bucket table by trying: the later one comes first.
    const table = (m4 as unknown as { table: { hash(k: Uint8Array): number } }).table;
    const bucket = (n: number): number => table.hash(u32(n)) & 3;
    const a = 100;
    let b = 101;
    while (bucket(b) !== bucket(a)) b++;
    m4.update(u32(a), u64(0));
    m4.update(u32(b), u64(0));
    expect(walk(m4)).toEqual([b, a]);
    m4.update(u32(a), u64(5)); // a replacement is linked at the head again
    expect(walk(m4)).toEqual([a, b]);
  });

  it("rejects flags above BPF_EXIST and BPF_F_LOCK with -EINVAL, also as bigints", () => {
    const m = make(MapType.HASH, 4, 8, 4);
    expect(m.update(u32(1), u64(1), 1n << 40n)).toBe(-Errno.EINVAL);
    expect(m.update(u32(1), u64(1), UpdateFlags.F_LOCK | UpdateFlags.NOEXIST)).toBe(-Errno.EINVAL);
    expect(m.update(u32(1), u64(1), 2n)).toBe(-Errno.ENOENT);
    expect(m.update(u32(1), u64(1), 0n)).toBe(0);
  });

  it("per-CPU hash: a program's update writes its CPU and zeroes the others on creation", () => {
    const m = make(MapType.PERCPU_HASH, 4, 4, 8, 0, 3);
    expect(m.update(u32(1), u32(5), 0, 1)).toBe(0);
    expect(m.lookupAllCpus(u32(1))!.map(readU32)).toEqual([0, 5, 0]);
    expect(m.update(u32(1), u32(6), 0, 2)).toBe(0); // in place (pcpu_copy_value)
    expect(m.lookupAllCpus(u32(1))!.map(readU32)).toEqual([0, 5, 6]);
    expect(readU32(m.lookup(u32(1), 2)!)).toBe(6);
    expect(m.lookup(u32(1), 3)).toBeUndefined(); // bpf_map_lookup_percpu_elem, cpu ≥ nr_cpus
    // The syscall's buffer: one value per CPU, each at a multiple of round_up(value_size, 8).
    const buf = new Uint8Array(24);
    [7, 8, 9].forEach((v, i) => new DataView(buf.buffer).setUint32(i * 8, v, true));
    expect(m.updateAllCpus(u32(2), buf)).toBe(0);
    expect(m.lookupAllCpus(u32(2))!.map(readU32)).toEqual([7, 8, 9]);
  });

  it("keeps values 8-byte aligned in its storage", () => {
    const m = make(MapType.HASH, 3, 5, 10);
    for (let i = 0; i < 10; i++) m.update(new Uint8Array([i, 0, 0]), new Uint8Array(5).fill(i));
    for (let i = 0; i < 10; i++) {
      const v = m.lookup(new Uint8Array([i, 0, 0]))!;
      expect(v.byteOffset % 8).toBe(0);
      expect([...v]).toEqual(new Array(5).fill(i));
    }
  });
});

describe("hash map against a JS Map model (fast-check)", () => {
  type Cmd =
    | { kind: "update"; key: number; value: number; flags: number }
    | { kind: "delete"; key: number }
    | { kind: "lookup"; key: number }
    | { kind: "write"; key: number; value: number };
  const cmd = fc.oneof(
    fc.record({
      kind: fc.constant("update" as const),
      key: fc.integer({ min: 0, max: 40 }),
      value: fc.integer({ min: 0, max: 0xffff }),
      flags: fc.constantFrom(0, 1, 2, 3),
    }),
    fc.record({ kind: fc.constant("delete" as const), key: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ kind: fc.constant("lookup" as const), key: fc.integer({ min: 0, max: 40 }) }),
    fc.record({
      kind: fc.constant("write" as const),
      key: fc.integer({ min: 0, max: 40 }),
      value: fc.integer({ min: 0, max: 0xffff }),
    }),
  );

  it("agrees on every result, the contents and iteration", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), fc.array(cmd, { maxLength: 200 }), (max, cmds: Cmd[]) => {
        const m = make(MapType.HASH, 4, 8, max);
        const model = new Map<number, number>();
        for (const c of cmds) {
          if (c.kind === "update") {
            const has = model.has(c.key);
            let want = 0;
            if (c.flags > 2) want = -Errno.EINVAL;
            else if (has && c.flags === 1) want = -Errno.EEXIST;
            else if (!has && c.flags === 2) want = -Errno.ENOENT;
            else if (!has && model.size >= max) want = -Errno.E2BIG;
            expect(m.update(u32(c.key), u64(c.value), c.flags)).toBe(want);
            if (want === 0) model.set(c.key, c.value);
          } else if (c.kind === "delete") {
            expect(m.delete(u32(c.key))).toBe(model.delete(c.key) ? 0 : -Errno.ENOENT);
          } else if (c.kind === "lookup") {
            const v = m.lookup(u32(c.key));
            expect(v === undefined ? undefined : Number(readU64(v))).toBe(model.get(c.key));
          } else {
            const v = m.lookup(u32(c.key));
            if (v) {
              new DataView(v.buffer, v.byteOffset, 8).setBigUint64(0, BigInt(c.value), true);
              model.set(c.key, c.value);
            }
          }
        }
        expect(m.count).toBe(model.size);
        expect(walk(m).sort((a, b) => a - b)).toEqual([...model.keys()].sort((a, b) => a - b));
        for (const [k, v] of model) expect(Number(readU64(m.lookup(u32(k))!))).toBe(v);
      }),
      { numRuns: 300 },
    );
  });
});
