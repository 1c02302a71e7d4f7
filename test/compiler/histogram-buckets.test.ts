import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../compiler/index.js";
import { formatDiagnosticLine, unwrap } from "../../runtime/diag/diagnostic.js";
import { log2Bucket } from "../../runtime/maps/index.js";
import { sandboxOf } from "../examples/harness.js";

/**
 * Histogram({ scale: "log2" }).record(v) lowers to branch-free bucket arithmetic (compiler/ir/lower/
 * maps.ts); every value must land in the bucket the runtime's reference (bpftrace's hist())
 * names, at the edges of each halving step and for arbitrary 64-bit values.
 */
const SRC = `import { Histogram, rawTracepoint } from "tsbpf";
export const lat = new Histogram({ scale: "log2" });
export const p = rawTracepoint("sys_exit", (ctx) => {
  lat.record(ctx.arg(0));
  return 0;
});
`;

const r = compileSource(SRC, "test/fixtures/compiler/histogram-buckets.ts");
if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n"));
const out = r.value;

/** The bucket one run of the program with this value counted in (and that it counted once). */
function bucketOf(v: bigint): number {
  const sb = sandboxOf(out);
  expect(sb.run("p", { args: [BigInt.asUintN(64, v), 0n] }).fault).toBeUndefined();
  const m = unwrap(sb.typed<number, bigint>("lat"));
  const hit: number[] = [];
  for (let k = 0; k < 66; k++) if ((m.get(k) ?? 0n) !== 0n) hit.push(k);
  expect(hit.map((k) => m.get(k))).toEqual([1n]);
  return hit[0]!;
}

const EDGES: bigint[] = [-(1n << 63n), -1n, 0n, 1n, (1n << 63n) - 1n];
for (let k = 1n; k < 63n; k++) EDGES.push((1n << k) - 1n, 1n << k, (1n << k) + 1n);

describe("log2 histogram buckets", () => {
  it.each(EDGES.map((v) => [v]))("%s", (v) => {
    expect(bucketOf(v)).toBe(log2Bucket(v));
  });
  it("agrees with log2Bucket on arbitrary 64-bit values", () => {
    fc.assert(
      fc.property(fc.bigInt(-(1n << 63n), (1n << 63n) - 1n), (v) => bucketOf(v) === log2Bucket(v)),
      { numRuns: 200 },
    );
  });
});
