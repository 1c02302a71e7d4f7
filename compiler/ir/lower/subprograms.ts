import type { Node } from "ts-morph";
import type { IrFunction } from "../ir.js";

/**
 * Functions compiled as BPF-to-BPF subprograms instead of being inlined: module functions marked
 * `@noinline`, and bpf.loop callbacks. Each is lowered once (on its first call) and linked after
 * every program that reaches it. Names are the functions' own, made unique.
 */
export interface Subprogram {
  readonly name: string;
  /** Undefined while the function is being lowered (a call back into it is recursion). */
  ir: IrFunction | undefined;
}

export class Subprograms {
  private readonly byNode = new Map<Node, Subprogram>();
  private readonly names = new Set<string>();

  get(node: Node): Subprogram | undefined {
    return this.byNode.get(node);
  }

  /** Registers `node` under a unique name derived from `base`. */
  add(node: Node, base: string): Subprogram {
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}_${n}`;
    this.names.add(name);
    const s: Subprogram = { name, ir: undefined };
    this.byNode.set(node, s);
    return s;
  }

  get all(): Subprogram[] {
    return [...this.byNode.values()];
  }
}
