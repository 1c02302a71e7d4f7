import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Alu } from "../../runtime/isa/index.js";
import { knownBounds, syncBounds, unknownBounds, type Bounds } from "../../runtime/verifier/bounds.js";
import { scalarAlu } from "../../runtime/verifier/scalar-alu.js";
import { refine, scalarBranchTaken } from "../../runtime/verifier/branch.js";
import { Jmp } from "../../runtime/isa/index.js";
import {
  tnumAdd,
  tnumAnd,
  tnumIn,
  tnumConst,
  tnumMul,
  tnumOr,
  tnumRange,
  tnumSub,
  tnumXor,
  U64,
  type Tnum,
} from "../../runtime/verifier/tnum.js";

/**
 * Soundness of the abstract domain: for concrete values inside abstract ones, the concrete result
 * of every operation lies inside the abstract result (the property the kernel's tnum.c and
 * range tracking must have for the verifier to be safe).
 */

const u64 = fc.bigInt({ min: 0n, max: U64 });
/** A tnum and a member of it. */
const member = fc.tuple(u64, u64, u64).map(([v, m, pick]): [Tnum, bigint] => {
  const mask = m;
  const value = v & ~mask;
  return [{ value, mask }, value | (pick & mask)];
});
const contains = (t: Tnum, x: bigint) => tnumIn(t, tnumConst(x));

describe("tnum", () => {
  const ops: Array<[string, (a: Tnum, b: Tnum) => Tnum, (x: bigint, y: bigint) => bigint]> = [
    ["add", tnumAdd, (x, y) => (x + y) & U64],
    ["sub", tnumSub, (x, y) => (x - y) & U64],
    ["and", tnumAnd, (x, y) => x & y],
    ["or", tnumOr, (x, y) => x | y],
    ["xor", tnumXor, (x, y) => x ^ y],
    ["mul", tnumMul, (x, y) => (x * y) & U64],
  ];
  for (const [name, abs, conc] of ops) {
    it(`${name} contains every concrete result`, () => {
      fc.assert(
        fc.property(member, member, ([a, x], [b, y]) => contains(abs(a, b), conc(x, y))),
        { numRuns: 300 },
      );
    });
  }
  it("range contains its bounds and everything between", () => {
    fc.assert(
      fc.property(u64, u64, u64, (a, b, c) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const x = lo + (c % (hi - lo + 1n));
        return contains(tnumRange(lo, hi), x);
      }),
    );
  });
});

/** A scalar range around a concrete value. */
const scalar = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 0xffffn }),
    fc.bigInt({ min: 0n, max: 0xffn }),
    fc.bigInt({ min: 0n, max: 0xffn }),
  )
  .map(([x, below, above]): [Bounds, bigint] => {
    const b = unknownBounds();
    b.umin = x >= below ? x - below : 0n;
    b.umax = x + above;
    syncBounds(b);
    return [b, x];
  });
const inBounds = (b: Bounds, x: bigint) =>
  x >= b.umin &&
  x <= b.umax &&
  BigInt.asIntN(64, x) >= b.smin &&
  BigInt.asIntN(64, x) <= b.smax &&
  contains(b.varOff, x);

describe("scalar ranges", () => {
  const ops: Array<[number, (x: bigint, y: bigint) => bigint]> = [
    [Alu.ADD, (x, y) => (x + y) & U64],
    [Alu.SUB, (x, y) => (x - y) & U64],
    [Alu.MUL, (x, y) => (x * y) & U64],
    [Alu.AND, (x, y) => x & y],
    [Alu.OR, (x, y) => x | y],
    [Alu.XOR, (x, y) => x ^ y],
  ];
  for (const [op, conc] of ops) {
    it(`64-bit op ${op.toString(16)} keeps the concrete result in range`, () => {
      fc.assert(
        fc.property(scalar, scalar, ([a, x], [b, y]) => inBounds(scalarAlu(a, b, op, 64), conc(x, y))),
        { numRuns: 300 },
      );
    });
  }
  it("constant shifts keep the concrete result in range", () => {
    fc.assert(
      fc.property(scalar, fc.integer({ min: 0, max: 63 }), ([a, x], s) => {
        const k = knownBounds(BigInt(s));
        return (
          inBounds(scalarAlu(a, k, Alu.LSH, 64), (x << BigInt(s)) & U64) &&
          inBounds(scalarAlu(a, k, Alu.RSH, 64), x >> BigInt(s))
        );
      }),
    );
  });
  it("a decided branch is decided rightly, and refinement keeps the values that take it", () => {
    const conds: Array<[number, (x: bigint, y: bigint) => boolean]> = [
      [Jmp.JEQ, (x, y) => x === y],
      [Jmp.JNE, (x, y) => x !== y],
      [Jmp.JGT, (x, y) => x > y],
      [Jmp.JGE, (x, y) => x >= y],
      [Jmp.JLT, (x, y) => x < y],
      [Jmp.JLE, (x, y) => x <= y],
    ];
    fc.assert(
      fc.property(scalar, scalar, fc.constantFrom(...conds), ([a, x], [b, y], [op, holds]) => {
        const taken = scalarBranchTaken(a, b, op, false);
        const h = holds(x, y);
        if (taken === 1 && !h) return false;
        if (taken === 0 && h) return false;
        if (!h) return true;
        const r = refine(a, b, op, false);
        return r === undefined || (inBounds(r[0], x) && inBounds(r[1], y));
      }),
      { numRuns: 1000 },
    );
  });
});
