import { expect, it } from "vitest";
import { MapType } from "../../runtime/uapi/bpf.js";
import { make, readU64 } from "./helpers.js";

// A memory bound, not a timing: 1,000,000 u32 → u64 entries must fit in 100 MB of process memory.
it("holds 1,000,000 u32→u64 entries in under 100 MB", () => {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const m = make(MapType.HASH, 4, 8, 1_000_000);
  const key = new Uint8Array(4);
  const kv = new DataView(key.buffer);
  const value = new Uint8Array(8);
  const vv = new DataView(value.buffer);
  for (let i = 0; i < 1_000_000; i++) {
    kv.setUint32(0, i * 2654435761, true);
    vv.setBigUint64(0, BigInt(i), true);
    if (m.update(key, value) !== 0) throw new Error(`update ${i} failed`);
  }
  globalThis.gc?.();
  const after = process.memoryUsage();
  expect(m.count).toBe(1_000_000);
  kv.setUint32(0, 12345 * 2654435761, true);
  expect(readU64(m.lookup(key)!)).toBe(12345n);
  const grew = (a: NodeJS.MemoryUsage, b: NodeJS.MemoryUsage): number =>
    b.heapUsed - a.heapUsed + (b.arrayBuffers - a.arrayBuffers);
  const used = grew(before, after);
  const rss = after.rss - before.rss;
  console.log(
    `1M-entry hash map: heap+buffers +${(used / 1e6).toFixed(1)} MB, rss +${(rss / 1e6).toFixed(1)} MB`,
  );
  expect(used).toBeLessThan(100e6);
  expect(rss).toBeLessThan(100e6);
});
