import { liveBlocks, type Inst, type IrFunction, type Terminator, type VReg } from "../ir/ir.js";
import { defOf, mapDef, mapUses, usesOf } from "../ir/uses.js";
import { liveness } from "../ir/liveness.js";
import { fitsImm32 } from "../ir/lower/lowerer.js";

/**
 * Register allocation by graph colouring over r0–r9, honouring the eBPF calling convention
 * (RFC 9669 §4.3.1: r1–r5 carry arguments and, with r0, are clobbered by calls; r6–r9 survive
 * them; r10 is the read-only frame pointer). A value live across a call may only take r6–r9.
 * Values that find no register are spilled to 8-byte stack slots and allocation is retried.
 */
export interface Allocation {
  readonly color: Map<VReg, number>;
}

const ALL = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const CALLEE_SAVED = [6, 7, 8, 9];
const COMMUTATIVE = new Set(["add", "mul", "and", "or", "xor"]);

interface Graph {
  readonly edges: Map<VReg, Set<VReg>>;
  readonly crossesCall: Set<VReg>;
  readonly hints: Map<VReg, number[]>;
  readonly moves: Map<VReg, Set<VReg>>;
  readonly order: VReg[];
  /** Move-related pairs [dst, src] (last instruction first): copies, two-address operations, swaps. */
  readonly pairs: [VReg, VReg, "copy" | "op" | "swap"][];
  /** Registers a `ret` returns or a parameter arrives in: coloured before others take their registers. */
  readonly returns: Set<VReg>;
  /** The machine register each of those wants (r0 for a return value, r1… for a parameter). */
  readonly fixed: Map<VReg, number>;
}

function build(fn: IrFunction): Graph {
  const { liveOut } = liveness(fn);
  const edges = new Map<VReg, Set<VReg>>();
  const crossesCall = new Set<VReg>();
  const hints = new Map<VReg, number[]>();
  const moves = new Map<VReg, Set<VReg>>();
  const order: VReg[] = [];
  const returns = new Set<VReg>();
  const fixed = new Map<VReg, number>();
  const params = new Set<VReg>();
  const pairs: [VReg, VReg, "copy" | "op" | "swap"][] = [];
  const seen = new Set<VReg>();
  const node = (r: VReg): Set<VReg> => {
    if (!seen.has(r)) {
      seen.add(r);
      order.push(r);
    }
    let s = edges.get(r);
    if (!s) edges.set(r, (s = new Set()));
    return s;
  };
  const edge = (a: VReg, b: VReg): void => {
    if (a === b) return;
    node(a).add(b);
    node(b).add(a);
  };
  const hint = (r: VReg, c: number): void => {
    const h = hints.get(r) ?? [];
    h.push(c);
    hints.set(r, h);
  };
  for (const b of liveBlocks(fn)) {
    const live = new Set(liveOut.get(b.id));
    const items: (Inst | Terminator)[] = [...b.insts, b.term];
    for (let k = items.length - 1; k >= 0; k--) {
      const i = items[k]!;
      const d = defOf(i);
      if (i.op === "call") for (const r of live) if (r !== d) crossesCall.add(r);
      if (d !== undefined) {
        node(d);
        for (const r of live) {
          if (i.op === "mov" && i.src.kind === "reg" && i.src.reg === r) continue;
          edge(d, r);
        }
        if (
          i.op === "alu" &&
          i.b.kind === "reg" &&
          !(i.a.kind === "reg" && i.a.reg === i.b.reg) &&
          // codegen swaps a commutative op's operands when d shares b's register, which only
          // works when `a` can become an instruction immediate
          (!COMMUTATIVE.has(i.alu) || (i.a.kind === "imm" && i.w === 64 && !fitsImm32(i.a.value)))
        )
          edge(d, i.b.reg);
        live.delete(d);
      }
      for (const u of usesOf(i)) {
        node(u);
        live.add(u);
      }
      // copies, and two-address ALU operations (eBPF computes dst op= src in place: sharing
      // the left operand's register saves the copy codegen would otherwise emit)
      const src =
        i.op === "mov" && i.src.kind === "reg"
          ? i.src.reg
          : i.op === "alu" && i.a.kind === "reg"
            ? i.a.reg
            : i.op === "neg"
              ? i.a
              : i.op === "bswap" || (i.op === "ext" && !(i.bits === 32 && !i.signed))
                ? i.src
                : undefined;
      // a commutative operation may instead run in its right operand's register (codegen swaps)
      if (
        i.op === "alu" &&
        COMMUTATIVE.has(i.alu) &&
        i.b.kind === "reg" &&
        d !== undefined &&
        i.b.reg !== d &&
        i.b.reg !== src
      )
        pairs.push([d, i.b.reg, "swap"]);
      if (src !== undefined && d !== undefined && src !== d) {
        pairs.push([d, src, i.op === "mov" ? "copy" : "op"]);
        const m = moves.get(d) ?? new Set();
        m.add(src);
        moves.set(d, m);
        const n = moves.get(src) ?? new Set();
        n.add(d);
        moves.set(src, n);
      }
      if (i.op === "param") {
        hint(i.dst, i.index + 1);
        returns.add(i.dst); // arrives in a fixed register too: colour it early
        fixed.set(i.dst, i.index + 1);
        params.add(i.dst);
      }
      if (i.op === "call") {
        i.args.forEach((a, n) => a.kind === "reg" && hint(a.reg, n + 1));
        if (i.dst !== undefined) hint(i.dst, 0);
      }
      if (i.op === "ret" && i.value.kind === "reg") {
        hint(i.value.reg, 0);
        returns.add(i.value.reg);
        if (!params.has(i.value.reg)) fixed.set(i.value.reg, 0); // a parameter keeps its own
      }
    }
  }
  return { edges, crossesCall, hints, moves, order, returns, fixed, pairs };
}

