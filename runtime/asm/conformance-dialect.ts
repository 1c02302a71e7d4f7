import { insn, OP_FORMS, REG_COUNT, type Instruction, type OpForm, lddw } from "../isa/index.js";
import { AsmCode } from "./codes.js";
import type { JumpTarget } from "./items.js";
import { closest, type LineContext, type Token } from "./line.js";
import { readImm32, readImm64, readOffset16, readOffset32 } from "./numbers.js";

/**
 * The bpf_conformance assembler dialect (uBPF syntax: `%rN` registers, destination first), as
 * shared/conformance/README.md "The assembler dialect" describes it. Mnemonics come from the
 * opcode table (`OpForm.mnemonic`); this file only knows the operand shape of each `OpKind`.
 */

const FORMS_BY_MNEMONIC: ReadonlyMap<string, readonly OpForm[]> = (() => {
  const map = new Map<string, OpForm[]>();
  for (const f of OP_FORMS) {
    const list = map.get(f.mnemonic);
    if (list) list.push(f);
    else map.set(f.mnemonic, [f]);
  }
  return map;
})();

/** Spellings the suite (or upstream's assembler) uses for the same forms. */
const ALIASES: Readonly<Record<string, string>> = {
  swap16: "bswap16",
  swap32: "bswap32",
  swap64: "bswap64",
  "call helper": "call",
  "call runtime": "call kfunc",
};

/** Parses one line of the conformance dialect into `ctx.items` (or `ctx.diagnostics`). */
export function parseConformanceLine(ctx: LineContext): void {
  const hash = ctx.text.indexOf("#");
  const code = hash >= 0 ? ctx.text.slice(0, hash) : ctx.text;
  let tokens: Token[] = [...code.matchAll(/\S+/g)].map((m) => ({ text: m[0], column: m.index + 1 }));
  if (tokens.length === 0) return;

  const first = tokens[0]!;
  if (first.text.endsWith(":")) {
    const name = first.text.slice(0, -1);
    if (!/^[A-Za-z_.$][\w.$]*$/.test(name)) {
      ctx.fail(AsmCode.BAD_OPERAND, `'${name}' is not a label name`, first.column, first.text.length);
      return;
    }
    ctx.items.push({ kind: "label", name, location: ctx.at(first.column, name.length) });
    tokens = tokens.slice(1);
    if (tokens.length === 0) return;
  }
  parseInstruction(ctx, tokens);
}

function parseInstruction(ctx: LineContext, tokens: Token[]): void {
  const head = tokens[0]!;
  let name = head.text;
  let rest = tokens.slice(1);
  // Multi-word mnemonics: `lock [fetch] op`, `call local|helper|runtime|kfunc`, `call %rN`.
  if (name === "lock") {
    const fetch = rest[0]?.text === "fetch";
    const op = rest[fetch ? 1 : 0];
    if (!op) {
      ctx.fail(
        AsmCode.OPERAND_COUNT,
        "lock needs an operation, a memory operand and a register, e.g. 'lock add [%r1+0], %r2'",
        head.column,
        head.text.length,
      );
      return;
    }
    name = `lock ${fetch ? "fetch " : ""}${op.text}`;
    rest = rest.slice(fetch ? 2 : 1);
  } else if (name === "call" && rest[0]) {
    const mode = rest[0].text;
    if (mode === "local" || mode === "helper" || mode === "runtime" || mode === "kfunc") {
      name = `call ${mode}`;
      rest = rest.slice(1);
    } else if (mode.startsWith("%")) {
      name = "callx";
    }
  }
  name = ALIASES[name] ?? name;
  const forms = FORMS_BY_MNEMONIC.get(name);
  if (!forms) {
    const guess = closest(name, FORMS_BY_MNEMONIC.keys());
    ctx.fail(
      AsmCode.UNKNOWN_INSTRUCTION,
      `unknown instruction '${name}'`,
      head.column,
      head.text.length,
      guess ? `did you mean '${guess}'?` : undefined,
    );
    return;
  }
  const operands: Token[] = [];
  for (const t of rest) {
    const text = t.text.endsWith(",") ? t.text.slice(0, -1) : t.text;
    if (text.includes(",")) {
      ctx.fail(
        AsmCode.BAD_OPERAND,
        `'${t.text}': operands are separated by a comma and a space`,
        t.column,
        t.text.length,
        "write '%r1, %r2', not '%r1,%r2'",
      );
      return;
    }
    operands.push({ text, column: t.column });
  }
  const built = encodeForm(ctx, name, forms, operands, head);
  if (built) ctx.items.push({ kind: "insn", ...built, location: ctx.at(head.column) });
}

type Built = { insn: Instruction; target?: JumpTarget };

