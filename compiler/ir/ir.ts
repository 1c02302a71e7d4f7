import type { SourceLocation } from "../../runtime/diag/diagnostic.js";

/**
 * The compiler's intermediate representation: a control-flow graph of basic blocks over an
 * unlimited supply of virtual registers, one step above eBPF instructions. Every value is a
 * 64-bit register; lowering keeps narrower integers in canonical form (zero-extended when
 * unsigned, sign-extended when signed), so compares and divides can use 64-bit forms. Virtual
 * registers may be assigned more than once (the IR is not SSA); passes work on that basis.
 */

export type VReg = number;
export type BlockId = number;
export type Width = 32 | 64;
export type Size = 1 | 2 | 4 | 8;

/** An immediate holds the 64-bit pattern as an unsigned bigint (BigInt.asUintN(64, v)). */
export type Operand =
  | { readonly kind: "reg"; readonly reg: VReg }
  | { readonly kind: "imm"; readonly value: bigint };

export type AluOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "sdiv"
  | "mod"
  | "smod"
  | "or"
  | "and"
  | "xor"
  | "lsh"
  | "rsh"
  | "arsh";
export type AtomicOp = "add" | "or" | "and" | "xor";
export type CmpOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "sgt" | "sge" | "slt" | "sle" | "set";

/** A memory address: a register plus offset, or a stack slot of the function plus offset. */
export type Addr =
  | { readonly kind: "reg"; readonly reg: VReg; readonly off: number }
  | { readonly kind: "stack"; readonly slot: number; readonly off: number };

export interface StackSlot {
  readonly size: number;
  readonly align: number;
  readonly name: string;
}

/** Source position of the statement an instruction belongs to (for line info). */
export interface SrcLoc {
  readonly location: SourceLocation;
  readonly text: string;
}

export type Inst = (
  | { op: "param"; dst: VReg; index: number }
  | { op: "mov"; dst: VReg; src: Operand; w: Width }
  | { op: "alu"; alu: AluOp; w: Width; dst: VReg; a: Operand; b: Operand }
  | { op: "neg"; w: Width; dst: VReg; a: VReg }
  /** dst = src truncated to `bits` then zero- or sign-extended to 64 bits */
  | { op: "ext"; dst: VReg; src: VReg; bits: 8 | 16 | 32; signed: boolean }
  /** dst = byte-swapped low `bits` of src (host little-endian ↔ network big-endian), zero-extended */
  | { op: "bswap"; dst: VReg; src: VReg; bits: 16 | 32 | 64 }
  | { op: "load"; size: Size; dst: VReg; addr: Addr }
  | { op: "store"; size: Size; addr: Addr; src: Operand }
  /** *(size *)addr op= src, atomically (RFC 9669 §5.3: BPF_ADD/OR/AND/XOR without FETCH) */
  | { op: "atomic"; aop: AtomicOp; size: 4 | 8; addr: Addr; src: VReg }
  | { op: "addr"; dst: VReg; addr: Addr }
  | { op: "ldmap"; dst: VReg; map: string }
  | { op: "ldglobal"; dst: VReg; section: string; offset: number }
  /** a helper call (`helper` is its id), or with `local` a BPF-to-BPF call of that subprogram */
  | { op: "call"; helper: number; local?: string; args: Operand[]; dst: VReg | undefined }
  /** dst = address of a subprogram (lddw src 4, BPF_PSEUDO_FUNC): bpf_loop and other callbacks */
  | { op: "ldfunc"; dst: VReg; fn: string }
) & { loc?: SrcLoc };

export type Terminator = (
  | { op: "jmp"; target: BlockId }
  | { op: "br"; cmp: CmpOp; w: Width; a: VReg; b: Operand; then: BlockId; else: BlockId }
  | { op: "ret"; value: Operand }
) & { loc?: SrcLoc };

export interface Block {
  readonly id: BlockId;
  insts: Inst[];
  term: Terminator;
}

export interface IrFunction {
  readonly name: string;
  /** Blocks by id; blocks[0] is the entry. Removed blocks are left as undefined holes. */
  blocks: (Block | undefined)[];
  slots: StackSlot[];
  nextReg: VReg;
  /**
   * The register holding a program's context pointer (its first parameter, never reassigned).
   * The context is read-only to programs and no helper the DSL offers changes it, so loads
   * through it may be shared (kernel: ctx fields are rewritten to plain loads by convert_ctx_access).
   */
  ctxReg?: VReg;
}

export const reg = (r: VReg): Operand => ({ kind: "reg", reg: r });
export const imm = (v: bigint | number): Operand => ({ kind: "imm", value: BigInt.asUintN(64, BigInt(v)) });

export function liveBlocks(fn: IrFunction): Block[] {
  return fn.blocks.filter((b): b is Block => b !== undefined);
}

export function successors(term: Terminator): BlockId[] {
  switch (term.op) {
    case "jmp":
      return [term.target];
    case "br":
      return term.then === term.else ? [term.then] : [term.then, term.else];
    case "ret":
      return [];
  }
}