/**
 * Conservative coalescing: move-related registers that never live at the same time are merged
 * into one node, so the copy between them disappears whatever order colouring takes (colouring's
 * preferences alone miss a copy whenever its partner is coloured later). A merge is refused when
 * the two interfere or the merged node would have so many neighbours of high degree that colouring
 * might fail (Briggs's test); `allocate` falls back to the uncoalesced
 * graph if colouring still needs to spill.
 */
function coalesce(g: Graph): { graph: Graph; rep: (r: VReg) => VReg } {
  const parent = new Map<VReg, VReg>();
  const find = (r: VReg): VReg => {
    const p = parent.get(r);
    if (p === undefined || p === r) return r;
    const root = find(p);
    parent.set(r, root);
    return root;
  };
  const edges = new Map<VReg, Set<VReg>>();
  for (const [r, e] of g.edges) edges.set(r, new Set(e));
  const crossesCall = new Set(g.crossesCall);
  const fixed = new Map(g.fixed);
  // copies first; then two-address operations, where a commutative one tries first the operand
  // with fewer neighbours (usually the one computed just before, whose register is free to share)
  const ops: [VReg, VReg][] = [];
  // in program order (build() walks backwards): a chain grows from where its value starts, so a
  // parameter's chain keeps the parameter's register and the return value's takes r0
  const pairs = [...g.pairs].reverse();
  pairs.forEach(([d, src, kind], k) => {
    if (kind !== "op") return;
    const alt = pairs[k + 1];
    const swap = alt && alt[2] === "swap" && alt[0] === d ? alt[1] : undefined;
    const degree = (r: VReg) => g.edges.get(r)?.size ?? 0;
    if (swap !== undefined && degree(swap) < degree(src)) ops.push([d, swap], [d, src]);
    else ops.push([d, src], ...(swap !== undefined ? [[d, swap] as [VReg, VReg]] : []));
  });
  const copiesFirst = [
    ...pairs.filter((p) => p[2] === "copy").map(([d, s]) => [d, s] as [VReg, VReg]),
    ...ops,
  ];
  for (const [x, y] of copiesFirst) {
    const a = find(x);
    const b = find(y);
    if (a === b || !edges.has(a) || !edges.has(b)) continue;
    const ea = edges.get(a)!;
    const eb = edges.get(b)!;
    if (ea.has(b)) continue;
    // a parameter's register and a return value's (or two parameters') cannot be one
    const fa = fixed.get(a);
    const fb = fixed.get(b);
    if (fa !== undefined && fb !== undefined && fa !== fb) continue;
    const calls = crossesCall.has(a) || crossesCall.has(b);
    const merged = new Set([...ea, ...eb]);
    // Briggs: the merged node still colours if fewer than K of its neighbours have K or more
    // neighbours themselves (the others always leave it a register)
    const k = calls ? CALLEE_SAVED.length : ALL.length;
    let significant = 0;
    for (const n of merged) if ((edges.get(n)?.size ?? 0) >= k) significant++;
    if (significant >= k) continue;
    // b joins a: its neighbours now neighbour a
    parent.set(b, a);
    for (const n of eb) {
      const en = edges.get(n)!;
      en.delete(b);
      en.add(a);
    }
    edges.set(a, merged);
    edges.delete(b);
    if (fb !== undefined) fixed.set(a, fb);
    if (calls) crossesCall.add(a);
  }
  const hints = new Map<VReg, number[]>();
  for (const [r, h] of g.hints) hints.set(find(r), [...(hints.get(find(r)) ?? []), ...h]);
  const moves = new Map<VReg, Set<VReg>>();
  for (const [r, m] of g.moves) {
    const set = moves.get(find(r)) ?? new Set<VReg>();
    for (const x of m) if (find(x) !== find(r)) set.add(find(x));
    moves.set(find(r), set);
  }
  const order = [...new Set(g.order.map(find))];
  const returns = new Set([...g.returns].map(find));
  return {
    graph: { edges, crossesCall, hints, moves, order, returns, fixed, pairs: [] },
    rep: find,
  };
}

