import { describe, expect, it } from "vitest";
import { allocate } from "../../compiler/codegen/regalloc.js";
import { emitFunction } from "../../compiler/codegen/emit.js";
import type { IrFunction } from "../../compiler/ir/ir.js";
import { printFunction } from "../../compiler/ir/print.js";
import { widenClamps } from "../../compiler/passes/clamp.js";
import { peephole } from "../../compiler/passes/peephole.js";
import { shareReturns } from "../../compiler/passes/returns.js";
import { duplicateBranches } from "../../compiler/passes/rotate.js";
import { splitWebs } from "../../compiler/passes/webs.js";
import { disassemble } from "../../runtime/disasm/index.js";
import { createVm } from "../../runtime/vm/index.js";
import { ir, parseIr } from "./ir-text.js";

/**
 * Each pass of this round on small IR functions, written in the IR's printed form: what it
 * rewrites, what it must leave alone, and that the rewritten function computes the same (run in
 * the VM after allocation and code generation, against the original).
 */

const text = (fn: IrFunction): string =>
  printFunction(fn)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => !l.startsWith("function"))
    .join("\n");

function run(fn: IrFunction, args: bigint[]): bigint {
  const copy = structuredClone(fn);
  const out = emitFunction(copy, allocate(copy), []);
  const vm = createVm(
    {
      name: fn.name,
      section: ".text",
      type: "UNSPEC",
      instructions: out.instructions,
      relocations: [],
      license: "GPL",
    },
    { initialized: [1, 2, 3, 4, 5, 10] },
  );
  if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("\n"));
  const r = vm.value.run({ args });
  if (r.kind !== "exit") throw new Error(`${r.kind}\n${disassemble(out.instructions).join("\n")}`);
  return r.r0;
}

/** The pass's output, after checking it computes what its input did on these arguments. */
function apply(
  pass: (fn: IrFunction) => boolean,
  src: string,
  inputs: bigint[][],
): { changed: boolean; out: string } {
  const before = parseIr(src);
  const after = parseIr(src);
  const changed = pass(after);
  for (const args of inputs) expect(run(after, args), `args ${args.join(", ")}`).toBe(run(before, args));
  return { changed, out: text(after) };
}

const INPUTS = [
  [0n, 0n],
  [1n, 2n],
  [7n, 3n],
  [0xffffffffn, 5n],
  [1n << 40n, 9n],
];

describe("splitWebs", () => {
  it("gives each independent assignment of a register its own", () => {
    const r = apply(
      splitWebs,
      ir`
        b0:
        v1 = param 0
        v2 = and64 v1, 65535
        v3 = rsh64 v1, 16
        v1 = add64 v2, v3
        v2 = and64 v1, 65535
        v3 = rsh64 v1, 16
        v1 = add64 v2, v3
        ret v1`,
      INPUTS,
    );
    expect(r.changed).toBe(true);
    expect(r.out).toBe(ir`
      b0:
      v1 = param 0
      v2 = and64 v1, 65535
      v3 = rsh64 v1, 16
      v4 = add64 v2, v3
      v6 = and64 v4, 65535
      v7 = rsh64 v4, 16
      v5 = add64 v6, v7
      ret v5`);
  });

  it("keeps definitions that meet at a use together (both arms of an if, a loop's update)", () => {
    const src = ir`
      b0:
      v1 = param 0
      v2 = mov64 0
      v3 = mov64 0
      jmp b1
      b1:
      br lt64 v3, v1 ? b2 : b3
      b2:
      v2 = add64 v2, v3
      v3 = add64 v3, 1
      jmp b1
      b3:
      ret v2`;
    const r = apply(splitWebs, src, [
      [0n, 0n],
      [5n, 0n],
      [100n, 0n],
    ]);
    expect(r.changed).toBe(false);
    expect(r.out).toBe(src);
  });
});

describe("duplicateBranches", () => {
  it("moves a loop's test to its latch", () => {
    const r = apply(
      duplicateBranches,
      ir`
        b0:
        v1 = param 0
        v2 = mov64 0
        v3 = mov64 0
        jmp b1
        b1:
        br lt64 v3, v1 ? b2 : b3
        b2:
        v2 = add64 v2, v3
        v3 = add64 v3, 1
        jmp b1
        b3:
        ret v2`,
      [
        [0n, 0n],
        [1n, 0n],
        [50n, 0n],
      ],
    );
    expect(r.changed).toBe(true);
    expect(r.out).toContain("b2:\nv2 = add64 v2, v3\nv3 = add64 v3, 1\nbr lt64 v3, v1 ? b2 : b3\nb3:");
  });

  it("leaves forward jumps to a branch alone", () => {
    const src = ir`
      b0:
      v1 = param 0
      br eq64 v1, 0 ? b1 : b2
      b1:
      v2 = mov64 5
      jmp b3
      b2:
      v2 = mov64 6
      jmp b3
      b3:
      br gt64 v1, 3 ? b4 : b5
      b4:
      ret v2
      b5:
      ret 0`;
    expect(apply(duplicateBranches, src, INPUTS).changed).toBe(false);
  });
});

