import {
  Alu,
  Atomic,
  Cls,
  Jmp,
  Mode,
  Op,
  Size,
  Src,
  insn,
  lddw,
  LdImm64Src,
  type Instruction,
} from "../../runtime/isa/index.js";

/**
 * Tiny instruction builders for the kernel tests, on top of runtime/isa's insn()/lddw(): enough to
 * write the handful of hand-made programs the tests load, readable as the assembly they mean.
 */
export const mov64 = (dst: number, imm: number): Instruction =>
  insn(Cls.ALU64 | Alu.MOV | Src.K, { dst, imm });
export const mov64Reg = (dst: number, src: number): Instruction =>
  insn(Cls.ALU64 | Alu.MOV | Src.X, { dst, src });
export const add64 = (dst: number, imm: number): Instruction =>
  insn(Cls.ALU64 | Alu.ADD | Src.K, { dst, imm });
export const exit = (): Instruction => insn(Op.EXIT);
export const call = (helper: number): Instruction => insn(Op.CALL, { imm: helper });
export const jeq = (dst: number, imm: number, off: number): Instruction =>
  insn(Cls.JMP | Jmp.JEQ | Src.K, { dst, imm, off });
export const ja = (off: number): Instruction => insn(Op.JA, { off });
export const stw = (dst: number, off: number, imm: number): Instruction =>
  insn(Cls.ST | Size.W | Mode.MEM, { dst, off, imm });
export const ldxw = (dst: number, src: number, off: number): Instruction =>
  insn(Cls.LDX | Size.W | Mode.MEM, { dst, src, off });
export const ldxdw = (dst: number, src: number, off: number): Instruction =>
  insn(Cls.LDX | Size.DW | Mode.MEM, { dst, src, off });
export const ldxb = (dst: number, src: number, off: number): Instruction =>
  insn(Cls.LDX | Size.B | Mode.MEM, { dst, src, off });
/** lock *(u64 *)(dst + off) += src */
export const atomicAdd64 = (dst: number, src: number, off: number): Instruction =>
  insn(Cls.STX | Size.DW | Mode.ATOMIC, { dst, src, off, imm: Atomic.ADD });
/** lddw dst, map (fd patched in at load time from meta.reloc.symbol) */
export const ldMap = (dst: number, map: string): Instruction => ({
  ...lddw(dst, 0n, LdImm64Src.MAP_FD),
  meta: { reloc: { symbol: map, type: 1 } },
});
export const BPF_FUNC = { map_lookup_elem: 1, map_update_elem: 2, get_current_pid_tgid: 14 } as const;
export const rsh64 = (dst: number, imm: number): Instruction =>
  insn(Cls.ALU64 | Alu.RSH | Src.K, { dst, imm });
export const jne = (dst: number, imm: number, off: number): Instruction =>
  insn(Cls.JMP | Jmp.JNE | Src.K, { dst, imm, off });

/**
 * A tracepoint/raw-tracepoint body that counts calls made by process `pid` into slot 0 of the
 * u64 array map `map` (patched by name): if (pid_tgid >> 32 == pid) __sync_fetch_and_add(&map[0], 1).
 */
export function countCallsOf(pid: number, map: string): Instruction[] {
  return [
    call(BPF_FUNC.get_current_pid_tgid),
    rsh64(0, 32),
    jne(0, pid, 9), // offsets count slots: the lddw below is two
    stw(10, -4, 0),
    mov64Reg(2, 10),
    add64(2, -4),
    ldMap(1, map),
    call(BPF_FUNC.map_lookup_elem),
    jeq(0, 0, 2),
    mov64(1, 1),
    atomicAdd64(0, 1, 0),
    mov64(0, 0),
    exit(),
  ];
}
