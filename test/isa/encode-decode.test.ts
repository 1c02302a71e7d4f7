import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  OP_FORMS,
  decodeInstruction,
  decodeProgram,
  encodeProgram,
  insn,
  lddw,
  lddwValue,
  type Instruction,
  type OpForm,
} from "../../runtime/isa/index.js";

/** One representative instruction per form, using every field the form allows. */
function sample(form: OpForm): Instruction {
  const pick = (rule: OpForm["dst"], fallback: number) =>
    rule.kind === "zero" ? 0 : rule.kind === "oneOf" ? rule.values[rule.values.length - 1]! : fallback;
  return insn(form.opcode, {
    dst: pick(form.dst, 3),
    src: pick(form.src, 7),
    off: form.select?.off ?? pick(form.off, -12),
    imm: form.select?.imm ?? pick(form.imm, -123456),
    ...(form.kind === "lddw" ? { immHi: 0x12345678 } : {}),
  });
}

describe("opcode table", () => {
  it("has no two forms that select the same encoding", () => {
    const keys = OP_FORMS.map((f) => `${f.opcode}/${f.select?.off}/${f.select?.imm}/${f.select?.src}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(OP_FORMS.map((f) => [f.mnemonic, f] as const))("%s encodes and decodes byte-exactly", (_, form) => {
    const original = sample(form);
    const bytes = encodeProgram([original]);
    expect(bytes.length).toBe(form.kind === "lddw" ? 16 : 8);
    const decoded = decodeProgram(bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value).toEqual([original]);
    expect(encodeProgram(decoded.value)).toEqual(bytes);
  });
});

describe("decoder rejections", () => {
  const cases: Array<[string, number[], string]> = [
    ["unknown opcode", [0x8c, 0, 0, 0, 0, 0, 0, 0], "TSB0102"],
    ["exit with imm", [0x95, 0, 0, 0, 1, 0, 0, 0], "TSB0103"],
    ["add imm with src", [0x07, 0x10, 0, 0, 1, 0, 0, 0], "TSB0103"],
    ["add reg with imm", [0x0f, 0x10, 0, 0, 1, 0, 0, 0], "TSB0103"],
    ["register 11", [0xbf, 0xb0, 0, 0, 0, 0, 0, 0], "TSB0104"],
    ["div with offset 2", [0x37, 0, 2, 0, 1, 0, 0, 0], "TSB0103"],
    ["be with width 8", [0xdc, 0, 0, 0, 8, 0, 0, 0], "TSB0103"],
    ["lddw cut in half", [0x18, 0, 0, 0, 1, 0, 0, 0], "TSB0105"],
    ["lddw with bad second slot", [0x18, 0, 0, 0, 1, 0, 0, 0, 0x07, 0, 0, 0, 0, 0, 0, 0], "TSB0106"],
    ["partial slot", [0x95, 0, 0, 0, 0, 0, 0, 0, 0x95], "TSB0101"],
  ];
  it.each(cases)("%s", (_, raw, code) => {
    const r = decodeProgram(new Uint8Array(raw));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]!.code).toBe(code);
    expect(r.diagnostics[0]!.byteOffset).toBeGreaterThanOrEqual(0);
  });
});

describe("properties", () => {
  it("random 8-byte words decode or give a diagnostic, and valid ones re-encode identically", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const r = decodeInstruction(bytes, 0);
        if (!r.ok) return r.diagnostics.length > 0 && typeof r.diagnostics[0]!.code === "string";
        if (r.value.size === 16) return true; // needs a second slot; cannot come from 8 bytes
        return Buffer.from(encodeProgram([r.value.insn])).equals(Buffer.from(bytes));
      }),
      { numRuns: 20000 },
    );
  });

  it("lddw keeps all 64 bits", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (v) => {
        const i = lddw(1, v);
        const r = decodeProgram(encodeProgram([i]));
        return r.ok && lddwValue(r.value[0]!) === v;
      }),
    );
  });
});
