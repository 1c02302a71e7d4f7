import { Op, slotIndex, type Instruction } from "../../../runtime/isa/index.js";

/**
 * Instructions with symbolic jump and call targets. Generated code branches to labels placed
 * later (or, for loops, earlier); `link` turns labels into the slot offsets the ISA wants
 * (RFC 9669 §4.3: offsets count 8-byte slots from the next instruction, and a lddw is two).
 */
interface Item {
  readonly insn: Instruction;
  /** A jump (off), gotol (imm) or local call (imm) to this label. */
  readonly target?: { readonly label: string; readonly field: "off" | "imm" };
}

export class Builder {
  private readonly items: Item[] = [];
  private readonly labels = new Map<string, number>();
  private next = 0;

  /** A fresh, unplaced label. */
  label(hint = "L"): string {
    return `${hint}${this.next++}`;
  }

  place(label: string): void {
    if (this.labels.has(label)) throw new Error(`label ${label} placed twice`);
    this.labels.set(label, this.items.length);
  }

  emit(insn: Instruction): void {
    this.items.push({ insn });
  }

  /** A jump whose `off` field goes to `label`. */
  jump(insn: Instruction, label: string): void {
    this.items.push({ insn, target: { label, field: insn.opcode === Op.JA32 ? "imm" : "off" } });
  }

  /** A local call (`call pc+N`) to the function starting at `label`. */
  call(insn: Instruction, label: string): void {
    this.items.push({ insn, target: { label, field: "imm" } });
  }

  get length(): number {
    return this.items.length;
  }

  link(): Instruction[] {
    const plain = this.items.map((i) => i.insn);
    const slots = slotIndex(plain);
    return this.items.map((item, n) => {
      if (!item.target) return item.insn;
      const at = this.labels.get(item.target.label);
      if (at === undefined) throw new Error(`label ${item.target.label} never placed`);
      const rel = slots[at]! - slots[n + 1]!;
      return { ...item.insn, [item.target.field]: rel };
    });
  }
}
