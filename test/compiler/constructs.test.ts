import { describe, expect, it } from "vitest";
import { compileSource, type CompileOptions, type CompileOutput } from "../../compiler/index.js";
import { formatDiagnosticLine, unwrap } from "../../runtime/diag/diagnostic.js";
import { Cls, Mode } from "../../runtime/isa/index.js";
import { keyedHistograms, log2Bucket, type QueueStackMap } from "../../runtime/maps/index.js";
import type { StructLayout } from "../../runtime/layout/index.js";
import { kernelFunctionArgCount } from "../../compiler/frontend/kernel-functions.js";
import { sandboxOf } from "../examples/harness.js";

/** Language constructs beyond the samples, each run in the sandbox. */

const IMPORTS = `import { ArrayMap, HashMap, Queue, KeyedHistogram, rawTracepoint, tracepoint, fexit, u32, u64, type bool } from "tsbpf";
export const out = new ArrayMap<u64>({ maxEntries: 8 });
`;

function build(body: string, options: CompileOptions = {}): CompileOutput {
  const r = compileSource(IMPORTS + body, "test/fixtures/compiler/constructs.ts", options);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n"));
  return r.value;
}

function outputs(sb: ReturnType<typeof sandboxOf>, n = 4): bigint[] {
  const m = unwrap(sb.typed<number, bigint>("out"));
  return Array.from({ length: n }, (_, k) => m.get(k)!);
}

describe("optional values", () => {
  const o = build(`
export const seen = new HashMap<u32, u64>({ maxEntries: 16 });
export const flags = new ArrayMap<bool>({ maxEntries: 1 });
export const p = rawTracepoint("sys_enter", (ctx) => {
  const k = u32(ctx.arg(0));
  out.set(0, seen.get(k) ?? 99);
  flags.set(0, seen.has(k));
  out.set(1, 0);
  const present: bool = seen.has(k + 1);
  out.set(2, present ? 7 : 8);
  if (seen.has(k)) out.set(3, 1);
  else out.set(3, 2);
  return 0;
});
`);
  it("?? gives the value when present and the fallback when absent; has() is 0 or 1", () => {
    const sb = sandboxOf(o);
    unwrap(sb.typed<number, bigint>("seen")).set(5, 123n);
    unwrap(sb.typed<number, bigint>("seen")).set(7, 0n);
    const flag = (): number => sb.map("flags")!.lookup(new Uint8Array(4))![0]!;
    sb.run("p", { args: [5] });
    expect(outputs(sb)).toEqual([123n, 0n, 8n, 1n]);
    expect(flag()).toBe(1);
    sb.run("p", { args: [6] });
    expect(outputs(sb)).toEqual([99n, 0n, 7n, 2n]);
    expect(flag()).toBe(0);
  });
});

describe("struct values", () => {
  const o = build(`
interface Base { a: u32; b: u32 }
interface Stats extends Base { total: u64 }
export const stats = new HashMap<u32, Stats>({ maxEntries: 16 });
export const q = new Queue<Base>({ maxEntries: 4 });
export const p = rawTracepoint("sys_enter", (ctx) => {
  const s = stats.get(1);
  if (s === undefined) return 1;
  s.total += 1000; // the copy changes, not the map
  out.set(0, s.total);
  out.set(1, u64(s.a) + u64(s.b));
  const e = q.pop();
  if (!e) return 2;
  out.set(2, u64(e.a) * 10 + u64(e.b));
  return 0;
});
`);
  it("lays out an interface that extends another as one flat struct", () => {
    expect(o.layouts.maps.stats!.value).toMatchObject({
      kind: "struct",
      size: 16,
      fields: [
        { name: "a", offset: 0 },
        { name: "b", offset: 4 },
        { name: "total", offset: 8 },
      ],
    });
  });
  it("get() copies a struct value and pop() fills one, both null when absent", () => {
    const sb = sandboxOf(o);
    expect(sb.run("p", { args: [] }).ret).toBe(1);
    const stats = unwrap(sb.typed<number, { a: number; b: number; total: bigint }>("stats"));
    stats.set(1, { a: 3, b: 4, total: 5n });
    expect(sb.run("p", { args: [] }).ret).toBe(2); // queue empty
    expect(outputs(sb, 2)).toEqual([1005n, 7n]);
    expect(stats.get(1)!.total).toBe(5n);
    const q = sb.map("q") as QueueStackMap;
    const rec = new Uint8Array(8);
    new DataView(rec.buffer).setUint32(0, 4, true);
    new DataView(rec.buffer).setUint32(4, 2, true);
    expect(q.push(rec)).toBe(0);
    expect(sb.run("p", { args: [] }).ret).toBe(0);
    expect(outputs(sb, 3)[2]).toBe(42n);
  });
});

describe("keyed histograms", () => {
  const o = build(`
export const lat = new KeyedHistogram<u32>({ scale: "log2" });
export const p = rawTracepoint("sys_exit", (ctx) => {
  lat.record(u32(ctx.arg(0)), ctx.arg(1));
  return 0;
});
`);
  it("counts per key and bucket as bpftrace's @h[key] = hist(v)", () => {
    const sb = sandboxOf(o);
    const samples: [number, number][] = [
      [1, 0],
      [1, 5],
      [1, 6],
      [2, 1000],
      [2, 1],
    ];
    for (const [k, v] of samples) expect(sb.run("p", { args: [k, v] }).fault).toBeUndefined();
    const groups = keyedHistograms(sb.map("lat")!, o.layouts.maps.lat!.key as StructLayout);
    const byKey = new Map(groups.map((g) => [g.key.key as number, g.counts]));
    const expected = (values: number[]): bigint[] => {
      const c: bigint[] = [];
      for (const v of values) {
        const b = log2Bucket(v);
        while (c.length <= b) c.push(0n);
        c[b]! += 1n;
      }
      return c;
    };
    expect(byKey.get(1)).toEqual(expected([0, 5, 6]));
    expect(byKey.get(2)).toEqual(expected([1000, 1]));
  });
});

describe("fexit return values", () => {
  const n = kernelFunctionArgCount("do_unlinkat");
  it.skipIf(n === undefined)(
    "reads ctx.ret() after the traced function's arguments (from vmlinux BTF)",
    () => {
      const o = build(`
export const p = fexit("do_unlinkat", (ctx) => {
  out.set(0, ctx.ret());
  return 0;
});
`);
      const loads = o.spec.programs[0]!.instructions.filter((i) => i.opcode === (Cls.LDX | Mode.MEM | 0x18));
      // (this kernel refuses fexit programs even from clang with EPERM, so no load test here)
      expect(loads.map((i) => i.off)).toContain(n! * 8);
    },
  );
});

describe("tracepoint record layouts", () => {
  it("come from the running kernel or, on request, from the snapshot", () => {
    const src = `
export const p = tracepoint("syscalls/sys_enter_openat", (ctx) => {
  out.set(0, ctx.flags);
  return 0;
});
`;
    const live = build(src).spec.programs[0]!.instructions;
    const snap = build(src, { tracepoints: "snapshot" }).spec.programs[0]!.instructions;
    expect(live.length).toBeGreaterThan(0);
    // the flags offset (32 since 2015) is the same in both here
    expect(live.map((i) => i.off)).toContain(32);
    expect(snap.map((i) => i.off)).toContain(32);
  });
});
