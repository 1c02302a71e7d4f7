import { Alu, Atomic, CallSrc, Cls, Jmp, Mode, Size, SIZE_BYTES, Src } from "./opcodes.js";
import type { Instruction } from "./instruction.js";

/**
 * The opcode table (uBPF's `ubpf_instruction_valid.c` idea): every valid instruction form is one
 * row stating which fields it uses. The decoder validates against it, the assembler looks up
 * mnemonics in it, the disassembler names instructions from it and the VM/verifier dispatch on
 * `kind`. Adding an instruction means adding one row here.
 */

/** What an instruction field may hold. */
export type FieldRule =
  | { readonly kind: "zero" } // reserved: must be 0 (RFC 9669 §3: unused fields are zero)
  | { readonly kind: "reg" } // a register number 0..10
  | { readonly kind: "any" } // any value of the field's width
  | { readonly kind: "oneOf"; readonly values: readonly number[] };

export type OpKind =
  | "alu" // binary arithmetic: dst op= src|imm
  | "neg"
  | "mov"
  | "movsx"
  | "end" // le/be conversions (ALU class)
  | "bswap" // unconditional byte swap (ALU64 class)
  | "ja"
  | "jcond"
  | "call"
  | "callx"
  | "exit"
  | "lddw"
  | "ldabs"
  | "ldind"
  | "ldx"
  | "ldxsx"
  | "st"
  | "stx"
  | "atomic";

export type ConformanceGroup =
  | "base32"
  | "base64"
  | "atomic32"
  | "atomic64"
  | "divmul32"
  | "divmul64"
  | "packet"
  | "callx";

export interface OpForm {
  readonly opcode: number;
  readonly kind: OpKind;
  /** The bpf_conformance (uBPF) dialect mnemonic, e.g. `add32`, `ldxw`, `lock fetch add`. */
  readonly mnemonic: string;
  /** Field values that select this form among forms sharing the opcode byte. */
  readonly select?: { readonly off?: number; readonly imm?: number; readonly src?: number };
  readonly dst: FieldRule;
  readonly src: FieldRule;
  readonly off: FieldRule;
  readonly imm: FieldRule;
  /** Oldest `-mcpu` ISA version that has the form. */
  readonly version: 1 | 2 | 3 | 4;
  readonly group: ConformanceGroup;
  /** 64-bit operation (ALU64, JMP) or 32-bit (ALU, JMP32); for memory forms, size 8 or not. */
  readonly is64: boolean;
  /** The operation bits (Alu.*, Jmp.* or Atomic.*), for kinds that have one. */
  readonly op: number;
  /** Bytes accessed by loads, stores and atomics; bits converted by end/bswap; extended bits by movsx. */
  readonly size: number;
}

const ZERO: FieldRule = { kind: "zero" };
const REG: FieldRule = { kind: "reg" };
const ANY: FieldRule = { kind: "any" };
const only = (value: number): FieldRule => ({ kind: "oneOf", values: [value] });

const ALU_NAMES: ReadonlyArray<readonly [number, string]> = [
  [Alu.ADD, "add"],
  [Alu.SUB, "sub"],
  [Alu.MUL, "mul"],
  [Alu.DIV, "div"],
  [Alu.OR, "or"],
  [Alu.AND, "and"],
  [Alu.LSH, "lsh"],
  [Alu.RSH, "rsh"],
  [Alu.MOD, "mod"],
  [Alu.XOR, "xor"],
  [Alu.ARSH, "arsh"],
];

const JCOND_NAMES: ReadonlyArray<readonly [number, string, 1 | 2]> = [
  [Jmp.JEQ, "jeq", 1],
  [Jmp.JGT, "jgt", 1],
  [Jmp.JGE, "jge", 1],
  [Jmp.JSET, "jset", 1],
  [Jmp.JNE, "jne", 1],
  [Jmp.JSGT, "jsgt", 1],
  [Jmp.JSGE, "jsge", 1],
  [Jmp.JLT, "jlt", 2],
  [Jmp.JLE, "jle", 2],
  [Jmp.JSLT, "jslt", 2],
  [Jmp.JSLE, "jsle", 2],
];

const SIZE_SUFFIX: ReadonlyArray<readonly [number, string]> = [
  [Size.W, "w"],
  [Size.H, "h"],
  [Size.B, "b"],
  [Size.DW, "dw"],
];

