import type { Layout } from "../../../runtime/layout/index.js";
import type { IntType } from "../../frontend/int-types.js";
import type { MapDecl } from "../../frontend/module.js";
import type { Addr, CmpOp, Operand, VReg } from "../ir.js";

/** The comparison `a cmp b` (64-bit) that decides a condition. */
export interface NullTest {
  readonly cmp: CmpOp;
  readonly a: VReg;
  readonly b: Operand;
}

/**
 * What an expression lowers to. Integers and bools live in registers (or are constants);
 * structs, arrays and CStrings are places in memory (stack, map value, ring-buffer record, packet,
 * context, global data) addressed by a register or stack slot. A pointer that may be null (map
 * lookup, ring-buffer reserve, packet view) is a `ptr` until a null check is behind it; TypeScript's
 * strict null checks make the program test it before use.
 */
export type Region = "stack" | "map" | "percpu" | "ringbuf" | "packet" | "ctx" | "global";

export type Value =
  /** An untyped integer constant (exact), typed by the operand or destination it meets. */
  | { readonly kind: "const"; readonly value: bigint }
  /** An integer in canonical form; `max` is a proven unsigned upper bound when known. */
  | { readonly kind: "int"; readonly type: IntType; readonly op: Operand; readonly max?: bigint }
  | { readonly kind: "bool"; readonly op: Operand; readonly test?: NullTest }
  | {
      readonly kind: "place";
      readonly layout: Layout;
      readonly addr: Addr;
      readonly region: Region;
      readonly readOnly: boolean;
    }
  /**
   * A pointer that may be null; `cell` when it points at a scalar map value (`.value`). It is null
   * when `nullIf` holds (default: reg == 0). Tests branch on that comparison itself, so a packet
   * view is checked by `data + off + size > data_end` — the shape the verifier learns bounds from
   * (kernel: find_good_pkt_pointers) — and no 0-or-pointer value is ever materialised.
   */
  | {
      readonly kind: "ptr";
      readonly reg: VReg;
      readonly layout: Layout;
      readonly region: Region;
      readonly cell: boolean;
      readonly nullIf?: NullTest;
    }
  /** A scalar that may be absent (`map.get`, `queue.pop`, `packet.read<u8>`): absent when `absentIf` holds. */
  | { readonly kind: "opt"; readonly absentIf: NullTest; readonly value: Value }
  | { readonly kind: "map"; readonly map: MapDecl }
  | { readonly kind: "ctx" }
  | { readonly kind: "packet" }
  | { readonly kind: "null" }
  | { readonly kind: "void" }
  /** Already reported; lowering continues to find further errors. */
  | { readonly kind: "error" };

export const ERROR: Value = { kind: "error" };
export const VOID: Value = { kind: "void" };

/** A local variable: a register of a scalar type, or a fixed binding to a value (places, maps). */
export type Binding =
  | {
      readonly kind: "var";
      readonly reg: VReg;
      readonly type: IntType | { readonly kind: "bool" };
      readonly mutable: boolean;
      max?: bigint;
      /** For a `let` whose every write is a constant: the bound `max` returns to after a write. */
      readonly bound?: bigint;
    }
  | { readonly kind: "value"; readonly value: Value };
