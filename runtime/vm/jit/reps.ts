/**
 * How the JS tier holds each register at each point of the program, decided by a forward
 * dataflow analysis (lower.ts transfers, compile.ts iterates to a fixpoint). The abstract value
 * of a register is a bit width: the register's unsigned value is below 2^width.
 *
 * - width ≤ 32 → W: one int32 local `w<r>`; the value is `w >>> 0`. 32-bit ALU operations,
 *   32-bit jumps and narrow loads produce it; JavaScript's int32 operators implement them.
 * - width ≤ 53 → N: one Number local `n<r>` holding the exact value. Sums, products, quotients
 *   and shifts are plain double arithmetic. Where a result might reach 2^53 (a sum in a loop),
 *   a guard hands the run to the interpreter before the instruction (JsStatus.RESUME), so
 *   results stay exact; after the guard the width is 53.
 * - PAIR (64) → two int32 locals `l<r>`/`h<r>`: any 64-bit value (pointers, large constants,
 *   products that wrap), through the shared templates of semantics.ts.
 * - DEAD (-1): no later instruction reads the value before writing it (liveness); nothing is
 *   kept or converted for it.
 *
 * Join is the maximum width; widths only grow and are capped, so the analysis terminates.
 */
export const DEAD = -1;
export const MAX_W = 32;
export const MAX_N = 53;
export const PAIR = 64;

export const W = 0;
export const N = 1;
export const P = 2;
export const D = 3;
export type Rep = typeof W | typeof N | typeof P | typeof D;

export function repOf(width: number): Rep {
  return width < 0 ? D : width <= MAX_W ? W : width <= MAX_N ? N : P;
}

export const REGS = 11;

/** Width of every register, plus which registers may hold the context argument. */
export interface State {
  readonly width: number[];
  /**
   * Bit r: register r may be the entry r1 (plus a constant): narrow loads through it may go
   * through a context policy that returns 64-bit pointers, so their result is kept as a pair.
   */
  ctx: number;
  /**
   * relBase[r] ≥ 0: register r equals register relBase[r] plus relAdd[r] (a copy, or a copy plus
   * a small constant), so a jump condition that bounds the base bounds r too (a loop that
   * computes `i + 2` before testing `i < n`).
   */
  readonly relBase: number[];
  readonly relAdd: number[];
}

/** At entry every register comes from the machine's L/H arrays as a pair. */
export function entryState(): State {
  return {
    width: new Array<number>(REGS).fill(PAIR),
    ctx: 1 << 1,
    relBase: new Array<number>(REGS).fill(-1),
    relAdd: new Array<number>(REGS).fill(0),
  };
}

export function copyState(s: State): State {
  return { width: s.width.slice(), ctx: s.ctx, relBase: s.relBase.slice(), relAdd: s.relAdd.slice() };
}

/** Joins `from` into `into`; true when `into` changed. */
export function joinInto(into: State, from: State): boolean {
  let changed = false;
  for (let r = 0; r < REGS; r++) {
    if (from.width[r]! > into.width[r]!) {
      into.width[r] = from.width[r]!;
      changed = true;
    }
  }
  for (let r = 0; r < REGS; r++) {
    if (into.relBase[r]! >= 0 && (from.relBase[r] !== into.relBase[r] || from.relAdd[r] !== into.relAdd[r])) {
      into.relBase[r] = -1;
      changed = true;
    }
  }
  if ((into.ctx | from.ctx) !== into.ctx) {
    into.ctx |= from.ctx;
    changed = true;
  }
  return changed;
}

/** Marks registers outside `live` (a bit mask) dead. */
export function keepLive(s: State, live: number): void {
  for (let r = 0; r < REGS; r++) if (!((live >> r) & 1)) s.width[r] = DEAD;
  for (let r = 0; r < REGS; r++) {
    const b = s.relBase[r]!;
    if (b >= 0 && (!((live >> r) & 1) || !((live >> b) & 1))) s.relBase[r] = -1;
  }
  s.ctx &= live;
}

/** Bit width of an unsigned value given as a Number (0 → 0). */
export function widthOf(v: number): number {
  let w = 0;
  while (w < 64 && v >= 2 ** w) w++;
  return w;
}

export const TWO32 = 4294967296;
export const MAX_SAFE = 9007199254740991;

/** The low 32 bits as an int32 expression. */
export function lo32(r: number, width: number): string {
  const rep = repOf(width);
  return rep === W ? `w${r}` : rep === N ? `(n${r}|0)` : rep === P ? `l${r}` : "0";
}

/** The high 32 bits as an int32 expression. */
export function hi32(r: number, width: number): string {
  const rep = repOf(width);
  return rep === W ? "0" : rep === N ? `((n${r}/${TWO32})|0)` : rep === P ? `h${r}` : "0";
}

/** The value as a Number expression (W or N only). */
export function num(r: number, width: number): string {
  return width <= 31 ? `w${r}` : width <= MAX_W ? `(w${r}>>>0)` : `n${r}`;
}

/** Code that makes register r's locals for width `to` hold its value, now held for `from`. */
export function convert(r: number, from: number, to: number): string {
  const f = repOf(from);
  const t = repOf(to);
  if (f === t || f === D || t === D) return "";
  if (t === W) return `w${r}=${lo32(r, from)};`; // a narrowing that a jump condition proved
  if (t === N) return f === W ? `n${r}=${num(r, from)};` : `n${r}=(h${r}>>>0)*${TWO32}+(l${r}>>>0);`;
  return `l${r}=${lo32(r, from)};h${r}=${hi32(r, from)};`;
}

/** Code converting every register from state `from` to state `to`. */
export function convertState(from: State, to: State): string {
  let s = "";
  for (let r = 0; r < REGS; r++) s += convert(r, from.width[r]!, to.width[r]!);
  return s;
}

/** Writes every live register to the machine's L/H arrays. */
export function spillState(st: State): string {
  let s = "";
  for (let r = 0; r < REGS; r++) {
    const w = st.width[r]!;
    if (w === DEAD) continue;
    s += `L[${r}]=${lo32(r, w)};H[${r}]=${hi32(r, w)};`;
  }
  return s;
}

/** An int32 literal. */
export function lit(v: number): string {
  return v < 0 ? `(${v})` : `${v}`;
}

/** Register r gets a new value: relations of r, and relations on r, end. */
export function forgetRelations(s: State, r: number): void {
  s.relBase[r] = -1;
  for (let y = 0; y < REGS; y++) if (s.relBase[y] === r) s.relBase[y] = -1;
}
