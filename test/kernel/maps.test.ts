import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  KernelMap,
  kernelAvailability,
  readU32,
  readU64,
  u32Bytes,
  u64Bytes,
  possibleCpus,
  type KernelResult,
} from "../../runtime/kernel/index.js";
import { MapType, UpdateFlags } from "../../runtime/uapi/bpf.js";

const avail = kernelAvailability();
if (!avail.ok) console.warn(`skipping kernel map tests: ${avail.reason}`);

function must<T>(r: KernelResult<T>): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const hex = (b: Uint8Array | undefined): string | undefined =>
  b ? Buffer.from(b).toString("hex") : undefined;

describe.skipIf(!avail.ok)("kernel maps", () => {
  const open: KernelMap[] = [];
  const make = (
    type: number,
    keySize: number,
    valueSize: number,
    maxEntries: number,
    name: string,
  ): KernelMap => {
    const m = must(KernelMap.create({ type, keySize, valueSize, maxEntries, name }));
    open.push(m);
    return m;
  };
  afterAll(() => open.forEach((m) => m.close()));

  it("hash map: update, lookup, delete, iterate", () => {
    const m = make(MapType.HASH, 4, 8, 16, "t_hash");
    for (const k of [3, 1, 2]) must(m.update(u32Bytes(k), u64Bytes(BigInt(k) * 1000n)));
    expect(readU64(must(m.lookup(u32Bytes(2)))!)).toBe(2000n);
    expect(must(m.lookup(u32Bytes(9)))).toBeUndefined();
    const keys = must(m.keys())
      .map((k) => readU32(k))
      .sort();
    expect(keys).toEqual([1, 2, 3]);
    must(m.delete(u32Bytes(1)));
    const del = m.delete(u32Bytes(1));
    expect(del.ok).toBe(false);
    if (!del.ok) expect(del.name).toBe("ENOENT");
    const entries = must(m.entries()).map(([k, v]) => [readU32(k), readU64(v)]);
    expect(entries.sort()).toEqual([
      [2, 2000n],
      [3, 3000n],
    ]);
  });

  it("hash map update flags: NOEXIST on a present key is EEXIST, EXIST on an absent key ENOENT", () => {
    const m = make(MapType.HASH, 4, 4, 4, "t_flags");
    must(m.update(u32Bytes(1), u32Bytes(1), UpdateFlags.NOEXIST));
    const again = m.update(u32Bytes(1), u32Bytes(2), UpdateFlags.NOEXIST);
    expect(again.ok ? "ok" : again.name).toBe("EEXIST");
    const absent = m.update(u32Bytes(7), u32Bytes(2), UpdateFlags.EXIST);
    expect(absent.ok ? "ok" : absent.name).toBe("ENOENT");
  });

  it("hash map full: E2BIG", () => {
    const m = make(MapType.HASH, 4, 4, 2, "t_full");
    must(m.update(u32Bytes(1), u32Bytes(1)));
    must(m.update(u32Bytes(2), u32Bytes(1)));
    const r = m.update(u32Bytes(3), u32Bytes(1));
    expect(r.ok ? "ok" : r.name).toBe("E2BIG");
  });

  it("array map: zero-initialised, every index iterates, delete is EINVAL", () => {
    const m = make(MapType.ARRAY, 4, 4, 4, "t_array");
    expect(hex(must(m.lookup(u32Bytes(3))))).toBe("00000000");
    must(m.update(u32Bytes(2), u32Bytes(0xdeadbeef)));
    expect(readU32(must(m.lookup(u32Bytes(2)))!)).toBe(0xdeadbeef);
    expect(must(m.keys()).map((k) => readU32(k))).toEqual([0, 1, 2, 3]);
    const d = m.delete(u32Bytes(0));
    expect(d.ok ? "ok" : d.name).toBe("EINVAL");
    const out = m.update(u32Bytes(4), u32Bytes(0));
    expect(out.ok ? "ok" : out.name).toBe("E2BIG");
  });

  it("per-CPU array: one 8-byte-rounded slot per possible CPU", () => {
    const m = make(MapType.PERCPU_ARRAY, 4, 4, 1, "t_percpu");
    const n = possibleCpus();
    expect(m.valueBytes).toBe(8 * n);
    const value = new Uint8Array(8 * n);
    for (let c = 0; c < n; c++) value[c * 8] = c + 1;
    must(m.update(u32Bytes(0), value));
    const back = must(m.lookup(u32Bytes(0)))!;
    expect([...back].filter((_, i) => i % 8 === 0)).toEqual(Array.from({ length: n }, (_, c) => c + 1));
  });

  it("queue: push, pop in FIFO order, empty pop is undefined; stack pops LIFO", () => {
    const q = make(MapType.QUEUE, 0, 4, 4, "t_queue");
    const s = make(MapType.STACK, 0, 4, 4, "t_stack");
    for (const v of [10, 20, 30]) {
      must(q.push(u32Bytes(v)));
      must(s.push(u32Bytes(v)));
    }
    expect(readU32(must(q.lookup(undefined))!)).toBe(10); // peek
    const qOut = [must(q.pop()), must(q.pop()), must(q.pop())].map((b) => readU32(b!));
    const sOut = [must(s.pop()), must(s.pop()), must(s.pop())].map((b) => readU32(b!));
    expect(qOut).toEqual([10, 20, 30]);
    expect(sOut).toEqual([30, 20, 10]);
    expect(must(q.pop())).toBeUndefined();
  });

  it("hash lookup-and-delete takes the value out", () => {
    const m = make(MapType.HASH, 4, 4, 4, "t_take");
    must(m.update(u32Bytes(5), u32Bytes(55)));
    expect(readU32(must(m.lookupAndDelete(u32Bytes(5)))!)).toBe(55);
    expect(must(m.lookup(u32Bytes(5)))).toBeUndefined();
  });

  it("freeze: user-space updates fail with EPERM afterwards", () => {
    const m = make(MapType.ARRAY, 4, 4, 1, "t_frozen");
    must(m.update(u32Bytes(0), u32Bytes(7)));
    must(m.freeze());
    const r = m.update(u32Bytes(0), u32Bytes(8));
    expect(r.ok ? "ok" : r.name).toBe("EPERM");
    expect(readU32(must(m.lookup(u32Bytes(0)))!)).toBe(7);
  });

  it("map info matches what was created, and the name is sanitised to the kernel's charset", () => {
    const m = make(MapType.HASH, 8, 16, 32, "my-map:counts_and_more");
    const info = must(m.info());
    expect(info).toMatchObject({
      type: MapType.HASH,
      keySize: 8,
      valueSize: 16,
      maxEntries: 32,
      name: "my_map_counts_a",
    });
    expect(info.id).toBeGreaterThan(0);
  });

  it("bad arguments are errno values, not exceptions", () => {
    const r = KernelMap.create({ type: MapType.HASH, keySize: 0, valueSize: 4, maxEntries: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.name).toBe("EINVAL");
      expect(r.errno).toBe(22);
      expect(r.message).toMatch(/BPF_MAP_CREATE.*EINVAL/);
    }
  });

  it("a closed map reports EBADF", () => {
    const m = make(MapType.ARRAY, 4, 4, 1, "t_closed");
    must(m.close());
    expect(m.closed).toBe(true);
    const r = m.lookup(u32Bytes(0));
    expect(r.ok ? "ok" : r.name).toBe("EBADF");
  });
});
