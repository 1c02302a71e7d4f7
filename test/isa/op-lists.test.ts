import { describe, expect, it } from "vitest";
import {
  ALU_SOURCE_OPS,
  Alu,
  Cls,
  FORMS_BY_OPCODE,
  JMP_CONDITIONS,
  Jmp,
  Src,
} from "../../runtime/isa/index.js";

/** The operation lists tests and generators share agree with the opcode table. */
const has = (opcode: number): boolean => FORMS_BY_OPCODE.has(opcode);

describe("ALU_SOURCE_OPS", () => {
  it("is every ALU operation with K and X forms in both widths, NEG and END excluded", () => {
    const expected = Object.values(Alu).filter((op) =>
      [Cls.ALU, Cls.ALU64].every((cls) => has(cls | op | Src.K) && has(cls | op | Src.X)),
    );
    expect([...ALU_SOURCE_OPS].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(ALU_SOURCE_OPS).not.toContain(Alu.NEG);
    expect(ALU_SOURCE_OPS).not.toContain(Alu.END);
  });
});

describe("JMP_CONDITIONS", () => {
  it("is every jump with K and X forms in JMP and JMP32, the unconditional ones excluded", () => {
    const expected = Object.values(Jmp).filter(
      (op) =>
        op !== Jmp.JA && [Cls.JMP, Cls.JMP32].every((cls) => has(cls | op | Src.K) && has(cls | op | Src.X)),
    );
    expect([...JMP_CONDITIONS].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(JMP_CONDITIONS).toHaveLength(11);
  });
});
