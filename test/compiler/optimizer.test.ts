import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "./harness.js";

/**
 * The optimiser (propagation, CSE, jump threading, tail merging, dead code, rematerialisation,
 * web splitting, loop rotation, shared early returns, 32-bit narrowing, coalescing) never changes what a program computes: random programs with branches, bounded loops, ?:,
 * && / || and mixed widths give the same result compiled with and without it, for random inputs.
 */

const leaf = fc.oneof(
  fc.constantFrom("a", "b", "c", "x", "y", "u64(z)"),
  fc.bigInt({ min: 0n, max: 300n }).map((v) => `u64(${v})`),
  fc.constantFrom("u64(0xffffffff)", "u64(0x8000000000000000)"),
);

const { expr, cond } = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", maxDepth: 4, withCrossShrink: true },
    leaf,
    fc
      .tuple(tie("expr"), fc.constantFrom("+", "-", "*", "&", "|", "^"), tie("expr"))
      .map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(tie("expr"), fc.integer({ min: 0, max: 63 })).map(([l, s]) => `(${l} >> ${s})`),
    fc.tuple(tie("expr"), tie("expr")).map(([l, r]) => `(${l} / (${r} | 1))`),
    // the low half alone: the 32-bit ALU's zero-extension (peephole)
    tie("expr").map((l) => `(${l} & 0xffffffff)`),
    tie("expr").map((l) => `u64(u32(${l}))`),
    fc.tuple(tie("cond"), tie("expr"), tie("expr")).map(([c, l, r]) => `(${c} ? ${l} : ${r})`),
  ) as fc.Arbitrary<string>,
  cond: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    fc
      .tuple(tie("expr"), fc.constantFrom("<", "<=", "===", "!==", ">"), tie("expr"))
      // `a < f(x) && b > (y)` parses as a generic call `a<…>(y)`, so `<` and `<=` are written
      // as `>` and `>=` with the operands swapped: the same comparisons, valid TypeScript
      .map(([l, op, r]) =>
        op === "<" ? `(${r} > ${l})` : op === "<=" ? `(${r} >= ${l})` : `(${l} ${op} ${r})`,
      ),
    fc.tuple(tie("cond"), fc.constantFrom("&&", "||"), tie("cond")).map(([l, op, r]) => `(${l} ${op} ${r})`),
    tie("cond").map((c) => `!(${c})`),
  ) as fc.Arbitrary<string>,
}));

const { stmt } = fc.letrec((tie) => ({
  stmt: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    fc.tuple(fc.constantFrom("x", "y"), expr).map(([v, e]) => `${v} = ${e};`),
    fc
      .tuple(fc.constantFrom("x", "y"), fc.constantFrom("+=", "^=", "-="), expr)
      .map(([v, op, e]) => `${v} ${op} ${e};`),
    expr.map((e) => `z = u32(${e});`),
    fc
      .tuple(cond, fc.array(tie("stmt"), { maxLength: 3 }), fc.array(tie("stmt"), { maxLength: 2 }))
      .map(([c, t, e]) => `if (${c}) { ${t.join(" ")} } else { ${e.join(" ")} }`),
    fc
      .array(tie("stmt"), { minLength: 1, maxLength: 3 })
      .map((b) => `for (let i = 0; i < 3; i++) { x += i; ${b.join(" ")} }`),
    cond.map((c) => `if (${c}) return x;`),
    // early returns of constants: the shared exit
    fc.tuple(cond, fc.bigInt({ min: 0n, max: 9n })).map(([c, k]) => `if (${c}) return ${k};`),
  ) as fc.Arbitrary<string>,
}));

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

/** A loop bounded by a clamped variable (`if (n > K) n = K; for (… i < n …)`), as the bench twins write it. */
const clampedLoop = fc
  .tuple(expr, fc.integer({ min: 0, max: 12 }), fc.array(stmt, { minLength: 1, maxLength: 2 }), fc.boolean())
  .map(
    ([e, k, b, inclusive]) =>
      `let n: u32 = u32(${e}); if (n > ${k}) n = ${k}; for (let i: u64 = 0; i ${inclusive ? "<=" : "<"} n; i++) { x += i; ${b.join(" ")} }`,
  );

describe("optimised code computes what unoptimised code does", () => {
  it("on random programs and inputs", () => {
    fc.assert(
      fc.property(fc.array(stmt, { minLength: 1, maxLength: 6 }), u64, u64, u64, (body, a, b, c) => {
        const t =
          compile`let x: u64 = a; let y: u64 = b; let z: u32 = u32(c); ${body.join("\n")} return x ^ y ^ u64(z);`.withArgs(
            a,
            b,
            c,
          );
        expect(t.run({ optimize: 1 })).toBe(t.run({ optimize: 0 }));
      }),
      { numRuns: 150 },
    );
  });

  it("on loops bounded by a clamped variable", () => {
    fc.assert(
      fc.property(clampedLoop, fc.array(stmt, { maxLength: 2 }), u64, u64, u64, (loop, after, a, b, c) => {
        const t =
          compile`let x: u64 = a; let y: u64 = b; let z: u32 = u32(c); ${loop} ${after.join("\n")} return x ^ y ^ u64(z);`.withArgs(
            a,
            b,
            c,
          );
        expect(t.run({ optimize: 1 })).toBe(t.run({ optimize: 0 }));
      }),
      { numRuns: 60 },
    );
  });
});
