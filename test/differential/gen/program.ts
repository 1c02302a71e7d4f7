import {
  ALU_SOURCE_OPS,
  JMP_CONDITIONS,
  Alu,
  Atomic,
  CallSrc,
  Cls,
  Jmp,
  Mode,
  Op,
  Size,
  Src,
  insn,
  lddw,
  type Instruction,
} from "../../../runtime/isa/index.js";
import { Builder } from "./builder.js";
import { Rng } from "./random.js";

/**
 * Random eBPF programs that the kernel verifier accepts and whose result depends on every
 * instruction: the differential test's input.
 *
 * A unit (one generated program) is 1–3 functions: f0, then subprograms f1, f2 that lower
 * functions call (a DAG, so no recursion). Each function
 * - initialises every register r0–r9 it does not receive as an argument and every byte of its
 *   stack frame first (the verifier refuses reads of uninitialised registers and stack:
 *   kernel check_reg_arg, check_stack_read_fixed_off), so r0–r9 are always readable scalars;
 * - runs random steps: ALU/ALU32 of every operation (signed div/mod, movsx, bswap/le/be, shifts by
 *   registers with any count, division by a register that may be zero), 64-bit immediates, stack
 *   loads and stores of every size (sign-extending loads too), through r10 or a derived pointer,
 *   atomics of every kind on 32/64-bit stack words, if/else blocks with JMP/JMP32 conditions of
 *   every kind (jumps go forward, `ja`/`gotol` only over an else branch so no code is unreachable:
 *   kernel check_cfg), counted loops with a backward jump, and calls;
 * - folds every register and stack word into r0 before `exit`, so a wrong bit anywhere shows.
 *
 * Immediate shift counts stay below the width and immediate divisors are non-zero, which the
 * verifier demands (kernel check_alu_op); the register forms take any value.
 */

export interface UnitOptions {
  /** Label prefix, unique per unit within a batch. */
  readonly prefix: string;
}

const ALU_BINARY = ALU_SOURCE_OPS;
const CONDITIONS = JMP_CONDITIONS;
const SIZES = [Size.B, Size.H, Size.W, Size.DW] as const;
const BYTES: Record<number, number> = { [Size.B]: 1, [Size.H]: 2, [Size.W]: 4, [Size.DW]: 8 };
const ATOMIC_OPS = [
  Atomic.ADD,
  Atomic.OR,
  Atomic.AND,
  Atomic.XOR,
  Atomic.ADD | Atomic.FETCH,
  Atomic.OR | Atomic.FETCH,
  Atomic.AND | Atomic.FETCH,
  Atomic.XOR | Atomic.FETCH,
  Atomic.XCHG,
  Atomic.CMPXCHG,
] as const;
/** Mixing constant of the final fold (odd, so multiplying loses nothing). */
const FOLD = 0x5bd1e995;

interface Fn {
  readonly label: string;
  /** Arguments r1..rN it takes from its caller instead of initialising. */
  readonly args: number;
  /** Stack bytes it uses below r10 (a multiple of 8). */
  readonly frame: number;
}

interface Scope {
  readonly fn: Fn;
  readonly index: number;
  /** Registers loop counters hold; nothing in the loop body may write them. */
  readonly pinned: ReadonlySet<number>;
  /** Nesting depth of if-blocks and loops. */
  readonly depth: number;
  readonly inLoop: boolean;
}

class UnitGenerator {
  private readonly fns: Fn[];
  private readonly called = new Set<number>();

  constructor(
    private readonly rng: Rng,
    private readonly b: Builder,
    private readonly prefix: string,
  ) {
    const n = rng.pick([1, 1, 2, 2, 3]);
    this.fns = Array.from({ length: n }, (_, i) => ({
      label: `${prefix}f${i}`,
      args: i === 0 ? 0 : rng.range(0, 5),
      // f0 up to 128 bytes, subprograms up to 64: with the batch's entry frame the deepest chain
      // stays far below the kernel's 512-byte combined limit (check_max_stack_depth)
      frame: 8 * (i === 0 ? rng.range(2, 16) : rng.range(1, 8)),
    }));
  }

  generate(): void {
    this.fns.forEach((fn, i) => this.function(fn, i));
  }

  private function(fn: Fn, index: number): void {
    const { rng, b } = this;
    b.place(fn.label);
    for (let r = 0; r <= 9; r++) if (r === 0 || r > fn.args) this.init(r);
    this.initStack(fn);
    const scope: Scope = { fn, index, pinned: new Set(), depth: 0, inLoop: false };
    this.steps(scope, rng.range(6, 24));
    // every subprogram must be called from somewhere (kernel check_cfg refuses unreachable code)
    if (index === 0) for (let j = 1; j < this.fns.length; j++) if (!this.called.has(j)) this.call(j);
    this.fold(fn);
    b.emit(insn(Op.EXIT));
  }

