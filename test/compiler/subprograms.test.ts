import { describe, expect, it } from "vitest";
import { compileSource, type CompileOptions, type CompileOutput } from "../../compiler/index.js";
import { formatDiagnosticLine, unwrap } from "../../runtime/diag/diagnostic.js";
import { CallSrc, LdImm64Src, Op } from "../../runtime/isa/index.js";
import { kernelAvailability, loadCollection } from "../../runtime/kernel/index.js";
import { sandboxOf } from "../examples/harness.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildObject } from "../../compiler/emit/index.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";

/** BPF-to-BPF calls (`@noinline` functions) and bpf.loop callbacks, run in the sandbox and the kernel. */

const HEADER = `import { ArrayMap, rawTracepoint, bpf, u32, u64, i64, i8 } from "tsbpf";
export const out = new ArrayMap<u64>({ maxEntries: 8 });
`;

function build(body: string, options: CompileOptions = {}): CompileOutput {
  const r = compileSource(HEADER + body, "test/fixtures/compiler/subprograms.ts", options);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n"));
  return r.value;
}

function run(o: CompileOutput, args: (number | bigint)[]): bigint[] {
  const sb = sandboxOf(o);
  const r = sb.run(o.spec.programs[0]!.name, { args });
  expect(r.fault).toBeUndefined();
  const m = unwrap(sb.typed<number, bigint>("out"));
  return [0, 1, 2, 3].map((k) => m.get(k)!);
}

const avail = kernelAvailability();

const MIX = `
/** @noinline */
function mix(a: u64, b: u64): u64 {
  return a * 31 + b;
}
/** @noinline */
function twice(a: u64): u64 {
  return mix(a, a) + mix(a, 1);
}
export const p = rawTracepoint("sys_enter", (ctx) => {
  const x = mix(ctx.arg(0), ctx.arg(1));
  out.set(0, x);
  out.set(1, twice(x));
  out.set(2, mix(2, 3));
  return 0;
});
`;

const LOOP = `
interface Pair { a: u64; b: u64 }
export const p = rawTracepoint("sys_enter", (ctx) => {
  let total: u64 = 0;
  const k: u64 = ctx.arg(1);
  const pair: Pair = { a: 0, b: 0 };
  const calls = bpf.loop(u32(ctx.arg(0) & 0xff), (i) => {
    if (i >= 10) return 1; // stop early
    total += i * k;
    pair.a += i;
    pair.b += ctx.arg(2);
    return 0;
  });
  out.set(0, total);
  out.set(1, pair.a);
  out.set(2, pair.b);
  out.set(3, u64(calls));
  return 0;
});
`;

describe("BPF-to-BPF calls", () => {
  it("links each @noinline function once, after the program, with call offsets set", () => {
    const o = build(MIX);
    const p = o.spec.programs[0]!;
    expect(p.funcInfo!.map((f) => f.name)).toEqual(["p", "mix", "twice"]);
    const calls = p.instructions.filter((i) => i.opcode === Op.CALL && i.src === CallSrc.LOCAL);
    expect(calls.length).toBe(5);
    expect(p.relocations.filter((r) => r.target.kind === "call")).toHaveLength(5);
    expect(run(o, [5, 9])).toEqual([5n * 31n + 9n, 164n * 31n + 164n + (164n * 31n + 1n), 65n, 0n]);
  });

  it.skipIf(!avail.ok)("is accepted by the kernel verifier", () => {
    const loaded = loadCollection(build(MIX).spec);
    if (!loaded.ok) throw new Error(loaded.message);
    loaded.value.close();
  });

  it("reports recursion through @noinline functions", () => {
    const r = compileSource(
      HEADER +
        `/** @noinline */ function f(a: u64): u64 { return a === 0 ? 0 : f(a - 1); }
export const p = rawTracepoint("x", (ctx) => { out.set(0, f(ctx.arg(0))); return 0; });`,
      "test/fixtures/compiler/recursive.ts",
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toContain("TSB1011");
  });
});

describe("bpf.loop", () => {
  it("passes the callback by lddw FUNC and captured variables through callback_ctx", () => {
    const o = build(LOOP);
    const p = o.spec.programs[0]!;
    expect(p.instructions.some((i) => i.opcode === Op.LDDW && i.src === LdImm64Src.FUNC)).toBe(true);
    expect(p.relocations.some((r) => r.target.kind === "func")).toBe(true);
    expect(p.instructions.some((i) => i.opcode === Op.CALL && i.imm === 181)).toBe(true);
    expect(p.funcInfo!.map((f) => f.name)).toEqual(["p", "p_loop"]);
  });

  it.skipIf(!avail.ok)(
    "is accepted by the kernel verifier (callbacks need BTF func_info: through the ELF writer)",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "tsbpf-loop-"));
      writeFileSync(join(dir, "loop.ts"), HEADER + LOOP);
      const built = buildObject(join(dir, "loop.ts"), { out: join(dir, "loop.bpf.o"), verify: false });
      if (!built.ok) throw new Error(built.diagnostics.map(formatDiagnosticLine).join("\n"));
      const spec = unwrap(loadCollectionSpec(readFileSync(join(dir, "loop.bpf.o")), { file: "loop.bpf.o" }));
      const loaded = loadCollection(spec);
      if (!loaded.ok) throw new Error(loaded.message);
      loaded.value.close();
    },
  );

  it("runs the body count times, writes back captured variables and stops when it returns 1", () => {
    const o = build(LOOP);
    // 4 iterations: total = (0+1+2+3)*k, pair.a = 6, pair.b = 4 * arg2, 4 calls
    expect(run(o, [4, 3, 100])).toEqual([18n, 6n, 400n, 4n]);
    // 300 & 0xff = 44 iterations, stopped at i = 10 (that call counts: bpf_loop returns 11)
    expect(run(o, [300, 2, 1])).toEqual([90n, 45n, 10n, 11n]);
    expect(run(o, [0, 2, 1])).toEqual([0n, 0n, 0n, 0n]);
  });
});

describe("v4 instructions", () => {
  const SRC = `
export const p = rawTracepoint("sys_enter", (ctx) => {
  const a = ctx.arg(0) as i64;
  const b = ctx.arg(1) as i64;
  out.set(0, u64(a / b));
  out.set(1, u64(a % b));
  const small = i8(ctx.arg(2));
  out.set(2, u64(i64(small)));
  return 0;
});
`;
  for (const cpu of ["v3", "v4"] as const)
    it(`divides signed values and sign-extends on ${cpu}`, () => {
      const o = build(SRC, { cpu });
      const ins = o.spec.programs[0]!.instructions;
      const signedDiv = ins.some(
        (i) => (i.opcode & 0x07) === 0x07 && [0x30, 0x90].includes(i.opcode & 0xf0) && i.off === 1,
      );
      const movsx = ins.some((i) => i.opcode === 0xbf && i.off !== 0);
      expect(signedDiv).toBe(cpu === "v4");
      expect(movsx).toBe(cpu === "v4");
      const u = (v: bigint) => BigInt.asUintN(64, v);
      expect(run(o, [u(-7n), 2, 0x80])).toEqual([u(-3n), u(-1n), u(-128n), 0n]);
      expect(run(o, [7, u(-2n), 0x7f])).toEqual([u(-3n), 1n, 127n, 0n]);
      expect(run(o, [u(-8n), 0, 1])).toEqual([0n, u(-8n), 1n, 0n]);
    });
});
