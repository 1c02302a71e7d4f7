import type { Block, BlockId, Inst, IrFunction, SrcLoc, StackSlot, Terminator, VReg } from "./ir.js";

/**
 * Appends instructions to a function under construction. A block is open until it gets a
 * terminator; code emitted after a terminator (after `return`, `break`) goes to a fresh block
 * with no predecessors, which the CFG simplifier removes.
 */
export class IrBuilder {
  readonly fn: IrFunction;
  private current: Block;
  private open = true;
  /** Location attached to every instruction emitted from now on (the current statement). */
  loc: SrcLoc | undefined;

  constructor(name: string) {
    this.fn = { name, blocks: [], slots: [], nextReg: 0 };
    this.current = this.newBlock();
  }

  newReg(): VReg {
    return this.fn.nextReg++;
  }

  newSlot(slot: StackSlot): number {
    this.fn.slots.push(slot);
    return this.fn.slots.length - 1;
  }

  newBlock(): Block {
    const b: Block = {
      id: this.fn.blocks.length,
      insts: [],
      term: { op: "ret", value: { kind: "imm", value: 0n } },
    };
    this.fn.blocks.push(b);
    return b;
  }

  get block(): BlockId {
    return this.current.id;
  }

  /** Whether the current block can still receive code (no terminator yet). */
  get reachable(): boolean {
    return this.open;
  }

  emit(i: Inst): void {
    if (!this.open) this.startDetached();
    this.current.insts.push(this.loc && !i.loc ? { ...i, loc: this.loc } : i);
  }

  terminate(t: Terminator): void {
    if (!this.open) this.startDetached();
    this.current.term = this.loc && !t.loc ? { ...t, loc: this.loc } : t;
    this.open = false;
  }

  jump(target: BlockId): void {
    this.terminate({ op: "jmp", target });
  }

  /** Whether control can reach the current block from the entry (open blocks count as dead ends). */
  get live(): boolean {
    if (!this.open) return false;
    const seen = new Set<BlockId>();
    const stack: BlockId[] = [0];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const b = this.fn.blocks[id];
      if (!b || (b === this.current && this.open)) continue;
      const t = b.term;
      if (t.op === "jmp") stack.push(t.target);
      else if (t.op === "br") stack.push(t.then, t.else);
    }
    return seen.has(this.current.id);
  }

  /** Continues emitting into `id` (which must not have been terminated yet). */
  switchTo(id: BlockId): void {
    const b = this.fn.blocks[id];
    if (!b) throw new Error(`no block ${id}`);
    this.current = b;
    this.open = true;
  }

  private startDetached(): void {
    this.current = this.newBlock();
    this.open = true;
  }
}