const ATOMIC_OPS: ReadonlyArray<readonly [number, string]> = [
  [Atomic.ADD, "lock add"],
  [Atomic.OR, "lock or"],
  [Atomic.AND, "lock and"],
  [Atomic.XOR, "lock xor"],
  [Atomic.ADD | Atomic.FETCH, "lock fetch add"],
  [Atomic.OR | Atomic.FETCH, "lock fetch or"],
  [Atomic.AND | Atomic.FETCH, "lock fetch and"],
  [Atomic.XOR | Atomic.FETCH, "lock fetch xor"],
  [Atomic.XCHG, "lock xchg"],
  [Atomic.CMPXCHG, "lock cmpxchg"],
];

function buildForms(): OpForm[] {
  const forms: OpForm[] = [];
  const add = (f: Omit<OpForm, "op" | "size"> & { op?: number; size?: number }) =>
    forms.push({ op: 0, size: 0, ...f });

  for (const cls of [Cls.ALU, Cls.ALU64]) {
    const is64 = cls === Cls.ALU64;
    const sfx = is64 ? "" : "32";
    const base: ConformanceGroup = is64 ? "base64" : "base32";
    for (const [op, name] of ALU_NAMES) {
      const divmul = op === Alu.MUL || op === Alu.DIV || op === Alu.MOD;
      const group: ConformanceGroup = divmul ? (is64 ? "divmul64" : "divmul32") : base;
      const version = 1;
      if (op === Alu.DIV || op === Alu.MOD) {
        // offset 1 selects the signed variant (RFC 9669 §4.1, ISA v4)
        for (const [signed, prefix] of [
          [0, ""],
          [1, "s"],
        ] as const) {
          const v = signed ? 4 : version;
          add({
            opcode: cls | op | Src.K,
            kind: "alu",
            mnemonic: prefix + name + sfx,
            select: { off: signed },
            dst: REG,
            src: ZERO,
            off: only(signed),
            imm: ANY,
            version: v,
            group,
            is64,
            op,
          });
          add({
            opcode: cls | op | Src.X,
            kind: "alu",
            mnemonic: prefix + name + sfx,
            select: { off: signed },
            dst: REG,
            src: REG,
            off: only(signed),
            imm: ZERO,
            version: v,
            group,
            is64,
            op,
          });
        }
        continue;
      }
      add({
        opcode: cls | op | Src.K,
        kind: "alu",
        mnemonic: name + sfx,
        dst: REG,
        src: ZERO,
        off: ZERO,
        imm: ANY,
        version,
        group,
        is64,
        op,
      });
      add({
        opcode: cls | op | Src.X,
        kind: "alu",
        mnemonic: name + sfx,
        dst: REG,
        src: REG,
        off: ZERO,
        imm: ZERO,
        version,
        group,
        is64,
        op,
      });
    }
    add({
      opcode: cls | Alu.NEG | Src.K,
      kind: "neg",
      mnemonic: "neg" + sfx,
      dst: REG,
      src: ZERO,
      off: ZERO,
      imm: ZERO,
      version: 1,
      group: base,
      is64,
      op: Alu.NEG,
    });
    add({
      opcode: cls | Alu.MOV | Src.K,
      kind: "mov",
      mnemonic: "mov" + sfx,
      dst: REG,
      src: ZERO,
      off: ZERO,
      imm: ANY,
      version: 1,
      group: base,
      is64,
      op: Alu.MOV,
    });
    add({
      opcode: cls | Alu.MOV | Src.X,
      kind: "mov",
      mnemonic: "mov" + sfx,
      select: { off: 0 },
      dst: REG,
      src: REG,
      off: ZERO,
      imm: ZERO,
      version: 1,
      group: base,
      is64,
      op: Alu.MOV,
    });
    // movsx: offset holds the source width (RFC 9669 §4.1.1)
    for (const bits of is64 ? [8, 16, 32] : [8, 16]) {
      add({
        opcode: cls | Alu.MOV | Src.X,
        kind: "movsx",
        mnemonic: `movsx${bits}${is64 ? "64" : "32"}`,
        select: { off: bits },
        dst: REG,
        src: REG,
        off: only(bits),
        imm: ZERO,
        version: 4,
        group: base,
        is64,
        op: Alu.MOV,
        size: bits,
      });
    }
    for (const bits of [16, 32, 64]) {
      if (is64) {
        add({
          opcode: cls | Alu.END | Src.K,
          kind: "bswap",
          mnemonic: `bswap${bits}`,
          select: { imm: bits },
          dst: REG,
          src: ZERO,
          off: ZERO,
          imm: only(bits),
          version: 4,
          group: "base32",
          is64,
          op: Alu.END,
          size: bits,
        });
      } else {
        add({
          opcode: cls | Alu.END | Src.K,
          kind: "end",
          mnemonic: `le${bits}`,
          select: { imm: bits },
          dst: REG,
          src: ZERO,
          off: ZERO,
          imm: only(bits),
          version: 1,
          group: "base32",
          is64,
          op: Alu.END,
          size: bits,
        });
        add({
          opcode: cls | Alu.END | Src.X,
          kind: "end",
          mnemonic: `be${bits}`,
          select: { imm: bits },
          dst: REG,
          src: ZERO,
          off: ZERO,
          imm: only(bits),
          version: 1,
          group: "base32",
          is64,
          op: Alu.END,
          size: bits,
        });
      }
    }
  }

  add({
    opcode: Cls.JMP | Jmp.JA,
    kind: "ja",
    mnemonic: "ja",
    dst: ZERO,
    src: ZERO,
    off: ANY,
    imm: ZERO,
    version: 1,
    group: "base32",
    is64: true,
    op: Jmp.JA,
  });
  add({
    opcode: Cls.JMP32 | Jmp.JA,
    kind: "ja",
    mnemonic: "ja32",
    dst: ZERO,
    src: ZERO,
    off: ZERO,
    imm: ANY,
    version: 4,
    group: "base32",
    is64: false,
    op: Jmp.JA,
  });
  for (const cls of [Cls.JMP, Cls.JMP32]) {
    const is64 = cls === Cls.JMP;
    for (const [op, name, v] of JCOND_NAMES) {
      const version = is64 ? v : 3;
      const mnemonic = name + (is64 ? "" : "32");
      const group: ConformanceGroup = is64 ? "base64" : "base32";
      add({
        opcode: cls | op | Src.K,
        kind: "jcond",
        mnemonic,
        dst: REG,
        src: ZERO,
        off: ANY,
        imm: ANY,
        version,
        group,
        is64,
        op,
      });
      add({
        opcode: cls | op | Src.X,
        kind: "jcond",
        mnemonic,
        dst: REG,
        src: REG,
        off: ANY,
        imm: ZERO,
        version,
        group,
        is64,
        op,
      });
    }
  }
  const call = Cls.JMP | Jmp.CALL;
  add({
    opcode: call,
    kind: "call",
    mnemonic: "call",
    select: { src: CallSrc.HELPER },
    dst: ZERO,
    src: only(CallSrc.HELPER),
    off: ZERO,
    imm: ANY,
    version: 1,
    group: "base32",
    is64: true,
    op: Jmp.CALL,
  });
  add({
    opcode: call,
    kind: "call",
    mnemonic: "call local",
    select: { src: CallSrc.LOCAL },
    dst: ZERO,
    src: only(CallSrc.LOCAL),
    off: ZERO,
    imm: ANY,
    version: 3,
    group: "base32",
    is64: true,
    op: Jmp.CALL,
  });
  // kfunc calls keep the BTF object's fd-array index in `off` (kernel: BPF_PSEUDO_KFUNC_CALL)
  add({
    opcode: call,
    kind: "call",
    mnemonic: "call kfunc",
    select: { src: CallSrc.KFUNC },
    dst: ZERO,
    src: only(CallSrc.KFUNC),
    off: ANY,
    imm: ANY,
    version: 3,
    group: "base32",
    is64: true,
    op: Jmp.CALL,
  });
  // callx: the register is in dst, as bpf_conformance and LLVM encode it
  add({
    opcode: call | Src.X,
    kind: "callx",
    mnemonic: "callx",
    dst: REG,
    src: ZERO,
    off: ZERO,
    imm: ZERO,
    version: 3,
    group: "callx",
    is64: true,
    op: Jmp.CALL,
  });
  add({
    opcode: Cls.JMP | Jmp.EXIT,
    kind: "exit",
    mnemonic: "exit",
    dst: ZERO,
    src: ZERO,
    off: ZERO,
    imm: ZERO,
    version: 1,
    group: "base32",
    is64: true,
    op: Jmp.EXIT,
  });

  add({
    opcode: Cls.LD | Size.DW | Mode.IMM,
    kind: "lddw",
    mnemonic: "lddw",
    dst: REG,
    src: { kind: "oneOf", values: [0, 1, 2, 3, 4, 5, 6] },
    off: ZERO,
    imm: ANY,
    version: 1,
    group: "base64",
    is64: true,
    size: 8,
  });
  for (const [size, sfx] of SIZE_SUFFIX) {
    const bytes = SIZE_BYTES[size]!;
    const is64 = size === Size.DW;
    const group: ConformanceGroup = is64 ? "base64" : "base32";
    if (!is64) {
      add({
        opcode: Cls.LD | size | Mode.ABS,
        kind: "ldabs",
        mnemonic: "ldabs" + sfx,
        dst: ZERO,
        src: ZERO,
        off: ZERO,
        imm: ANY,
        version: 1,
        group: "packet",
        is64,
        size: bytes,
      });
      add({
        opcode: Cls.LD | size | Mode.IND,
        kind: "ldind",
        mnemonic: "ldind" + sfx,
        dst: ZERO,
        src: REG,
        off: ZERO,
        imm: ANY,
        version: 1,
        group: "packet",
        is64,
        size: bytes,
      });
      add({
        opcode: Cls.LDX | size | Mode.MEMSX,
        kind: "ldxsx",
        mnemonic: "ldxs" + sfx,
        dst: REG,
        src: REG,
        off: ANY,
        imm: ZERO,
        version: 4,
        group,
        is64,
        size: bytes,
      });
    }
    add({
      opcode: Cls.LDX | size | Mode.MEM,
      kind: "ldx",
      mnemonic: "ldx" + sfx,
      dst: REG,
      src: REG,
      off: ANY,
      imm: ZERO,
      version: 1,
      group,
      is64,
      size: bytes,
    });
    add({
      opcode: Cls.ST | size | Mode.MEM,
      kind: "st",
      mnemonic: "st" + sfx,
      dst: REG,
      src: ZERO,
      off: ANY,
      imm: ANY,
      version: 1,
      group,
      is64,
      size: bytes,
    });
    add({
      opcode: Cls.STX | size | Mode.MEM,
      kind: "stx",
      mnemonic: "stx" + sfx,
      dst: REG,
      src: REG,
      off: ANY,
      imm: ZERO,
      version: 1,
      group,
      is64,
      size: bytes,
    });
    if (size === Size.W || size === Size.DW) {
      for (const [op, name] of ATOMIC_OPS) {
        add({
          opcode: Cls.STX | size | Mode.ATOMIC,
          kind: "atomic",
          mnemonic: name + (is64 ? "" : "32"),
          select: { imm: op },
          dst: REG,
          src: REG,
          off: ANY,
          imm: only(op),
          version: 3,
          group: is64 ? "atomic64" : "atomic32",
          is64,
          op,
          size: bytes,
        });
      }
    }
  }
  return forms;
}

/** Every valid instruction form. */
export const OP_FORMS: readonly OpForm[] = buildForms();

/** Forms by opcode byte; opcodes absent from the map are invalid. */
export const FORMS_BY_OPCODE: ReadonlyMap<number, readonly OpForm[]> = (() => {
  const map = new Map<number, OpForm[]>();
  for (const f of OP_FORMS) {
    const list = map.get(f.opcode);
    if (list) list.push(f);
    else map.set(f.opcode, [f]);
  }
  return map;
})();

/** The form of a decoded instruction, or undefined if its opcode/selector fields are invalid. */
export function formOf(insn: Pick<Instruction, "opcode" | "off" | "imm" | "src">): OpForm | undefined {
  const forms = FORMS_BY_OPCODE.get(insn.opcode);
  if (!forms) return undefined;
  for (const f of forms) {
    const s = f.select;
    if (!s) return f;
    if (s.off !== undefined && s.off !== insn.off) continue;
    if (s.imm !== undefined && s.imm !== insn.imm) continue;
    if (s.src !== undefined && s.src !== insn.src) continue;
    return f;
  }
  return undefined;
}