/**
 * Colours the graph; returns the registers that must be spilled (empty when done). Spill
 * temporaries go first: each lives for one instruction, so it always finds a register, and the
 * values that lose out are long-lived ones whose spilling actually relieves pressure. That also
 * bounds the rounds: a value is spilled at most once and temporaries never are.
 */
function color(g: Graph, temps: ReadonlySet<VReg>, out: Map<VReg, number>): VReg[] {
  const spills: VReg[] = [];
  // then return values and parameters: given r0 (r1…) before the short-lived values around them
  // take it, they save the copy at each exit (at entry)
  const returned = (r: VReg): boolean => g.returns.has(r);
  const rank = (r: VReg): number => (temps.has(r) ? 3 : g.crossesCall.has(r) ? 2 : returned(r) ? 1 : 0);
  // values live across calls next: they compete for only four registers
  const order = [...g.order].sort((a, b) => rank(b) - rank(a));
  for (const r of order) {
    const taken = new Set<number>();
    for (const n of g.edges.get(r) ?? []) {
      const c = out.get(n);
      if (c !== undefined) taken.add(c);
    }
    const allowed = (g.crossesCall.has(r) ? CALLEE_SAVED : ALL).filter((c) => !taken.has(c));
    if (allowed.length === 0) {
      spills.push(r);
      continue;
    }
    // a parameter's or return value's own register first, then its copies' registers
    const own = g.fixed.get(r);
    const preferred: number[] = own !== undefined ? [own] : [];
    for (const m of g.moves.get(r) ?? []) {
      const c = out.get(m);
      if (c !== undefined) preferred.push(c);
    }
    preferred.push(...(g.hints.get(r) ?? []));
    const pick = preferred.find((c) => allowed.includes(c)) ?? allowed[0]!;
    out.set(r, pick);
  }
  return spills;
}

/**
 * Rewrites every access to the spilled registers through their own 8-byte stack slots, in one
 * walk over the function: a reload into a fresh temporary before each use, a store after each
 * definition. The temporaries are added to `temps`.
 */
function spill(fn: IrFunction, g: Graph, regs: readonly VReg[], temps: Set<VReg>): void {
  // Spilled values that never live at the same time share a slot (the stack is 512 bytes).
  const slotOf = new Map<VReg, number>();
  const holders = new Map<number, VReg[]>();
  for (const r of regs) {
    const conflicts = g.edges.get(r) ?? new Set<VReg>();
    let slot = [...holders].find(([, rs]) => rs.every((o) => !conflicts.has(o)))?.[0];
    if (slot === undefined) {
      fn.slots.push({ size: 8, align: 8, name: `spill.v${r}` });
      slot = fn.slots.length - 1;
      holders.set(slot, []);
    }
    holders.get(slot)!.push(r);
    slotOf.set(r, slot);
  }
  const fresh = (): VReg => {
    const t = fn.nextReg++;
    temps.add(t);
    return t;
  };
  for (const b of liveBlocks(fn)) {
    const out: Inst[] = [];
    const rewriteUses = <T extends Inst | Terminator>(i: T): T => {
      const renamed = new Map<VReg, VReg>();
      for (const u of usesOf(i)) {
        const slot = slotOf.get(u);
        if (slot === undefined || renamed.has(u)) continue;
        const t = fresh();
        renamed.set(u, t);
        out.push({
          op: "load",
          size: 8,
          dst: t,
          addr: { kind: "stack", slot, off: 0 },
          ...(i.loc ? { loc: i.loc } : {}),
        });
      }
      if (renamed.size === 0) return i;
      return mapUses(i, (o) => {
        const t = o.kind === "reg" ? renamed.get(o.reg) : undefined;
        return t === undefined ? o : { kind: "reg", reg: t };
      });
    };
    for (const i0 of b.insts) {
      let i = rewriteUses(i0);
      const d = defOf(i);
      const slot = d === undefined ? undefined : slotOf.get(d);
      if (slot !== undefined) {
        const t = fresh();
        i = mapDef(i, () => t);
        out.push(i);
        out.push({
          op: "store",
          size: 8,
          addr: { kind: "stack", slot, off: 0 },
          src: { kind: "reg", reg: t },
          ...(i.loc ? { loc: i.loc } : {}),
        });
      } else out.push(i);
    }
    b.term = rewriteUses(b.term);
    b.insts = out;
  }
}

export function allocate(fn: IrFunction): Allocation {
  const temps = new Set<VReg>();
  for (;;) {
    const g = build(fn);
    const out = new Map<VReg, number>();
    const merged = coalesce(g);
    const classes = new Map<VReg, number>();
    if (color(merged.graph, temps, classes).length === 0) {
      for (const r of g.order) out.set(r, classes.get(merged.rep(r))!);
      return { color: out };
    }
    const spills = color(g, temps, out);
    if (spills.length === 0) return { color: out };
    // Only a temporary that conflicts with more than ten others could be left over, and a
    // temporary lives across one instruction, which reads at most a handful of registers.
    if (spills.some((r) => temps.has(r)))
      throw new Error(`register allocation of ${fn.name} did not converge`);
    spill(fn, g, spills, temps);
  }
}
