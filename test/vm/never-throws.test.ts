import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeProgram,
  insn,
  OP_FORMS,
  Op,
  type FieldRule,
  type Instruction,
} from "../../runtime/isa/index.js";
import { createVm, VmCode, type RunResult, type Tier } from "../../runtime/vm/index.js";

/**
 * Issue #4: no input program makes the VM throw anything but a VM fault or a load error. Random
 * bytes (through the decoder) and random instruction lists (mostly valid opcodes with arbitrary
 * fields) are loaded and run on both tiers; createVm must return a Result, a run must return an
 * exit or a fault, and no fault may be INTERNAL (a JavaScript exception the VM caught: a bug).
 */
const TIERS: readonly (Tier | "auto")[] = ["interpreter", "js", "auto"];
const OPCODES = [...new Set(OP_FORMS.map((f) => f.opcode))];
const JUMPS = new Set(["ja", "jcond"]);

const field = (bits: number) =>
  fc.oneof(
    fc.integer({ min: -8, max: 8 }),
    fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 }),
    fc.constantFrom(1, 8, 16, 32, 64, 0xe1, 0xf1, 0x40, 0x41, 0xa1, -512, -8),
  );

/** A value a field rule allows (table.ts FieldRule), so that most instructions pass decoding rules. */
function fieldArb(rule: FieldRule, bits: number): fc.Arbitrary<number> {
  switch (rule.kind) {
    case "zero":
      return fc.constant(0);
    case "reg":
      // r10 rarely: as a destination it is a load error (write to the frame pointer) every time
      return fc.oneof(
        { weight: 9, arbitrary: fc.integer({ min: 0, max: 9 }) },
        { weight: 1, arbitrary: fc.constant(10) },
      );
    case "oneOf":
      return fc.constantFrom(...rule.values);
    default:
      return field(bits);
  }
}

/** An instruction of a real form (fields as its table row allows), with a few out-of-form ones. */
const validInstruction: fc.Arbitrary<Instruction> = fc.constantFrom(...OP_FORMS).chain((form) =>
  fc
    .record({
      dst: fieldArb(form.dst, 4),
      src: form.select?.src !== undefined ? fc.constant(form.select.src) : fieldArb(form.src, 4),
      off:
        form.select?.off !== undefined
          ? fc.constant(form.select.off)
          : JUMPS.has(form.kind) && form.off.kind === "any"
            ? fc.integer({ min: -4, max: 4 }) // mostly within the program
            : fieldArb(form.off, 16),
      imm: form.select?.imm !== undefined ? fc.constant(form.select.imm) : fieldArb(form.imm, 32),
      immHi: field(32),
    })
    .map((f) => insn(form.opcode, f)),
);

const rawInstruction: fc.Arbitrary<Instruction> = fc
  .record({
    opcode: fc.oneof(fc.constantFrom(...OPCODES), fc.integer({ min: 0, max: 255 })),
    dst: fc.integer({ min: 0, max: 15 }),
    src: fc.integer({ min: 0, max: 15 }),
    off: field(16),
    imm: field(32),
    immHi: field(32),
  })
  .map(({ opcode, dst, src, off, imm, immHi }) => insn(opcode, { dst, src, off, imm, immHi }));

const instruction = fc.oneof(
  { weight: 12, arbitrary: validInstruction },
  { weight: 1, arbitrary: rawInstruction },
);

/** A run of `program` on every tier, with r1/r2 a 64-byte buffer and its length, like conformance .data tests. */
function runEverywhere(program: readonly Instruction[], initialized: boolean): void {
  let vm;
  try {
    vm = createVm(program, {
      budget: 5000,
      ...(initialized ? { initialized: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } : {}),
    });
  } catch (e) {
    throw new Error(`createVm threw: ${String(e)}\n${JSON.stringify(program)}`);
  }
  if (!vm.ok) {
    expect(vm.diagnostics.length).toBeGreaterThan(0);
    return;
  }
  for (const tier of TIERS) {
    let r: RunResult;
    try {
      r = vm.value.run({
        tier,
        packet: new Uint8Array(40).fill(7),
        setup: (mem) => [mem.add(new Uint8Array(64), { kind: "mem", name: "mem" }).address(0), 64],
      });
    } catch (e) {
      throw new Error(`run (${tier}) threw: ${String(e)}\n${JSON.stringify(program)}`);
    }
    if (r.kind === "fault" && r.code === VmCode.BAD_OPTION && tier === "js") continue; // the JS tier may decline
    expect(r.kind === "exit" || r.kind === "fault").toBe(true);
    if (r.kind === "fault")
      expect(r.code, `${r.message}\n${JSON.stringify(program)}`).not.toBe(VmCode.INTERNAL);
  }
}

describe("the VM never throws", () => {
  it("on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 256 }), fc.boolean(), (bytes, initialized) => {
        // whole 8-byte slots, so that most inputs decode into something the VM is asked to load
        const decoded = decodeProgram(bytes.subarray(0, bytes.length & ~7));
        if (!decoded.ok) return;
        runEverywhere(decoded.value, initialized);
      }),
      { numRuns: 400 },
    );
  });

  it("on random instruction lists", () => {
    fc.assert(
      fc.property(
        fc.array(instruction, { minLength: 0, maxLength: 24 }),
        fc.boolean(),
        fc.boolean(),
        (program, initialized, withExit) => {
          runEverywhere(withExit ? [...program, insn(Op.EXIT)] : program, initialized);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
