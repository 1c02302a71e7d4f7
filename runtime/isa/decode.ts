import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import type { Instruction } from "./instruction.js";
import { Op, REG_COUNT } from "./opcodes.js";
import { SLOT_BYTES } from "./encode.js";
import { FORMS_BY_OPCODE, formOf, type FieldRule, type OpForm } from "./table.js";

/** Decoder diagnostic codes (TSB01xx). */
export const DecodeCode = {
  LENGTH: "TSB0101",
  OPCODE: "TSB0102",
  FIELD: "TSB0103",
  REGISTER: "TSB0104",
  LDDW_TRUNCATED: "TSB0105",
  LDDW_SECOND_SLOT: "TSB0106",
} as const;

export interface DecodeOptions {
  /** Added to byte offsets in messages, e.g. the section's file offset. */
  readonly baseOffset?: number;
  /** Also stop at the first invalid instruction (default: report all of them). */
  readonly firstErrorOnly?: boolean;
}

const hex = (n: number, digits = 2) => "0x" + (n >>> 0).toString(16).padStart(digits, "0");

function checkField(
  name: "dst" | "src" | "off" | "imm",
  value: number,
  rule: FieldRule,
  form: OpForm,
  at: number,
): Diagnostic | undefined {
  switch (rule.kind) {
    case "any":
      return undefined;
    case "zero":
      if (value === 0) return undefined;
      return error(
        DecodeCode.FIELD,
        `instruction at byte ${at} (${form.mnemonic}, opcode ${hex(form.opcode)}): reserved field ${name} must be 0 but is ${value}`,
        { byteOffset: at },
      );
    case "reg":
      if (value < REG_COUNT) return undefined;
      return error(
        DecodeCode.REGISTER,
        `instruction at byte ${at} (${form.mnemonic}): ${name} register r${value} does not exist (r0-r10)`,
        { byteOffset: at },
      );
    case "oneOf":
      if (rule.values.includes(value)) return undefined;
      return error(
        DecodeCode.FIELD,
        `instruction at byte ${at} (${form.mnemonic}): ${name} must be one of ${rule.values.join(", ")} but is ${value}`,
        { byteOffset: at },
      );
  }
}

/**
 * Decodes and validates one instruction at byte `pos`. Returns the instruction and the number of
 * bytes it used, or the reason the bytes are not a valid instruction (RFC 9669 §3, §5.4).
 */
export function decodeInstruction(
  bytes: Uint8Array,
  pos: number,
  baseOffset = 0,
): Result<{ insn: Instruction; size: number }> {
  const at = baseOffset + pos;
  if (pos + SLOT_BYTES > bytes.length) {
    return fail(
      error(DecodeCode.LENGTH, `truncated instruction at byte ${at}: ${bytes.length - pos} of 8 bytes`, {
        byteOffset: at,
      }),
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const opcode = bytes[pos]!;
  const regs = bytes[pos + 1]!;
  const fields = {
    opcode,
    dst: regs & 0x0f,
    src: regs >> 4,
    off: view.getInt16(pos + 2, true),
    imm: view.getInt32(pos + 4, true),
  };
  if (!FORMS_BY_OPCODE.has(opcode)) {
    return fail(error(DecodeCode.OPCODE, `unknown opcode ${hex(opcode)} at byte ${at}`, { byteOffset: at }));
  }
  const form = formOf(fields);
  if (!form) {
    const forms = FORMS_BY_OPCODE.get(opcode)!;
    const sel = forms[0]!.select ?? {};
    const field = sel.off !== undefined ? "off" : sel.imm !== undefined ? "imm" : "src";
    const allowed = forms.map((f) => f.select?.[field]).join(", ");
    return fail(
      error(
        DecodeCode.FIELD,
        `invalid ${field} ${fields[field]} for opcode ${hex(opcode)} at byte ${at} (allowed: ${allowed})`,
        { byteOffset: at },
      ),
    );
  }
  for (const name of ["dst", "src", "off", "imm"] as const) {
    const d = checkField(name, fields[name], form[name], form, at);
    if (d) return fail(d);
  }
  if (opcode !== Op.LDDW) return ok({ insn: fields, size: SLOT_BYTES });

  if (pos + 2 * SLOT_BYTES > bytes.length) {
    return fail(
      error(
        DecodeCode.LDDW_TRUNCATED,
        `lddw at byte ${at} is cut in half: its second 8-byte slot is missing`,
        {
          byteOffset: at,
        },
      ),
    );
  }
  const second = pos + SLOT_BYTES;
  if (bytes[second] !== 0 || bytes[second + 1] !== 0 || view.getInt16(second + 2, true) !== 0) {
    return fail(
      error(
        DecodeCode.LDDW_SECOND_SLOT,
        `lddw at byte ${at}: second slot must have opcode, registers and offset 0 (found opcode ${hex(bytes[second]!)})`,
        { byteOffset: at + SLOT_BYTES },
      ),
    );
  }
  return ok({ insn: { ...fields, immHi: view.getInt32(second + 4, true) }, size: 2 * SLOT_BYTES });
}

/** Decodes a whole program; every invalid instruction is reported with its byte offset. */
export function decodeProgram(bytes: Uint8Array, options: DecodeOptions = {}): Result<Instruction[]> {
  const base = options.baseOffset ?? 0;
  const program: Instruction[] = [];
  const diagnostics: Diagnostic[] = [];
  if (bytes.length % SLOT_BYTES !== 0) {
    diagnostics.push(
      error(
        DecodeCode.LENGTH,
        `program is ${bytes.length} bytes, not a multiple of 8 (the last ${bytes.length % SLOT_BYTES} bytes are a partial instruction)`,
        { byteOffset: base + bytes.length - (bytes.length % SLOT_BYTES) },
      ),
    );
    if (options.firstErrorOnly) return fail(...diagnostics);
  }
  const end = bytes.length - (bytes.length % SLOT_BYTES);
  let pos = 0;
  while (pos < end) {
    const r = decodeInstruction(bytes.subarray(0, end), pos, base);
    if (r.ok) {
      program.push(r.value.insn);
      pos += r.value.size;
      continue;
    }
    diagnostics.push(...r.diagnostics);
    if (options.firstErrorOnly) break;
    pos += SLOT_BYTES;
  }
  return diagnostics.length ? fail(...diagnostics) : ok(program);
}
