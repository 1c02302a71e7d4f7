import { describe, expect, it } from "vitest";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import {
  BloomFilterMap,
  checkMapSpec,
  createMap,
  LpmTrieMap,
  PerfEventArrayMap,
  ProgArrayMap,
  QueueStackMap,
  StackTraceMap,
} from "../../runtime/maps/index.js";
import { Errno, MapFlags, MapType, StackIdFlags } from "../../runtime/uapi/bpf.js";
import { make, readU32, u32 } from "./helpers.js";

describe("map creation checks (the kernel's map_alloc_check rules)", () => {
  const T = MapType;
  it.each([
    ["hash, max_entries 0", T.HASH, 4, 8, 0, 0, -Errno.EINVAL],
    ["hash, key_size 0", T.HASH, 0, 8, 1, 0, -Errno.EINVAL],
    ["hash, value_size 0", T.HASH, 4, 0, 1, 0, -Errno.EINVAL],
    ["hash, unknown flag", T.HASH, 4, 8, 1, 1 << 20, -Errno.EINVAL],
    ["hash, NO_COMMON_LRU", T.HASH, 4, 8, 1, MapFlags.NO_COMMON_LRU, -Errno.EINVAL],
    ["hash, RDONLY|WRONLY", T.HASH, 4, 8, 1, MapFlags.RDONLY | MapFlags.WRONLY, -Errno.EINVAL],
    ["LRU, NO_PREALLOC", T.LRU_HASH, 4, 8, 1, MapFlags.NO_PREALLOC, -Errno.ENOTSUPP],
    ["hash, huge value", T.HASH, 4, 1 << 22, 1, 0, -Errno.E2BIG],
    ["per-CPU hash, 40 KiB value", T.PERCPU_HASH, 4, 40 << 10, 1, 0, -Errno.E2BIG],
    ["array, key_size 8", T.ARRAY, 8, 8, 1, 0, -Errno.EINVAL],
    ["array, mmapable", T.ARRAY, 4, 8, 1, MapFlags.MMAPABLE, 0],
    ["per-CPU array, mmapable", T.PERCPU_ARRAY, 4, 8, 1, MapFlags.MMAPABLE, -Errno.EINVAL],
    ["prog array, value_size 8", T.PROG_ARRAY, 4, 8, 1, 0, -Errno.EINVAL],
    ["queue, key_size 4", T.QUEUE, 4, 8, 1, 0, -Errno.EINVAL],
    ["stack, ok", T.STACK, 0, 8, 1, 0, 0],
    ["stack trace, value_size 12", T.STACK_TRACE, 4, 12, 1, 0, -Errno.EINVAL],
    ["stack trace, 128 frames", T.STACK_TRACE, 4, 128 * 8, 1, 0, -Errno.EINVAL],
    ["LPM trie without NO_PREALLOC", T.LPM_TRIE, 8, 8, 1, 0, -Errno.EINVAL],
    ["LPM trie", T.LPM_TRIE, 8, 8, 1, MapFlags.NO_PREALLOC, 0],
    ["bloom filter with key", T.BLOOM_FILTER, 4, 8, 1, 0, -Errno.EINVAL],
    ["cgroup storage", T.CGROUP_STORAGE, 8, 8, 0, 0, -Errno.EINVAL],
  ])("%s", (_name, type, keySize, valueSize, maxEntries, flags, errno) => {
    const r = checkMapSpec({ name: "m", type, keySize, valueSize, maxEntries, flags });
    expect(r?.errno ?? 0).toBe(errno);
  });

  it("reports a refused spec as a diagnostic naming the map and errno", () => {
    const r = createMap({
      name: "counts",
      type: MapType.HASH,
      keySize: 4,
      valueSize: 8,
      maxEntries: 0,
      flags: 0,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.message).toMatch(/map 'counts'.*-EINVAL/);
    const u = createMap({
      name: "s",
      type: MapType.SOCKMAP,
      keySize: 4,
      valueSize: 4,
      maxEntries: 1,
      flags: 0,
    });
    expect(!u.ok && u.diagnostics[0]!.code).toBe("TSB0750");
  });
});

describe("array maps", () => {
  it("per-CPU arrays keep one value per CPU", () => {
    const m = make(MapType.PERCPU_ARRAY, 4, 4, 2, 0, 4);
    expect(m.update(u32(1), u32(9), 0, 3)).toBe(0);
    expect(m.lookupAllCpus(u32(1))!.map(readU32)).toEqual([0, 0, 0, 9]);
    expect(m.lookup(u32(1), 4)).toBeUndefined();
    expect(m.updateAllCpus(u32(0), [u32(1), u32(2), u32(3), u32(4)], 1)).toBe(-Errno.EEXIST);
    expect(m.updateAllCpus(u32(0), [u32(1), u32(2), u32(3), u32(4)], 4)).toBe(-Errno.EINVAL);
    expect(m.updateAllCpus(u32(0), [u32(1), u32(2), u32(3), u32(4)])).toBe(0);
    expect(m.lookupAllCpus(u32(0))!.map(readU32)).toEqual([1, 2, 3, 4]);
  });
});

describe("queue and stack", () => {
  it("the syscall view pushes on update and peeks on lookup; map ops answer -EINVAL", () => {
    const q = make(MapType.QUEUE, 0, 4, 4) as QueueStackMap;
    expect(q.updateAllCpus(new Uint8Array(0), u32(5))).toBe(0);
    expect(q.lookupAllCpus(new Uint8Array(0))!.map(readU32)).toEqual([5]);
    expect(q.count).toBe(1);
    expect(q.update(new Uint8Array(0), u32(1))).toBe(-Errno.EINVAL);
    expect(q.delete(new Uint8Array(0))).toBe(-Errno.EINVAL);
    expect(q.lookup(new Uint8Array(0))).toBeUndefined();
    for (let i = 0; i < 10; i++) q.push(u32(100 + i), 2); // overwrite-oldest wraps the ring
    expect([q.popValue(), q.popValue(), q.popValue(), q.popValue()].map((v) => readU32(v!))).toEqual([
      106, 107, 108, 109,
    ]);
  });
});

describe("perf event array", () => {
  it("outputs to the running CPU's slot and enforces the kernel's errors", () => {
    const m = make(MapType.PERF_EVENT_ARRAY, 4, 4, 4, 0, 2) as PerfEventArrayMap;
    expect(m.output(Uint8Array.of(1), 0xffffffffn, 1)).toBe(0); // BPF_F_CURRENT_CPU
    expect(m.output(Uint8Array.of(2), 0, 0)).toBe(0);
    expect(m.output(Uint8Array.of(3), 1, 0)).toBe(-Errno.EOPNOTSUPP); // slot 1's event is on CPU 1
    expect(m.output(Uint8Array.of(3), 2, 0)).toBe(-Errno.ENOENT); // no event in slot 2
    expect(m.output(Uint8Array.of(3), 4, 0)).toBe(-Errno.E2BIG);
    expect(m.output(Uint8Array.of(3), 1n << 33n, 0)).toBe(-Errno.EINVAL);
    expect(m.output(Uint8Array.of(3), (5n << 32n) | 0xffffffffn, 0, true)).toBe(0); // ctx length allowed
    expect(m.drain()).toEqual([
      { cpu: 0, index: 0, data: Uint8Array.of(2) },
      { cpu: 0, index: 0, data: Uint8Array.of(3) },
      { cpu: 1, index: 1, data: Uint8Array.of(1) },
    ]);
    m.open(0, 0, 32); // a 32-byte buffer holds two 1-byte samples (16 bytes each)
    expect([1, 2, 3].map((i) => m.output(Uint8Array.of(i), 0, 0))).toEqual([0, 0, -Errno.ENOSPC]);
    expect(m.lost(0)).toBe(1);
    expect(m.delete(u32(3))).toBe(-Errno.ENOENT);
    expect(m.update(u32(3), u32(1))).toBe(0);
    expect(m.output(Uint8Array.of(9), 3, 1)).toBe(0);
  });
});

describe("program array", () => {
  it("holds program references for tail calls", () => {
    const progs = new Map<string | number, object>([
      ["next", { p: "next" }],
      [7, { p: 7 }],
    ]);
    const m = unwrap(
      createMap(
        {
          name: "jmp",
          type: MapType.PROG_ARRAY,
          keySize: 4,
          valueSize: 4,
          maxEntries: 4,
          flags: 0,
          initialValues: [{ key: 2, symbol: "next" }],
        },
        { resolveProgram: (r) => progs.get(r) },
      ),
    ) as ProgArrayMap;
    expect(m.getProgram(2)).toEqual({ p: "next" });
    expect(m.getProgram(1)).toBeUndefined();
    expect(m.getProgram(1n << 40n)).toBeUndefined();
    expect(m.update(u32(1), u32(7))).toBe(0);
    expect(m.getProgram(1)).toEqual({ p: 7 });
    expect(m.update(u32(1), u32(8))).toBe(-Errno.EBADF);
    expect(m.update(u32(1), u32(7), 1)).toBe(-Errno.EINVAL);
    expect(m.update(u32(4), u32(7))).toBe(-Errno.E2BIG);
    expect(m.delete(u32(1))).toBe(0);
    expect(m.delete(u32(1))).toBe(-Errno.ENOENT);
    expect(m.lookup(u32(2))).toBeUndefined();
    const bad = createMap(
      {
        name: "jmp",
        type: MapType.PROG_ARRAY,
        keySize: 4,
        valueSize: 4,
        maxEntries: 4,
        flags: 0,
        initialValues: [{ key: 0, symbol: "nope" }],
      },
      { resolveProgram: (r) => progs.get(r) },
    );
    expect(bad.ok).toBe(false);
  });
});

describe("stack trace map", () => {
  it("gives the same id to the same stack and follows __bpf_get_stackid's errors", () => {
    const m = make(MapType.STACK_TRACE, 4, 3 * 8, 4) as StackTraceMap;
    const id = m.getStackId([0x10n, 0x20n, 0x30n]);
    expect(id).toBeGreaterThanOrEqual(0);
    expect(m.getStackId([0x10n, 0x20n, 0x30n])).toBe(id);
    expect(m.stack(id)).toEqual([0x10n, 0x20n, 0x30n]);
    expect(m.getStackId([0x1n, 0x10n, 0x20n, 0x30n], 1)).toBe(id); // skip one frame
    expect(m.getStackId([0x10n, 0x20n, 0x30n, 0x40n])).toBe(id); // deeper than 3 frames: cut
    expect(m.getStackId([0x1n], 1)).toBe(-Errno.EFAULT);
    expect(m.getStackId([0x1n], 1 << 12)).toBe(-Errno.EINVAL);
    const v = m.lookup(u32(id))!;
    expect(v.length).toBe(24);
    // Fill until a collision: -EEXIST, then REUSE_STACKID replaces.
    let collided = -1;
    for (let i = 0n; i < 64n && collided < 0; i++) {
      const r = m.getStackId([0x1000n + i]);
      if (r === -Errno.EEXIST) collided = Number(i);
      else if (r === -Errno.ENOMEM) break;
    }
    expect(collided).toBeGreaterThanOrEqual(0);
    const re = m.getStackId([0x1000n + BigInt(collided)], StackIdFlags.REUSE_STACKID);
    expect(m.stack(re)).toEqual([0x1000n + BigInt(collided)]);
    expect(m.delete(u32(99))).toBe(-Errno.E2BIG);
    expect(m.delete(u32(re))).toBe(0);
    expect(m.delete(u32(re))).toBe(-Errno.ENOENT);
    expect(m.update(u32(0), new Uint8Array(24))).toBe(-Errno.EINVAL);
    const ids = [...m.keys()].map(readU32);
    let walked: number[] = [];
    for (let k = m.getNextKey(); k; k = m.getNextKey(k)) walked.push(readU32(k));
    expect(walked).toEqual(ids);
  });
});

describe("LPM trie", () => {
  const key = (len: number, ...addr: number[]): Uint8Array => {
    const k = new Uint8Array(8);
    new DataView(k.buffer).setUint32(0, len, true);
    k.set(addr, 4);
    return k;
  };
  it("returns the longest matching prefix and walks more specific prefixes first", () => {
    const m = make(MapType.LPM_TRIE, 8, 4, 3, MapFlags.NO_PREALLOC) as LpmTrieMap;
    expect(m.update(key(8, 10), u32(8))).toBe(0);
    expect(m.update(key(16, 10, 1), u32(16))).toBe(0);
    expect(m.update(key(24, 192, 168, 1), u32(24))).toBe(0);
    expect(m.update(key(32, 10, 1, 1, 1), u32(32))).toBe(-Errno.ENOSPC);
    expect(m.update(key(32, 10, 1, 1, 1), u32(32), 2)).toBe(-Errno.ENOENT);
    expect(m.update(key(33, 10), u32(1))).toBe(-Errno.EINVAL);
    expect(m.update(key(8, 10, 99), u32(1), 1)).toBe(-Errno.EEXIST); // bits past the prefix do not count
    expect(readU32(m.lookup(key(32, 10, 1, 2, 3))!)).toBe(16);
    expect(readU32(m.lookup(key(32, 10, 2, 2, 3))!)).toBe(8);
    expect(readU32(m.lookup(key(12, 10, 1, 2, 3))!)).toBe(8); // the key's own prefix length limits
    expect(m.lookup(key(32, 11))).toBeUndefined();
    const order: number[] = [];
    for (let k = m.getNextKey(); k; k = m.getNextKey(k))
      order.push(new DataView(k.buffer).getUint32(0, true));
    expect(order).toEqual([16, 8, 24]);
    expect(new DataView(m.getNextKey(key(7, 1))!.buffer).getUint32(0, true)).toBe(16);
    expect(m.delete(key(16, 10, 1))).toBe(0);
    expect(m.delete(key(16, 10, 1))).toBe(-Errno.ENOENT);
  });
});

describe("bloom filter", () => {
  it("never forgets a pushed value", () => {
    const m = make(MapType.BLOOM_FILTER, 0, 4, 100) as BloomFilterMap;
    for (let i = 0; i < 100; i++) expect(m.push(u32(i * 7))).toBe(0);
    for (let i = 0; i < 100; i++) expect(m.peek(u32(i * 7))).toBe(0);
    let falsePositives = 0;
    for (let i = 0; i < 1000; i++) if (m.peek(u32(1_000_000 + i)) === 0) falsePositives++;
    expect(falsePositives).toBeLessThan(100);
    expect(m.push(u32(1), 1)).toBe(-Errno.EINVAL);
    expect(m.pop(new Uint8Array(4))).toBe(-Errno.EOPNOTSUPP);
  });
});