  private init(r: number): void {
    const { rng, b } = this;
    switch (rng.below(3)) {
      case 0:
        b.emit(lddw(r, rng.u64()));
        break;
      case 1:
        b.emit(insn(Cls.ALU | Alu.MOV | Src.K, { dst: r, imm: rng.imm32() }));
        break;
      default:
        b.emit(insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: r, imm: rng.imm32() }));
    }
  }

  /** Every byte of the frame, in stores of mixed sizes that tile each 8-byte word. */
  private initStack(fn: Fn): void {
    const { rng, b } = this;
    for (let word = fn.frame; word > 0; word -= 8) {
      const size = rng.pick(SIZES);
      const n = BYTES[size]!;
      for (let at = -word; at < -word + 8; at += n) {
        if (rng.chance(0.5)) b.emit(insn(Cls.ST | size | Mode.MEM, { dst: 10, off: at, imm: rng.imm32() }));
        else b.emit(insn(Cls.STX | size | Mode.MEM, { dst: 10, src: rng.range(0, 9), off: at }));
      }
    }
  }

  private steps(scope: Scope, count: number): void {
    for (let i = 0; i < count; i++) this.step(scope);
  }

  private step(scope: Scope): void {
    const { rng } = this;
    const canCall = !scope.inLoop && scope.index + 1 < this.fns.length;
    const roll = rng.below(100);
    if (roll < 45) this.alu(scope);
    else if (roll < 50) this.b.emit(lddw(this.dst(scope), rng.u64()));
    else if (roll < 60) this.load(scope);
    else if (roll < 68) this.store(scope);
    else if (roll < 76) this.atomic(scope);
    else if (roll < 84 && scope.depth < 3) this.ifBlock(scope);
    else if (roll < 88 && scope.depth < 2 && !scope.inLoop) this.loop(scope);
    else if (roll < 94 && canCall) this.call(rng.range(scope.index + 1, this.fns.length - 1));
    else if (roll < 97 && !scope.inLoop) this.viaPointer(scope);
    else this.edgeDivision(scope);
  }

  /** A register the step may write (not a loop counter). */
  private dst(scope: Scope): number {
    for (;;) {
      const r = this.rng.range(0, 9);
      if (!scope.pinned.has(r)) return r;
    }
  }

  private src(): number {
    return this.rng.range(0, 9);
  }

  private alu(scope: Scope): void {
    const { rng, b } = this;
    const is64 = rng.chance(0.5);
    const cls = is64 ? Cls.ALU64 : Cls.ALU;
    const bits = is64 ? 64 : 32;
    const dst = this.dst(scope);
    const kind = rng.below(20);
    if (kind === 0) {
      b.emit(insn(cls | Alu.NEG, { dst }));
    } else if (kind === 1) {
      // le/be (ALU class, src bit selects be) and bswap (ALU64 class, v4)
      const imm = rng.pick([16, 32, 64]);
      if (is64) b.emit(insn(Cls.ALU64 | Alu.END | Src.K, { dst, imm }));
      else b.emit(insn(Cls.ALU | Alu.END | (rng.chance(0.5) ? Src.X : Src.K), { dst, imm }));
    } else if (kind === 2) {
      // movsx (v4): off is the source width
      const off = is64 ? rng.pick([8, 16, 32]) : rng.pick([8, 16]);
      b.emit(insn(cls | Alu.MOV | Src.X, { dst, src: this.src(), off }));
    } else if (kind === 3 || kind === 4) {
      // sdiv/smod (v4): off = 1
      const op = kind === 3 ? Alu.DIV : Alu.MOD;
      if (rng.chance(0.5)) b.emit(insn(cls | op | Src.X, { dst, src: this.src(), off: 1 }));
      else b.emit(insn(cls | op | Src.K, { dst, imm: this.divisor(), off: 1 }));
    } else {
      const op = rng.pick(ALU_BINARY);
      if (rng.chance(0.5)) {
        b.emit(insn(cls | op | Src.X, { dst, src: this.src() }));
      } else {
        const shift = op === Alu.LSH || op === Alu.RSH || op === Alu.ARSH;
        const divide = op === Alu.DIV || op === Alu.MOD;
        const imm = shift ? rng.below(bits) : divide ? this.divisor() : rng.imm32();
        b.emit(insn(cls | op | Src.K, { dst, imm }));
      }
    }
  }

  /**
   * Division and modulo at the ISA's edges (RFC 9669 §4.1): by a zero register (dst becomes 0, or
   * stays for modulo) and the signed INT_MIN / -1 overflow, in both widths.
   */
  private edgeDivision(scope: Scope): void {
    const { rng, b } = this;
    const dst = this.dst(scope);
    let src = this.dst(scope);
    while (src === dst) src = this.dst(scope);
    const is64 = rng.chance(0.5);
    b.emit(insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: src, imm: rng.pick([0, -1]) }));
    if (rng.chance(0.5)) {
      if (is64) b.emit(lddw(dst, 0x8000_0000_0000_0000n));
      else b.emit(insn(Cls.ALU | Alu.MOV | Src.K, { dst, imm: -0x80000000 }));
    }
    const op = rng.pick([Alu.DIV, Alu.MOD]);
    b.emit(insn((is64 ? Cls.ALU64 : Cls.ALU) | op | Src.X, { dst, src, off: rng.pick([0, 1]) }));
  }

  private divisor(): number {
    const d = this.rng.imm32();
    return d === 0 ? this.rng.pick([-1, 1, 3, -7]) : d;
  }

  /** An aligned offset of a `bytes`-wide access within the frame, below r10. */
  private slot(scope: Scope, bytes: number): number {
    const count = scope.fn.frame / bytes;
    return -bytes * this.rng.range(1, count);
  }

  private load(scope: Scope): void {
    const { rng, b } = this;
    const size = rng.pick(SIZES);
    const signed = size !== Size.DW && rng.chance(0.4);
    b.emit(
      insn(Cls.LDX | size | (signed ? Mode.MEMSX : Mode.MEM), {
        dst: this.dst(scope),
        src: 10,
        off: this.slot(scope, BYTES[size]!),
      }),
    );
  }

  private store(scope: Scope): void {
    const { rng, b } = this;
    const size = rng.pick(SIZES);
    const off = this.slot(scope, BYTES[size]!);
    if (rng.chance(0.4)) b.emit(insn(Cls.ST | size | Mode.MEM, { dst: 10, off, imm: rng.imm32() }));
    else b.emit(insn(Cls.STX | size | Mode.MEM, { dst: 10, src: this.src(), off }));
  }

  private atomic(scope: Scope, base = 10, delta = 0): void {
    const { rng, b } = this;
    const size = rng.chance(0.5) ? Size.DW : Size.W;
    const op = rng.pick(ATOMIC_OPS);
    const writesSrc = (op & Atomic.FETCH) !== 0 && op !== Atomic.CMPXCHG;
    // fetch forms load the old value into src, cmpxchg into r0: neither may be a loop counter
    let src = this.src();
    while (writesSrc && scope.pinned.has(src)) src = this.src();
    if (op === Atomic.CMPXCHG && scope.pinned.has(0)) return this.alu(scope);
    b.emit(
      insn(Cls.STX | size | Mode.ATOMIC, {
        dst: base,
        src,
        off: this.slot(scope, BYTES[size]!) - delta,
        imm: op,
      }),
    );
  }

  /** `rP = r10 + k`, accesses through rP, then rP becomes a scalar again. */
  private viaPointer(scope: Scope): void {
    const { rng, b } = this;
    const p = this.dst(scope);
    const delta = -8 * rng.range(0, scope.fn.frame / 8 - 1);
    b.emit(insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: p, src: 10 }));
    b.emit(insn(Cls.ALU64 | Alu.ADD | Src.K, { dst: p, imm: delta }));
    for (let i = rng.range(1, 3); i > 0; i--) {
      const size = rng.pick(SIZES);
      const off = this.slot(scope, BYTES[size]!) - delta;
      switch (rng.below(3)) {
        case 0: {
          let dst = this.dst(scope);
          while (dst === p) dst = this.dst(scope);
          b.emit(insn(Cls.LDX | size | Mode.MEM, { dst, src: p, off }));
          break;
        }
        case 1: {
          let src = this.src();
          while (src === p) src = this.src();
          b.emit(insn(Cls.STX | size | Mode.MEM, { dst: p, src, off }));
          break;
        }
        default:
          b.emit(insn(Cls.ST | size | Mode.MEM, { dst: p, off, imm: rng.imm32() }));
      }
    }
    // a pointer must not reach the fold, a store or an ALU op it cannot take part in
    this.init(p);
  }

  private condition(): Instruction {
    const { rng } = this;
    const cls = rng.chance(0.5) ? Cls.JMP : Cls.JMP32;
    const op = rng.pick(CONDITIONS);
    const dst = this.src();
    if (rng.chance(0.5)) return insn(cls | op | Src.X, { dst, src: this.src() });
    return insn(cls | op | Src.K, { dst, imm: rng.chance(0.5) ? rng.range(-4, 4) : rng.imm32() });
  }

  private ifBlock(scope: Scope): void {
    const { rng, b } = this;
    const inner: Scope = { ...scope, depth: scope.depth + 1 };
    const elseLabel = b.label(`${this.prefix}else`);
    b.jump(this.condition(), elseLabel);
    this.steps(inner, rng.range(1, 4));
    if (rng.chance(0.5)) {
      b.place(elseLabel);
      return;
    }
    const end = b.label(`${this.prefix}end`);
    // `gotol` (JMP32 | JA, v4) takes its offset in imm
    b.jump(rng.chance(0.3) ? insn(Op.JA32) : insn(Op.JA), end);
    b.place(elseLabel);
    this.steps(inner, rng.range(1, 4));
    b.place(end);
  }

  private loop(scope: Scope): void {
    const { rng, b } = this;
    const counter = this.dst(scope);
    const pinned = new Set(scope.pinned).add(counter);
    const inner: Scope = { ...scope, pinned, depth: scope.depth + 1, inLoop: true };
    b.emit(insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: counter, imm: rng.range(1, 5) }));
    const top = b.label(`${this.prefix}loop`);
    b.place(top);
    this.steps(inner, rng.range(1, 4));
    b.emit(insn(Cls.ALU64 | Alu.ADD | Src.K, { dst: counter, imm: -1 }));
    b.jump(insn(Cls.JMP | Jmp.JNE | Src.K, { dst: counter, imm: 0 }), top);
  }

  /** A local call; r1–r5 come back clobbered (RFC 9669 §4.3.1), so they are set again. */
  private call(target: number): void {
    this.called.add(target);
    this.b.call(insn(Op.CALL, { src: CallSrc.LOCAL }), this.fns[target]!.label);
    for (let r = 1; r <= 5; r++) this.init(r);
  }

  /** r0 = mix of r0–r9 and every stack word (r1 is the scratch register, already folded). */
  private fold(fn: Fn): void {
    const { b } = this;
    for (let r = 1; r <= 9; r++) {
      b.emit(insn(Cls.ALU64 | Alu.MUL | Src.K, { dst: 0, imm: FOLD }));
      b.emit(insn(Cls.ALU64 | Alu.XOR | Src.X, { dst: 0, src: r }));
    }
    for (let word = fn.frame; word > 0; word -= 8) {
      b.emit(insn(Cls.LDX | Size.DW | Mode.MEM, { dst: 1, src: 10, off: -word }));
      b.emit(insn(Cls.ALU64 | Alu.MUL | Src.K, { dst: 0, imm: FOLD }));
      b.emit(insn(Cls.ALU64 | Alu.ADD | Src.X, { dst: 0, src: 1 }));
    }
  }
}