/** Operand shapes per kind; the form's field rules pick register vs immediate variants. */
function encodeForm(
  ctx: LineContext,
  name: string,
  forms: readonly OpForm[],
  ops: readonly Token[],
  head: Token,
): Built | undefined {
  const kind = forms[0]!.kind;
  const expect = (n: number, shape: string): boolean => {
    if (ops.length === n) return true;
    const where = ops[n] ?? head;
    ctx.fail(
      AsmCode.OPERAND_COUNT,
      `${name} takes ${n} operand${n === 1 ? "" : "s"} (${shape}), got ${ops.length}`,
      where.column,
      where.text.length,
    );
    return false;
  };
  // Register-source forms use the src register; immediate forms the imm field.
  const pick = (operand: Token): OpForm => {
    const wantReg = operand.text.startsWith("%");
    return forms.find((f) => (f.src.kind === "reg") === wantReg) ?? forms[0]!;
  };
  const make = (form: OpForm, fields: { dst?: number; src?: number; off?: number; imm?: number }) =>
    insn(form.opcode, { ...fields, ...form.select });

  switch (kind) {
    case "alu":
    case "mov": {
      if (!expect(2, "register, register or immediate")) return;
      const form = pick(ops[1]!);
      const dst = reg(ctx, ops[0]!);
      const second = form.src.kind === "reg" ? reg(ctx, ops[1]!) : imm32(ctx, ops[1]!);
      if (dst === undefined || second === undefined) return;
      return { insn: make(form, form.src.kind === "reg" ? { dst, src: second } : { dst, imm: second }) };
    }
    case "neg":
    case "end":
    case "bswap": {
      if (!expect(1, "register")) return;
      const dst = reg(ctx, ops[0]!);
      return dst === undefined ? undefined : { insn: make(forms[0]!, { dst }) };
    }
    case "movsx": {
      if (!expect(2, "register, register")) return;
      const dst = reg(ctx, ops[0]!);
      const src = reg(ctx, ops[1]!);
      return dst === undefined || src === undefined ? undefined : { insn: make(forms[0]!, { dst, src }) };
    }
    case "ja": {
      if (!expect(1, "+offset, -offset or label")) return;
      const form = forms[0]!;
      const field = form.off.kind === "any" ? "off" : "imm";
      return withTarget(ctx, ops[0]!, field, (v) => make(form, { [field]: v }));
    }
    case "jcond": {
      if (!expect(3, "register, register or immediate, target")) return;
      const form = pick(ops[1]!);
      const dst = reg(ctx, ops[0]!);
      const second = form.src.kind === "reg" ? reg(ctx, ops[1]!) : imm32(ctx, ops[1]!);
      if (dst === undefined || second === undefined) return;
      const fields = form.src.kind === "reg" ? { dst, src: second } : { dst, imm: second };
      return withTarget(ctx, ops[2]!, "off", (off) => make(form, { ...fields, off }));
    }
    case "call": {
      const form = forms[0]!;
      if (name === "call local") {
        if (!expect(1, "+offset, -offset or label")) return;
        return withTarget(ctx, ops[0]!, "imm", (imm) => make(form, { imm }));
      }
      if (name === "call kfunc" && ops.length === 2) {
        // tsbpf extension: the second operand is the BTF object index kept in `off`.
        const imm = imm32(ctx, ops[0]!);
        const off = offset16(ctx, ops[1]!);
        return imm === undefined || off === undefined ? undefined : { insn: make(form, { imm, off }) };
      }
      if (!expect(1, "helper number")) return;
      const imm = imm32(ctx, ops[0]!);
      return imm === undefined ? undefined : { insn: make(form, { imm }) };
    }
    case "callx": {
      if (!expect(1, "register")) return;
      // The register goes in dst, as the suite encodes it (README, callx).
      const dst = reg(ctx, ops[0]!);
      return dst === undefined ? undefined : { insn: make(forms[0]!, { dst }) };
    }
    case "exit":
      return expect(0, "none") ? { insn: make(forms[0]!, {}) } : undefined;
    case "lddw": {
      if (ops.length !== 3 && !expect(2, "register, 64-bit immediate")) return;
      const dst = reg(ctx, ops[0]!);
      const value = imm64(ctx, ops[1]!);
      // tsbpf extension: a third operand sets the pseudo source (1 = map fd, 2 = map value, …).
      const src = ops[2] ? pseudoSource(ctx, ops[2]) : 0;
      if (dst === undefined || value === undefined || src === undefined) return;
      return { insn: lddw(dst, value, src) };
    }
    case "ldabs": {
      if (!expect(1, "immediate")) return;
      const imm = imm32(ctx, ops[0]!);
      return imm === undefined ? undefined : { insn: make(forms[0]!, { imm }) };
    }
    case "ldind": {
      if (!expect(2, "register, immediate")) return;
      const src = reg(ctx, ops[0]!);
      const imm = imm32(ctx, ops[1]!);
      return src === undefined || imm === undefined ? undefined : { insn: make(forms[0]!, { src, imm }) };
    }
    case "ldx":
    case "ldxsx": {
      if (!expect(2, "register, [register+offset]")) return;
      const dst = reg(ctx, ops[0]!);
      const m = memory(ctx, ops[1]!);
      return dst === undefined || !m ? undefined : { insn: make(forms[0]!, { dst, src: m.reg, off: m.off }) };
    }
    case "st": {
      if (!expect(2, "[register+offset], immediate")) return;
      const m = memory(ctx, ops[0]!);
      const imm = imm32(ctx, ops[1]!);
      return !m || imm === undefined ? undefined : { insn: make(forms[0]!, { dst: m.reg, off: m.off, imm }) };
    }
    case "stx":
    case "atomic": {
      if (!expect(2, "[register+offset], register")) return;
      const m = memory(ctx, ops[0]!);
      const src = reg(ctx, ops[1]!);
      return !m || src === undefined ? undefined : { insn: make(forms[0]!, { dst: m.reg, off: m.off, src }) };
    }
  }
}

