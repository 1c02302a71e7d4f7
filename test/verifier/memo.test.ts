import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Alu, Jmp } from "../../runtime/isa/index.js";
import {
  knownBounds,
  syncBounds,
  unknownBounds,
  zext32,
  type Bounds,
} from "../../runtime/verifier/bounds.js";
import { refine } from "../../runtime/verifier/branch.js";
import { pointerReg } from "../../runtime/verifier/reg.js";
import { scalarAlu } from "../../runtime/verifier/scalar-alu.js";
import { copyState, newFrame, replaceRegs, type VerifierState } from "../../runtime/verifier/state.js";
import { tnumMul, tnumRange, U64 } from "../../runtime/verifier/tnum.js";

/*
 * The verifier keeps recent results of its pure range functions (syncBounds, scalarAlu, refine,
 * tnumMul) and shares registers between copies of a state. These check that a remembered result
 * is the one computed the first time, that handing it out twice does not alias it, and that a
 * change through replaceRegs does not reach a copy.
 */

const u64 = fc.bigInt({ min: 0n, max: U64 });
/** Bounds of a range [lo, hi] (possibly narrowed to 32 bits), synced: the shapes loops produce. */
const bounds = fc.tuple(u64, u64, fc.boolean()).map(([a, b, narrow]): Bounds => {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const r = unknownBounds();
  r.umin = lo;
  r.umax = hi;
  r.varOff = tnumRange(lo, hi);
  if (narrow) zext32(r);
  syncBounds(r);
  return r;
});
const snapshot = (b: Bounds) => ({ ...b, varOff: { ...b.varOff } });
const ALU_OPS = [Alu.ADD, Alu.SUB, Alu.MUL, Alu.AND, Alu.OR, Alu.XOR, Alu.LSH, Alu.RSH, Alu.ARSH, Alu.DIV];
const JMP_OPS = [Jmp.JEQ, Jmp.JNE, Jmp.JGT, Jmp.JGE, Jmp.JLT, Jmp.JLE, Jmp.JSGT, Jmp.JSLT, Jmp.JSET];

describe("remembered results", () => {
  it("scalarAlu gives the same, unaliased result again after other work", () => {
    fc.assert(
      fc.property(
        bounds,
        bounds,
        fc.constantFrom(...ALU_OPS),
        fc.constantFrom(32, 64),
        bounds,
        (d, s, op, bits, other) => {
          const first = scalarAlu(d, s, op, bits as 32 | 64);
          const want = snapshot(first);
          first.umin = 12345n; // a caller changing its copy must not change the remembered one
          for (const o of ALU_OPS) scalarAlu(other, d, o, 64);
          expect(snapshot(scalarAlu(d, s, op, bits as 32 | 64))).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("syncBounds gives the same result for the same input, before and after other inputs", () => {
    fc.assert(
      fc.property(bounds, u64, u64, (b, lo, hi) => {
        const input = { ...b, umin: lo < hi ? lo : hi, umax: lo < hi ? hi : lo };
        const a = { ...input };
        syncBounds(a);
        for (let i = 0n; i < 20n; i++) syncBounds(knownBounds(i));
        const c = { ...input };
        syncBounds(c);
        expect(snapshot(c)).toEqual(snapshot(a));
      }),
      { numRuns: 300 },
    );
  });

  it("refine gives the same, unaliased pair again", () => {
    fc.assert(
      fc.property(bounds, bounds, fc.constantFrom(...JMP_OPS), fc.boolean(), (a, b, op, is32) => {
        const first = refine(a, b, op, is32);
        const want = first && [snapshot(first[0]), snapshot(first[1])];
        if (first) first[0].umax = 0n;
        const again = refine(a, b, op, is32);
        expect(again && [snapshot(again[0]), snapshot(again[1])]).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it("tnumMul of the same operands is the same after other multiplications", () => {
    fc.assert(
      fc.property(bounds, bounds, (a, b) => {
        const first = tnumMul(a.varOff, b.varOff);
        for (let i = 1n; i < 12n; i++) tnumMul(a.varOff, { value: i, mask: 0n });
        expect(tnumMul(a.varOff, b.varOff)).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});

describe("shared registers", () => {
  it("replaceRegs changes the state it is given, not a copy of it", () => {
    const st: VerifierState = { frames: [newFrame(-1, 0)], refs: [], parent: undefined };
    st.frames[0]!.regs[2] = pointerReg("pkt", { id: 7, range: 0 });
    st.frames[0]!.stack.spills[63] = pointerReg("pkt", { id: 7, range: 0 });
    const copy = copyState(st);
    replaceRegs(st, (r) => (r.type === "pkt" && r.id === 7 ? { ...r, range: 14 } : undefined));
    expect(st.frames[0]!.regs[2]!.range).toBe(14);
    expect(st.frames[0]!.stack.spills[63]!.range).toBe(14);
    expect(copy.frames[0]!.regs[2]!.range).toBe(0);
    expect(copy.frames[0]!.stack.spills[63]!.range).toBe(0);
  });
});