/** Emits unit `seed` into `b` (its entry function is labelled `${prefix}f0`). */
export function emitUnit(b: Builder, seed: number, options: UnitOptions): string {
  new UnitGenerator(new Rng(seed), b, options.prefix).generate();
  return `${options.prefix}f0`;
}

/** Unit `seed` as a program of its own (entry f0), for listings and single runs. */
export function unitProgram(seed: number): Instruction[] {
  const b = new Builder();
  emitUnit(b, seed, { prefix: "u" });
  return b.link();
}

/**
 * A BPF_PROG_TYPE_SYSCALL program that calls each unit in turn and stores its full 64-bit r0 at
 * ctx[8*i] (r6 keeps the context across the calls; callees get their own r6–r9), and returns the
 * xor of all of them. The units are its subprograms, so one verifier run and one test run cover
 * many programs.
 */
export function batchProgram(seeds: readonly number[]): Instruction[] {
  const b = new Builder();
  b.emit(insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 6, src: 1 }));
  b.emit(insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: 7, imm: 0 }));
  const labels = seeds.map((_, i) => `u${i}_f0`);
  labels.forEach((label, i) => {
    b.call(insn(Op.CALL, { src: CallSrc.LOCAL }), label);
    b.emit(insn(Cls.STX | Size.DW | Mode.MEM, { dst: 6, src: 0, off: 8 * i }));
    b.emit(insn(Cls.ALU64 | Alu.XOR | Src.X, { dst: 7, src: 0 }));
  });
  b.emit(insn(Cls.ALU64 | Alu.MOV | Src.X, { dst: 0, src: 7 }));
  b.emit(insn(Op.EXIT));
  seeds.forEach((seed, i) => emitUnit(b, seed, { prefix: `u${i}_` }));
  return b.link();
}
