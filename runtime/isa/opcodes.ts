/**
 * Opcode field values of the eBPF instruction set (RFC 9669 §3–§5). An opcode byte is
 * `class | op | source` for arithmetic and jumps and `class | size | mode` for loads and stores.
 * Only runtime/isa combines these into bytes; everything else talks in `Instruction`s.
 */

/** Instruction classes, the low 3 bits of the opcode (RFC 9669 §3.3). */
export const Cls = {
  LD: 0x00,
  LDX: 0x01,
  ST: 0x02,
  STX: 0x03,
  ALU: 0x04,
  JMP: 0x05,
  JMP32: 0x06,
  ALU64: 0x07,
} as const;

/** Source bit of arithmetic and jump opcodes: immediate (K) or register (X). */
export const Src = { K: 0x00, X: 0x08 } as const;

/** Arithmetic operations, the high 4 bits (RFC 9669 §4.1). */
export const Alu = {
  ADD: 0x00,
  SUB: 0x10,
  MUL: 0x20,
  DIV: 0x30,
  OR: 0x40,
  AND: 0x50,
  LSH: 0x60,
  RSH: 0x70,
  NEG: 0x80,
  MOD: 0x90,
  XOR: 0xa0,
  MOV: 0xb0,
  ARSH: 0xc0,
  END: 0xd0,
} as const;

/** Jump operations, the high 4 bits (RFC 9669 §4.3). */
export const Jmp = {
  JA: 0x00,
  JEQ: 0x10,
  JGT: 0x20,
  JGE: 0x30,
  JSET: 0x40,
  JNE: 0x50,
  JSGT: 0x60,
  JSGE: 0x70,
  CALL: 0x80,
  EXIT: 0x90,
  JLT: 0xa0,
  JLE: 0xb0,
  JSLT: 0xc0,
  JSLE: 0xd0,
} as const;

/** The ALU operations that take a source operand, K or X (all but NEG and END; RFC 9669 §4.1). */
export const ALU_SOURCE_OPS = [
  Alu.ADD,
  Alu.SUB,
  Alu.MUL,
  Alu.DIV,
  Alu.OR,
  Alu.AND,
  Alu.LSH,
  Alu.RSH,
  Alu.MOD,
  Alu.XOR,
  Alu.MOV,
  Alu.ARSH,
] as const;

/** The conditional jumps (every JMP/JMP32 operation but JA, CALL and EXIT; RFC 9669 §4.3). */
export const JMP_CONDITIONS = [
  Jmp.JEQ,
  Jmp.JGT,
  Jmp.JGE,
  Jmp.JSET,
  Jmp.JNE,
  Jmp.JSGT,
  Jmp.JSGE,
  Jmp.JLT,
  Jmp.JLE,
  Jmp.JSLT,
  Jmp.JSLE,
] as const;

/** Access sizes of loads and stores (RFC 9669 §5.1). */
export const Size = { W: 0x00, H: 0x08, B: 0x10, DW: 0x18 } as const;

/** Bytes moved by each size code. */
export const SIZE_BYTES: Readonly<Record<number, 1 | 2 | 4 | 8>> = {
  [Size.W]: 4,
  [Size.H]: 2,
  [Size.B]: 1,
  [Size.DW]: 8,
};

/** Addressing modes of loads and stores (RFC 9669 §5.1). */
export const Mode = {
  IMM: 0x00,
  ABS: 0x20,
  IND: 0x40,
  MEM: 0x60,
  MEMSX: 0x80,
  ATOMIC: 0xc0,
} as const;

/** Atomic operations, carried in the imm field of `STX | ATOMIC` (RFC 9669 §5.3). */
export const Atomic = {
  ADD: 0x00,
  OR: 0x40,
  AND: 0x50,
  XOR: 0xa0,
  FETCH: 0x01,
  XCHG: 0xe0 | 0x01,
  CMPXCHG: 0xf0 | 0x01,
} as const;

/** Pseudo sources of the 64-bit immediate load (RFC 9669 §5.4; kernel uapi BPF_PSEUDO_*). */
export const LdImm64Src = {
  IMM: 0,
  MAP_FD: 1,
  MAP_VALUE: 2,
  BTF_ID: 3,
  FUNC: 4,
  MAP_IDX: 5,
  MAP_IDX_VALUE: 6,
} as const;

/** Kinds of call selected by the src field of `JMP | CALL` (RFC 9669 §4.3.1). */
export const CallSrc = { HELPER: 0, LOCAL: 1, KFUNC: 2 } as const;

/** Frequently named whole opcodes. */
export const Op = {
  LDDW: Cls.LD | Size.DW | Mode.IMM,
  EXIT: Cls.JMP | Jmp.EXIT,
  CALL: Cls.JMP | Jmp.CALL,
  CALLX: Cls.JMP | Jmp.CALL | Src.X,
  JA: Cls.JMP | Jmp.JA,
  JA32: Cls.JMP32 | Jmp.JA,
} as const;

export const opClass = (opcode: number): number => opcode & 0x07;
export const opSource = (opcode: number): number => opcode & 0x08;
export const opCode = (opcode: number): number => opcode & 0xf0;
export const opSize = (opcode: number): number => opcode & 0x18;
export const opMode = (opcode: number): number => opcode & 0xe0;

/** Number of general registers; r10 is the read-only frame pointer. */
export const REG_COUNT = 11;
export const FRAME_POINTER = 10;
