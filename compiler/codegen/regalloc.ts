import { liveBlocks, type Inst, type IrFunction, type Terminator, type VReg } from "../ir/ir.js";
import { defOf, mapDef, mapUses, usesOf } from "../ir/uses.js";
import { liveness } from "./liveness.js";

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
}

function build(fn: IrFunction): Graph {
  const { liveOut } = liveness(fn);
  const edges = new Map<VReg, Set<VReg>>();
  const crossesCall = new Set<VReg>();
  const hints = new Map<VReg, number[]>();
  const moves = new Map<VReg, Set<VReg>>();
  const order: VReg[] = [];
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
          !COMMUTATIVE.has(i.alu)
        )
          edge(d, i.b.reg);
        live.delete(d);
      }
      for (const u of usesOf(i)) {
        node(u);
        live.add(u);
      }
      if (i.op === "mov" && i.src.kind === "reg") {
        const m = moves.get(i.dst) ?? new Set();
        m.add(i.src.reg);
        moves.set(i.dst, m);
        const n = moves.get(i.src.reg) ?? new Set();
        n.add(i.dst);
        moves.set(i.src.reg, n);
      }
      if (i.op === "param") hint(i.dst, i.index + 1);
      if (i.op === "call") {
        i.args.forEach((a, n) => a.kind === "reg" && hint(a.reg, n + 1));
        if (i.dst !== undefined) hint(i.dst, 0);
      }
      if (i.op === "ret" && i.value.kind === "reg") hint(i.value.reg, 0);
    }
  }
  return { edges, crossesCall, hints, moves, order };
}

/** Colours the graph; returns the registers that must be spilled (empty when done). */
function color(g: Graph, out: Map<VReg, number>): VReg[] {
  const spills: VReg[] = [];
  // values live across calls first: they compete for only four registers
  const order = [...g.order].sort((a, b) => Number(g.crossesCall.has(b)) - Number(g.crossesCall.has(a)));
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
    const preferred: number[] = [];
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

/** Rewrites every access to `r` through a new 8-byte stack slot. */
function spill(fn: IrFunction, r: VReg): void {
  fn.slots.push({ size: 8, align: 8, name: `spill.v${r}` });
  const slot = fn.slots.length - 1;
  const addr = { kind: "stack" as const, slot, off: 0 };
  for (const b of liveBlocks(fn)) {
    const out: Inst[] = [];
    const rewriteUses = <T extends Inst | Terminator>(i: T): T => {
      if (!usesOf(i).includes(r)) return i;
      const t = fn.nextReg++;
      out.push({ op: "load", size: 8, dst: t, addr, ...(i.loc ? { loc: i.loc } : {}) });
      return mapUses(i, (o) => (o.kind === "reg" && o.reg === r ? { kind: "reg", reg: t } : o));
    };
    for (const i0 of b.insts) {
      let i = rewriteUses(i0);
      if (defOf(i) === r) {
        const t = fn.nextReg++;
        i = mapDef(i, () => t);
        out.push(i);
        out.push({
          op: "store",
          size: 8,
          addr,
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
  for (let round = 0; round < 64; round++) {
    const g = build(fn);
    const out = new Map<VReg, number>();
    const spills = color(g, out);
    if (spills.length === 0) return { color: out };
    for (const r of spills) spill(fn, r);
  }
  throw new Error(`register allocation of ${fn.name} did not converge`);
}
