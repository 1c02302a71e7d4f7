import { describe, expect, it } from "vitest";
import { compileSource, type CompileOutput } from "../../compiler/index.js";
import { formatDiagnosticLine, unwrap } from "../../runtime/diag/diagnostic.js";
import { Cls, Mode } from "../../runtime/isa/index.js";
import { sandboxOf } from "../examples/harness.js";

/**
 * shareKeySlots (compiler/passes/key-slots.ts): a key spilled twice with the same value is
 * spilled once, when the first copy reaches every use of the second; otherwise both stay.
 * Each case is counted in the code and run in the sandbox: the right entries go.
 */
function build(body: string): CompileOutput {
  const src = `import { HashMap, rawTracepoint, type u64 } from "tsbpf";
export const m = new HashMap<u64, u64>({ maxEntries: 16 });
export const p = rawTracepoint("sys_exit", (ctx) => {
  const id: u64 = ctx.arg(0);
  const c: u64 = ctx.arg(1);
${body}
  return 0;
});
`;
  const r = compileSource(src, "test/fixtures/compiler/key-slots.ts");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n"));
  return r.value;
}

/** Stores to the stack (r10-based, ST or STX of memory mode). */
function stackStores(o: CompileOutput): number {
  const insns = o.spec.programs[0]!.instructions;
  return insns.filter(
    (i) =>
      ((i.opcode & 7) === Cls.STX || (i.opcode & 7) === Cls.ST) &&
      (i.opcode & 0xe0) === Mode.MEM &&
      i.dst === 10,
  ).length;
}

/** Keys left in m after one run with these arguments, m holding 5, 6 and 7 before. */
function keysAfter(o: CompileOutput, args: bigint[]): bigint[] {
  const sb = sandboxOf(o);
  const m = unwrap(sb.typed<bigint, bigint>("m"));
  for (const k of [5n, 6n, 7n]) m.set(k, k * 10n);
  expect(sb.run("p", { args }).fault).toBeUndefined();
  return [5n, 6n, 7n].filter((k) => m.get(k) !== undefined);
}

describe("shareKeySlots", () => {
  it("spills a key read then deleted once", () => {
    const o = build(`  const v = m.get(id);\n  if (v === undefined) return 1;\n  m.delete(id);`);
    expect(stackStores(o)).toBe(1);
    expect(keysAfter(o, [6n, 0n])).toEqual([5n, 7n]);
  });
  it("keeps both spills when the values differ", () => {
    const o = build(`  const v = m.get(id);\n  if (v === undefined) return 1;\n  m.delete(id + 1);`);
    expect(stackStores(o)).toBe(2);
    expect(keysAfter(o, [6n, 0n])).toEqual([5n, 6n]);
  });
  it("keeps both spills when the first is not on every path to the second", () => {
    const o = build(`  if (c === 1) m.get(id);\n  m.delete(id);`);
    expect(stackStores(o)).toBe(2);
    expect(keysAfter(o, [6n, 0n])).toEqual([5n, 7n]);
    expect(keysAfter(o, [7n, 1n])).toEqual([5n, 6n]);
  });
});
