import { describe, expect, it } from "vitest";
import { DiagnosticError, unwrap } from "../../runtime/diag/diagnostic.js";
import { cstring, struct, u16, u32, u64, u8 } from "../../runtime/layout/index.js";
import { typedMap } from "../../runtime/maps/index.js";
import { MapType, UpdateFlags } from "../../runtime/uapi/bpf.js";
import { make } from "./helpers.js";

const stats = struct(
  [
    ["count", u64],
    ["comm", cstring(16)],
  ],
  { name: "stats" },
);

describe("typed map access", () => {
  it("gets, sets, deletes and iterates JS values", () => {
    const m = make(MapType.HASH, 4, 24, 8);
    const t = unwrap(typedMap<number, { count: bigint; comm: string }>(m, u32, stats));
    t.set(42, { count: 1n, comm: "bash" });
    t.set(7, { count: 2n, comm: "sh" });
    expect(t.get(42)).toEqual({ count: 1n, comm: "bash" });
    expect(t.get(1)).toBeUndefined();
    expect(t.has(7)).toBe(true);
    expect(t.size).toBe(2);
    expect(new Map(t.entries())).toEqual(
      new Map([
        [42, { count: 1n, comm: "bash" }],
        [7, { count: 2n, comm: "sh" }],
      ]),
    );
    expect([...t.keys()].sort()).toEqual([42, 7].sort());
    expect(t.delete(42)).toBe(true);
    expect(t.delete(42)).toBe(false);
    t.clear();
    expect(t.size).toBe(0);
  });

  it("sees writes a program makes through a live lookup view", () => {
    const m = make(MapType.HASH, 4, 8, 8);
    const t = unwrap(typedMap(m, u32, u64));
    t.set(1, 5n);
    const key = new Uint8Array([1, 0, 0, 0]);
    const v = m.lookup(key)!;
    new DataView(v.buffer, v.byteOffset).setBigUint64(0, 6n, true);
    expect(t.get(1)).toBe(6n);
  });

  it("returns one value per CPU for per-CPU maps and takes one per CPU", () => {
    const m = make(MapType.PERCPU_ARRAY, 4, 8, 4, 0, 3);
    const t = unwrap(typedMap<number, bigint[]>(m, u32, u64));
    m.update(new Uint8Array([2, 0, 0, 0]), new Uint8Array([9, 0, 0, 0, 0, 0, 0, 0]), 0, 1);
    expect(t.get(2)).toEqual([0n, 9n, 0n]);
    t.set(3, [1n, 2n, 3n]);
    expect(t.get(3)).toEqual([1n, 2n, 3n]);
    const r = t.trySet(3, [1n]);
    expect(!r.ok && r.diagnostics[0]!.code).toBe("TSB0706");
    expect(t.size).toBe(4);
  });

  it("reports values that do not fit and kernel errors as diagnostics", () => {
    const m = make(MapType.HASH, 2, 1, 1);
    const t = unwrap(typedMap(m, u16, u8));
    expect(() => t.set(70000, 1)).toThrow(DiagnosticError);
    const bad = t.trySet(1, 300);
    expect(!bad.ok && bad.diagnostics[0]!.message).toMatch(/value: 300 does not fit u8/);
    t.set(1, 1);
    const full = t.trySet(2, 1);
    expect(!full.ok && full.diagnostics[0]!.message).toMatch(/-E2BIG/);
    const exists = t.trySet(1, 2, UpdateFlags.NOEXIST);
    expect(!exists.ok && exists.diagnostics[0]!.code).toBe("TSB0712");
    const arr = unwrap(typedMap(make(MapType.ARRAY, 4, 1, 2), u32, u8));
    expect(() => arr.delete(0)).toThrow(/-EINVAL/);
  });

  it("refuses layouts whose sizes differ from the map's", () => {
    const r = typedMap(make(MapType.HASH, 4, 8, 1), u64, u32);
    expect(!r.ok && r.diagnostics.map((d) => d.code)).toEqual(["TSB0711", "TSB0711"]);
    const q = typedMap(make(MapType.QUEUE, 0, 8, 1), u32, u64);
    expect(q.ok).toBe(false);
  });
});
