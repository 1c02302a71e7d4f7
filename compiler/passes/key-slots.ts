import type { BlockId, Inst, IrFunction, Operand, VReg } from "../ir/ir.js";
import { liveBlocks } from "../ir/ir.js";
import { HelperId } from "../ir/lower/helpers.js";
import { defOf, usesOf } from "../ir/uses.js";
import { immediateDominators } from "./dominators.js";

/**
 * Map helpers' pointer arguments the kernel only reads: the key of lookup/update/delete and the
 * value of update (bpf_func_proto arg types ARG_PTR_TO_MAP_KEY / ARG_PTR_TO_MAP_VALUE in
 * kernel/bpf/helpers.c). A stack slot whose address goes nowhere else keeps what was stored.
 */
const READ_ONLY_ARGS = new Map<number, readonly number[]>([
  [HelperId.MAP_LOOKUP_ELEM, [1]],
  [HelperId.MAP_UPDATE_ELEM, [1, 2]],
  [HelperId.MAP_DELETE_ELEM, [1]],
]);

interface Site {
  readonly block: BlockId;
  readonly index: number;
}

interface Spill {
  readonly slot: number;
  readonly store: Site & { readonly size: number; readonly src: Operand };
  readonly addrs: Site[];
}

/**
 * Shares key spills: `m.get(id); m.delete(id)` lowers to two stack copies of `id`, each passed
 * by address. When a slot is stored once, only read by map helpers, and holds the same value
 * (one register with a single definition, or the same constant) as a slot stored once before
 * it on every path, the second slot's addresses become the first's and its store goes — as
 * clang reuses `&id`. Runs on the lowering's output, where each address is its own register.
 */
export function shareKeySlots(fn: IrFunction): boolean {
  const defs = new Map<VReg, number>();
  const uses = new Map<VReg, { inst: Inst | undefined; pos: number }[]>();
  const stores = new Map<number, Spill["store"][]>();
  const addrs = new Map<number, (Site & { dst: VReg; off: number })[]>();
  const touched = new Set<number>(); // slots read or written directly, not only through helpers
  for (const b of liveBlocks(fn)) {
    b.insts.forEach((i, index) => {
      const d = defOf(i);
      if (d !== undefined) defs.set(d, (defs.get(d) ?? 0) + 1);
      for (const r of usesOf(i)) {
        const list = uses.get(r) ?? [];
        list.push({
          inst: i,
          pos: i.op === "call" ? i.args.findIndex((a) => a.kind === "reg" && a.reg === r) : -1,
        });
        uses.set(r, list);
      }
      if (i.op === "store" && i.addr.kind === "stack") {
        const list = stores.get(i.addr.slot) ?? [];
        list.push({ block: b.id, index, size: i.addr.off === 0 ? i.size : -1, src: i.src });
        stores.set(i.addr.slot, list);
      } else if (i.op === "addr" && i.addr.kind === "stack") {
        const list = addrs.get(i.addr.slot) ?? [];
        list.push({ block: b.id, index, dst: i.dst, off: i.addr.off });
        addrs.set(i.addr.slot, list);
      } else if ((i.op === "atomic" || i.op === "load") && i.addr.kind === "stack") touched.add(i.addr.slot);
    });
    for (const r of usesOf(b.term)) uses.set(r, [...(uses.get(r) ?? []), { inst: undefined, pos: -1 }]);
  }
  const readOnlyUse = (r: VReg): boolean =>
    defs.get(r) === 1 &&
    (uses.get(r) ?? []).every(({ inst, pos }) => {
      if (inst?.op !== "call" || inst.local !== undefined) return false;
      const ok = READ_ONLY_ARGS.get(inst.helper);
      // the register may appear once, in a read-only position
      return (
        !!ok && ok.includes(pos) && inst.args.filter((a) => a.kind === "reg" && a.reg === r).length === 1
      );
    });
  const spills: Spill[] = [];
  for (const [slot, st] of stores) {
    const as = addrs.get(slot) ?? [];
    const s = st[0]!;
    if (st.length !== 1 || s.size < 0 || touched.has(slot)) continue;
    if (s.src.kind === "reg" && defs.get(s.src.reg) !== 1) continue;
    // the lowering spills right before the call: addresses after the store, in its block, so
    // the slot holds the register's current value wherever it is read
    if (!as.every((a) => a.off === 0 && a.block === s.block && a.index > s.index && readOnlyUse(a.dst)))
      continue;
    spills.push({ slot, store: s, addrs: as });
  }
  if (spills.length < 2) return false;
  const idom = immediateDominators(fn);
  const dominates = (a: Site, b: Site): boolean => {
    if (a.block === b.block) return a.index < b.index;
    for (let x = b.block; idom.has(x) && idom.get(x) !== x; ) {
      x = idom.get(x)!;
      if (x === a.block) return true;
    }
    return false;
  };
  const sameValue = (x: Operand, y: Operand): boolean =>
    x.kind === y.kind &&
    (x.kind === "reg" ? x.reg === (y as typeof x).reg : x.value === (y as typeof x).value);
  const sizes = new Map(fn.slots.map((s, n) => [n, s.size]));
  const dead = new Set<string>();
  let changed = false;
  for (const b of spills) {
    const a = spills.find(
      (a) =>
        a !== b &&
        !dead.has(`${a.store.block}:${a.store.index}`) &&
        a.store.size === b.store.size &&
        sizes.get(a.slot) === sizes.get(b.slot) &&
        sameValue(a.store.src, b.store.src) &&
        b.addrs.every((u) => dominates(a.store, u)),
    );
    if (!a) continue;
    for (const u of b.addrs) {
      const i = fn.blocks[u.block]!.insts[u.index]!;
      if (i.op === "addr") i.addr = { kind: "stack", slot: a.slot, off: 0 };
    }
    dead.add(`${b.store.block}:${b.store.index}`);
    changed = true;
  }
  if (!changed) return false;
  for (const blk of liveBlocks(fn))
    blk.insts = blk.insts.filter((_, index) => !dead.has(`${blk.id}:${index}`));
  return true;
}
