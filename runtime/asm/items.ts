import type { SourceLocation } from "../diag/diagnostic.js";
import type { Instruction } from "../isa/index.js";

/**
 * What a dialect's line parser hands to label resolution: instructions (with a symbolic target
 * still to fill in) and label definitions, in program order.
 */
export type AsmItem = LabelItem | InsnItem;

export interface LabelItem {
  readonly kind: "label";
  readonly name: string;
  readonly location: SourceLocation;
}

export interface InsnItem {
  readonly kind: "insn";
  readonly insn: Instruction;
  /** A label whose slot distance goes into `off` (jumps) or `imm` (`ja32`/`gotol`, local calls). */
  readonly target?: JumpTarget;
  readonly location: SourceLocation;
}

export interface JumpTarget {
  readonly label: string;
  readonly field: "off" | "imm";
  readonly location: SourceLocation;
}