function reg(ctx: LineContext, t: Token): number | undefined {
  const m = /^%r(\d+)$/.exec(t.text);
  if (!m) {
    const hint = /^[rw]\d+$/.test(t.text)
      ? `this dialect writes registers as %${t.text.replace("w", "r")}`
      : undefined;
    return ctx.fail(
      AsmCode.BAD_OPERAND,
      `expected a register (%r0-%r10), got '${t.text}'`,
      t.column,
      t.text.length,
      hint,
    );
  }
  const n = Number(m[1]);
  if (n >= REG_COUNT) {
    return ctx.fail(
      AsmCode.BAD_REGISTER,
      `invalid register ${t.text}: eBPF has %r0-%r10`,
      t.column,
      t.text.length,
    );
  }
  return n;
}

function imm32(ctx: LineContext, t: Token): number | undefined {
  if (t.text.startsWith("%") || t.text.startsWith("[")) {
    return ctx.fail(AsmCode.BAD_OPERAND, `expected an immediate, got '${t.text}'`, t.column, t.text.length);
  }
  const r = readImm32(t.text);
  if (r.ok) return r.value;
  return ctx.fail(r.range ? AsmCode.IMM_RANGE : AsmCode.BAD_NUMBER, r.message, t.column, t.text.length);
}

function imm64(ctx: LineContext, t: Token): bigint | undefined {
  const r = readImm64(t.text);
  if (r.ok) return r.value;
  return ctx.fail(r.range ? AsmCode.IMM64_RANGE : AsmCode.BAD_NUMBER, r.message, t.column, t.text.length);
}

function offset16(ctx: LineContext, t: Token): number | undefined {
  const r = readOffset16(t.text);
  if (r.ok) return r.value;
  return ctx.fail(r.range ? AsmCode.OFFSET_RANGE : AsmCode.BAD_NUMBER, r.message, t.column, t.text.length);
}

function pseudoSource(ctx: LineContext, t: Token): number | undefined {
  const r = readImm32(t.text);
  if (r.ok && r.value >= 0 && r.value <= 6) return r.value;
  return ctx.fail(
    AsmCode.BAD_OPERAND,
    `lddw pseudo source must be 0-6, got '${t.text}'`,
    t.column,
    t.text.length,
  );
}

/** `[%rN]`, `[%rN+off]`, `[%rN-off]`; no spaces inside, as in the suite. */
function memory(ctx: LineContext, t: Token): { reg: number; off: number } | undefined {
  const m = /^\[([^\]+-]+)(?:([+-])([^\]]*))?\]$/.exec(t.text);
  if (!m) {
    return ctx.fail(
      AsmCode.BAD_OPERAND,
      `expected a memory operand like [%r1+8] or [%r10-4], got '${t.text}'`,
      t.column,
      t.text.length,
    );
  }
  const r = reg(ctx, { text: m[1]!, column: t.column + 1 });
  if (r === undefined) return;
  if (m[2] === undefined) return { reg: r, off: 0 };
  const off = offset16(ctx, { text: m[2] + m[3]!, column: t.column + 1 + m[1]!.length });
  return off === undefined ? undefined : { reg: r, off };
}

/** `+N` / `-N` (slots after the next instruction) or a label name. */
function withTarget(
  ctx: LineContext,
  t: Token,
  field: "off" | "imm",
  build: (value: number) => Instruction,
): Built | undefined {
  if (/^[+-]/.test(t.text)) {
    const r = field === "off" ? readOffset16(t.text) : readOffset32(t.text);
    if (!r.ok)
      return ctx.fail(
        r.range ? AsmCode.OFFSET_RANGE : AsmCode.BAD_NUMBER,
        r.message,
        t.column,
        t.text.length,
      );
    return { insn: build(r.value) };
  }
  if (/^[0-9]/.test(t.text)) {
    return ctx.fail(
      AsmCode.BAD_OPERAND,
      `jump target '${t.text}' must be +N, -N or a label`,
      t.column,
      t.text.length,
      `write +${t.text} for ${t.text} slots forward`,
    );
  }
  if (t.text.startsWith("%")) {
    return ctx.fail(
      AsmCode.BAD_OPERAND,
      `expected a jump target, got register '${t.text}'`,
      t.column,
      t.text.length,
    );
  }
  return { insn: build(0), target: { label: t.text, field, location: ctx.at(t.column, t.text.length) } };
}