describe("shareReturns", () => {
  const checks = ir`
    b0:
    v1 = param 0
    br eq64 v1, 1 ? b1 : b2
    b1:
    ret 10
    b2:
    br eq64 v1, 2 ? b3 : b4
    b3:
    ret 20
    b4:
    br eq64 v1, 3 ? b5 : b6
    b5:
    ret 30
    b6:
    ret v1`;

  it("sets the constant before the branch and shares one exit", () => {
    const r = apply(
      shareReturns,
      checks,
      [[0n], [1n], [2n], [3n], [4n]].map((a) => [...a, 0n]),
    );
    expect(r.changed).toBe(true);
    expect(r.out).toBe(ir`
      b0:
      v1 = param 0
      v2 = mov64 10
      br eq64 v1, 1 ? b7 : b2
      b2:
      v2 = mov64 20
      br eq64 v1, 2 ? b7 : b4
      b4:
      v2 = mov64 30
      br eq64 v1, 3 ? b7 : b6
      b6:
      ret v1
      b7:
      ret v2`);
  });

  it("saves an instruction per early return once allocated", () => {
    const size = (src: string, pass: boolean) => {
      const fn = parseIr(src);
      if (pass) shareReturns(fn);
      return emitFunction(fn, allocate(fn), []).instructions.length;
    };
    expect(size(checks, true)).toBe(size(checks, false) - 2);
  });

  it("leaves a single early return, and returns reached from several places, alone", () => {
    expect(
      apply(
        shareReturns,
        ir`
          b0:
          v1 = param 0
          br eq64 v1, 1 ? b1 : b2
          b1:
          ret 10
          b2:
          br eq64 v1, 2 ? b3 : b4
          b3:
          v2 = add64 v1, 5
          ret v2
          b4:
          br eq64 v1, 3 ? b1 : b5
          b5:
          ret 0`,
        [
          [1n, 0n],
          [2n, 0n],
          [3n, 0n],
          [4n, 0n],
        ],
      ).changed,
    ).toBe(false);
  });
});

describe("peephole: the 32-bit ALU zero-extends", () => {
  it("computes a value only used zero-extended from its low half with 32-bit operations", () => {
    const r = apply(
      peephole,
      ir`
        b0:
        v1 = param 0
        v2 = param 1
        v3 = mul64 v1, v2
        v4 = zext32 v3
        ret v4`,
      INPUTS,
    );
    expect(r.out).toContain("v3 = mul32 v1, v2");
    expect(r.out).toContain("v4 = mov64 v3");
  });

  it("turns x & 0xffffffff into a zero-extension", () => {
    const r = apply(
      peephole,
      ir`
        b0:
        v1 = param 0
        v2 = mov64 4294967295
        v3 = and64 v1, v2
        ret v3`,
      INPUTS,
    );
    expect(r.out).toContain("v3 = zext32 v1");
  });

  it("keeps 64-bit operations whose low half depends on the high half, or that are used twice", () => {
    for (const src of [
      ir`
        b0:
        v1 = param 0
        v2 = rsh64 v1, 8
        v3 = zext32 v2
        ret v3`,
      ir`
        b0:
        v1 = param 0
        v2 = add64 v1, 1
        v3 = zext32 v2
        v4 = xor64 v3, v2
        ret v4`,
    ])
      expect(apply(peephole, src, INPUTS).out).not.toMatch(/(add|rsh)32/);
  });
});

describe("register allocation coalesces copies", () => {
  it("computes a chain of two-address operations in one register", () => {
    const fn = parseIr(ir`
      b0:
      v1 = param 0
      v2 = and64 v1, 65535
      v3 = rsh64 v1, 16
      v4 = add64 v2, v3
      v5 = and64 v4, 65535
      v6 = rsh64 v4, 16
      v7 = add64 v5, v6
      ret v7`);
    const code = disassemble(emitFunction(fn, allocate(fn), []).instructions);
    // one copy to keep v1 (read twice), one to keep v4; nothing else moves
    const listing = code.join("\n");
    expect(code.filter((l) => /\br\d = r\d$/.test(l.trim())).length, listing).toBeLessThanOrEqual(2);
    expect(code.length, listing).toBeLessThanOrEqual(9);
  });
});

describe("widenClamps", () => {
  const CLAMP_INPUTS = [0n, 4095n, 4096n, 4097n, 1n << 40n, (1n << 64n) - 1n].map((a) => [a, 0n]);
  const clamp = (cmp: string, then: string, other: string, w = 64): string => ir`
    b0:
    v1 = param 0
    br ${cmp}${w} v1, 4096 ? ${then} : ${other}
    b1:
    v1 = mov64 4096
    jmp b2
    b2:
    ret v1`;
  it.each([
    ["gt", "b1", "b2", "ge"],
    ["le", "b2", "b1", "lt"],
    ["sgt", "b1", "b2", "sge"],
    ["sle", "b2", "b1", "slt"],
  ])("%s toward the clamp includes equality", (cmp, then, other, want) => {
    const r = apply(widenClamps, clamp(cmp, then, other), CLAMP_INPUTS);
    expect(r.changed).toBe(true);
    expect(r.out).toContain(`br ${want}64 v1, 4096`);
  });
  it.each([
    ["32-bit compare", clamp("gt", "b1", "b2", 32)],
    ["already non-strict", clamp("ge", "b1", "b2")],
    ["other constant", clamp("gt", "b1", "b2").replace("mov64 4096", "mov64 4095")],
  ])("leaves a %s alone", (_, src) => {
    expect(apply(widenClamps, src, CLAMP_INPUTS).changed).toBe(false);
  });
});

describe("shareReturns with a register value", () => {
  it("moves the register before the branch like a constant", () => {
    const r = apply(
      shareReturns,
      ir`
        b0:
        v1 = param 0
        br eq64 v1, 6 ? b1 : b2
        b1:
        ret 100
        b2:
        br eq64 v1, 17 ? b3 : b4
        b3:
        ret 200
        b4:
        br eq64 v1, 1 ? b5 : b6
        b5:
        ret v1
        b6:
        ret 0`,
      [
        [0n, 0n],
        [1n, 0n],
        [6n, 0n],
        [17n, 0n],
        [9n, 0n],
      ],
    );
    expect(r.changed).toBe(true);
    expect(r.out).toMatch(/v\d+ = mov64 v1\nbr eq64 v1, 1/);
  });
});
