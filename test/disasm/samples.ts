import { insn, OP_FORMS, type FieldRule, type Instruction, type OpForm } from "../../runtime/isa/index.js";

/**
 * Valid instructions of every form in the opcode table, with field values drawn from a fixed
 * seed (so failures reproduce) and biased towards the edges: 0, ±1, the extremes of the field.
 */
export function sampleInstructions(perForm: number, seed = 0x5eed): { form: OpForm; insn: Instruction }[] {
  let state = seed >>> 0;
  const next = () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const pick = <T>(values: readonly T[]): T => values[next() % values.length]!;
  const int16 = () => pick([0, 1, -1, 8, -8, 32767, -32768, ((next() & 0xffff) << 16) >> 16]);
  const int32 = () =>
    pick([0, 1, -1, 16, 0x7fffffff, -0x80000000, next() | 0, (next() & 0xffff) - 0x8000, next() & 0xff]);
  const field = (rule: FieldRule, random: () => number) => {
    switch (rule.kind) {
      case "zero":
        return 0;
      case "reg":
        return next() % 11;
      case "any":
        return random();
      case "oneOf":
        return pick(rule.values);
    }
  };
  const out: { form: OpForm; insn: Instruction }[] = [];
  for (const form of OP_FORMS) {
    for (let i = 0; i < perForm; i++) {
      const fields = {
        dst: field(form.dst, () => 0),
        src: field(form.src, () => 0),
        off: field(form.off, int16),
        imm: field(form.imm, int32),
        ...form.select,
        ...(form.kind === "lddw" ? { immHi: int32() } : {}),
      };
      out.push({ form, insn: insn(form.opcode, fields) });
    }
  }
  return out;
}
