import { VmCode } from "../codes.js";
import type { LoadedProgram } from "../load.js";
import { F_DST, F_IMM, F_IMMHI, F_OFF, F_SRC, STRIDE, XOp } from "../predecode.js";
import {
  ALU_TEMPLATES,
  JUMP_TEMPLATES,
  LOADS,
  STORES,
  instantiate,
  loadTemplate,
  storeTemplate,
} from "../semantics.js";
import { opAt } from "./cfg.js";
import {
  MAX_N,
  MAX_SAFE,
  MAX_W,
  N,
  P,
  PAIR,
  TWO32,
  W,
  copyState,
  forgetRelations,
  hi32,
  lit,
  lo32,
  num,
  repOf,
  spillState,
  widthOf,
  type State,
} from "./reps.js";

/**
 * Translation of one instruction for the typed JS tier, and its effect on the abstract state
 * (reps.ts). The same function serves the analysis (which keeps the state) and the emission
 * (which keeps the code), so the two cannot disagree.
 */
/** A sum `n<d> + x` (0 ≤ x ≤ inc) that needed a guard against reaching 2^53. */
export interface GuardedAdd {
  readonly pc: number;
  readonly d: number;
  readonly inc: number;
}

export interface Lowered {
  /** Statements for the instruction. */
  readonly code: string;
  /** For a conditional jump: the condition expression. */
  readonly cond?: string;
}

/** 32-bit operations whose result is zero-extended (width ≤ 32), by the width they give. */
const W_SPECIAL: ReadonlyMap<number, number> = new Map([
  [0x84, 32],
  [XOp.SDIV32_K, 32],
  [XOp.SDIV32_X, 32],
  [XOp.SMOD32_K, 32],
  [XOp.SMOD32_X, 32],
  [XOp.MOVSX8_32, 32],
  [XOp.MOVSX16_32, 32],
  [XOp.LE16, 16],
  [XOp.LE32, 32],
  [XOp.BE16, 16],
  [XOp.BE32, 32],
  [XOp.BSWAP16, 16],
  [XOp.BSWAP32, 32],
]);

/** Signed 64-bit division and remainder equal the unsigned ones on values below 2^63. */
const SIGNED_DIVMOD: ReadonlyMap<number, number> = new Map([
  [XOp.SDIV64_K, 0x37],
  [XOp.SDIV64_X, 0x3f],
  [XOp.SMOD64_K, 0x97],
  [XOp.SMOD64_X, 0x9f],
]);

const min = Math.min;
const max = Math.max;

export class Lowering {
  readonly p: LoadedProgram;
  /** Instructions after each slot in its block (for exact counts when leaving mid-block). */
  readonly rest: Int32Array;

  constructor(p: LoadedProgram, rest: Int32Array) {
    this.p = p;
    this.rest = rest;
  }

  /**
   * Register widths at every point where the translation may leave for the interpreter, by pc:
   * the shared exit code (compile.ts) reads the right locals back from them.
   */
  readonly exits = new Map<number, readonly number[]>();

  /**
   * Instructions `insns` already counts beyond the end of the block being lowered: a loop counts
   * a whole pass at its head (compile.ts emitLoop), so inside it every way out subtracts the
   * blocks not run. Faults read it from the local `ahead` that slow paths set.
   */
  ahead = 0;

  /**
   * While a loop is translated: where its guards of sums (see `result` in alu64) are, so that
   * the loop can test them once per pass instead (compile.ts hoistGuards).
   */
  guardLog: GuardedAdd[] | undefined = undefined;
  /** Slots whose sum guard the enclosing loop tests at its head: no guard of their own. */
  hoisted: ReadonlySet<number> = new Set();

  /**
   * Leaves for the interpreter before the instruction at pc (registers as in `st`), `counted`
   * instructions of its block already added to `insns` beyond the ones executed.
   */
  bail(pc: number, st: State, counted = this.rest[pc]! + 1 + this.ahead): string {
    this.exits.set(pc, st.width.slice());
    return `{bp=${pc};bi=insns-${counted};break X;}`;
  }

  /** The statements a slow path (which may fault) runs first: where, and how much is ahead. */
  private slow(pc: number): string {
    return `cur=${pc};ahead=${this.ahead};`;
  }

  lower(pc: number, st: State): Lowered {
    const c = this.p.code;
    const b = pc * STRIDE;
    const op = opAt(this.p, pc);
    const d = c[b + F_DST]!;
    const s = c[b + F_SRC]!;
    const off = c[b + F_OFF]!;
    const imm = c[b + F_IMM]!;
    const immHi = c[b + F_IMMHI]!;
    const wd = st.width;
    const clearCtx = (r: number) => (st.ctx &= ~(1 << r));

    if (op === 0x18) {
      clearCtx(d);
      if (immHi >= 0 && immHi < 0x200000) {
        const v = immHi * TWO32 + (imm >>> 0);
        const w = widthOf(v);
        return this.set(st, d, w, w <= MAX_W ? `w${d}=${lit(imm)};` : `n${d}=${v};`);
      }
      st.ctx |= 1 << d; // a map or global pointer: treat like any pointer of unknown kind
      return this.set(st, d, PAIR, `l${d}=${lit(imm)};h${d}=${lit(immHi)};`);
    }

    const alu = ALU_TEMPLATES.get(op);
    if (alu) {
      const special = W_SPECIAL.get(op);
      if (op < 0x100 ? (op & 7) === 0x04 : special !== undefined) {
        return this.alu32(st, op, d, s, imm, alu.srcReg, alu.code, special ?? MAX_W);
      }
      return this.alu64(pc, st, op, d, s, imm, immHi, alu.srcReg, alu.code);
    }

    const jump = JUMP_TEMPLATES.get(op);
    if (jump) return { code: "", cond: this.condition(op, d, s, imm, immHi, jump.srcReg, jump.code, wd) };

    const load = LOADS.get(op);
    if (load) {
      const [size, signed] = load;
      const t = loadTemplate(size, signed, lit(off), this.slow(pc), s);
      const al = lo32(s, wd[s]!);
      const ah = hi32(s, wd[s]!);
      if (size < 8 && !signed && (st.ctx & (1 << s)) === 0) {
        // A narrow load through a pointer that is not the context: a zero-extended value unless a
        // region policy answers with a 64-bit one (a context handed around); then re-run it in
        // the interpreter, which keeps both halves.
        const code = `{let _l=0,_h=0;${instantiate(t, "_l", "_h", al, ah)}if(_h!==0)${this.bail(pc, st)}w${d}=_l;}`;
        clearCtx(d);
        return this.set(st, d, size * 8, code);
      }
      const code = instantiate(t, `l${d}`, `h${d}`, al, ah);
      if (size === 8 && !signed) st.ctx |= 1 << d;
      else clearCtx(d);
      return this.set(st, d, PAIR, code);
    }

    const store = STORES.get(op);
    if (store) {
      const [size, fromReg] = store;
      const t = storeTemplate(size, lit(off), this.slow(pc), d);
      const vl = fromReg ? lo32(s, wd[s]!) : lit(imm);
      const vh = fromReg ? hi32(s, wd[s]!) : lit(immHi);
      return { code: instantiate(t, lo32(d, wd[d]!), hi32(d, wd[d]!), vl, vh) };
    }

    switch (op) {
      case 0x95:
        return {
          code: `L[0]=${lo32(0, wd[0]!)};H[0]=${hi32(0, wd[0]!)};m.insns=insns-${this.ahead};m.pc=${pc};return 0;`,
        };
      case 0x85:
      case 0x8d: {
        const call =
          op === 0x85
            ? `m.callHelper(${imm},helpers)`
            : `m.callx(${lo32(d, wd[d]!)},${hi32(d, wd[d]!)},helpers)`;
        const code =
          // the helper sees (HelperContext.insns) and its callbacks go on from the exact count
          `{${spillState(st)}${this.slow(pc)}m.pc=${pc};m.insns=insns-${this.ahead};const st=${call};` +
          `if(st!==0)return st===1?0:2;l0=L[0];h0=H[0];insns=m.insns+${this.ahead};` +
          // the helper may have released a region
          Array.from({ length: 11 }, (_, k) => `cT${k}=-1;`).join("") +
          "}";
        st.ctx |= 1;
        return this.set(st, 0, PAIR, code);
      }
      case 0x20:
      case 0x28:
      case 0x30:
      case 0x40:
      case 0x48:
      case 0x50: {
        const size = (op & 0x18) === 0x00 ? 4 : (op & 0x18) === 0x08 ? 2 : 1;
        const o = op & 0x40 ? `(${lo32(s, wd[s]!)}+${lit(imm)})|0` : lit(imm);
        const code =
          `{${this.slow(pc)}const v=m.ldAbs(${o},${size});` +
          `if(v<0){L[0]=0;H[0]=0;m.depth=0;m.insns=insns-${this.ahead};return 0;}w0=v|0;}`;
        clearCtx(0);
        return this.set(st, 0, size * 8, code);
      }
      case 0xc3:
      case 0xdb: {
        const size = op === 0xc3 ? 4 : 8;
        // both halves of everything it touches
        let code = this.widenTo(st, d, true) + this.widenTo(st, s, true);
        if (imm === 0xf1) code += this.widenTo(st, 0, true);
        code += `{${this.slow(pc)}atomicRmw(mem,h${d},l${d},${lit(off)},${size},${imm},l${s},h${s},${lo32(0, wd[0]!)},${hi32(0, wd[0]!)},OUT);`;
        if (imm === 0xf1) {
          code += "l0=OUT[0];h0=OUT[1];}";
          clearCtx(0);
          forgetRelations(st, 0);
        } else if (imm & 1) {
          code += `l${s}=OUT[0];h${s}=OUT[1];}`;
          clearCtx(s);
          forgetRelations(st, s);
        } else code += "}";
        return { code };
      }
      case 0x05:
      case 0x06:
        return { code: "" };
      default:
        return {
          code: `${this.slow(pc)}m.raise("${VmCode.INTERNAL}","JS tier: no translation for internal op ${op}");`,
        };
    }
  }

  /**
   * The state on one edge of the conditional jump at `pc`: an unsigned comparison that holds
   * bounds the smaller side by the larger one's width (taken: the condition is true).
   */
  refine(pc: number, st: State, taken: boolean): State {
    const c = this.p.code;
    const b = pc * STRIDE;
    const op = opAt(this.p, pc);
    const out = copyState(st);
    if (!JUMP_TEMPLATES.has(op)) return out;
    const d = c[b + F_DST]!;
    const s = c[b + F_SRC]!;
    const srcReg = (op & 0x08) !== 0;
    const is32 = (op & 7) === 0x06;
    const imm = c[b + F_IMM]!;
    const limit = is32 ? MAX_W : MAX_N;
    const wdt = out.width;
    const wD = wdt[d]!;
    const wS = srcReg ? wdt[s]! : widthOf(is32 ? imm >>> 0 : imm);
    if (wD < 0 || wD > limit || wS < 0 || wS > limit || (!srcReg && !is32 && imm < 0)) return out;
    // which side is known to be at most the other: "d ≤ s" or "s ≤ d"
    let dLeS = false;
    let sLeD = false;
    switch (op & 0xf0) {
      case 0x10: // ==
        dLeS = sLeD = taken;
        break;
      case 0x50: // !=
        dLeS = sLeD = !taken;
        break;
      case 0xa0: // <
      case 0xb0: // <=
        if (taken) dLeS = true;
        else sLeD = true;
        break;
      case 0x20: // >
      case 0x30: // >=
        if (taken) sLeD = true;
        else dLeS = true;
        break;
    }
    if (dLeS) wdt[d] = min(wD, wS);
    if (sLeD && srcReg) wdt[s] = min(wS, wD);
    // registers known to be a bounded register plus a constant are bounded too
    for (const x of dLeS ? (sLeD && srcReg ? [d, s] : [d]) : sLeD && srcReg ? [s] : []) {
      for (let y = 0; y < wdt.length; y++) {
        if (out.relBase[y] !== x) continue;
        const add = out.relAdd[y]!;
        const bound = add === 0 ? wdt[x]! : max(wdt[x]!, widthOf(add)) + 1;
        if (bound < wdt[y]!) wdt[y] = bound;
      }
    }
    return out;
  }

  private set(st: State, r: number, width: number, code: string): Lowered {
    st.width[r] = width;
    forgetRelations(st, r);
    return { code };
  }

  /** Makes register r's pair locals current and returns the conversion code. */
  private widenTo(st: State, r: number, update = false): string {
    const from = st.width[r]!;
    const rep = repOf(from);
    if (rep === P) return "";
    if (update) st.width[r] = PAIR;
    return `l${r}=${lo32(r, from)};h${r}=${hi32(r, from)};`;
  }

  private alu32(
    st: State,
    op: number,
    d: number,
    s: number,
    imm: number,
    srcReg: boolean,
    template: string,
    resultWidth: number,
  ): Lowered {
    const wd = st.width;
    const a = min(wd[d]!, MAX_W);
    const bw = srcReg ? min(wd[s]!, MAX_W) : widthOf(imm >>> 0);
    const pre = repOf(wd[d]!) === W ? "" : `w${d}=${lo32(d, wd[d]!)};`;
    // the low halves only; the template's high-half assignment goes to a dead local
    const src = srcReg ? (s === d ? `w${d}` : lo32(s, wd[s]!)) : lit(imm);
    st.ctx &= ~(1 << d);
    let width = resultWidth;
    if (op < 0x100) {
      switch (op & 0xf0) {
        case 0x00: // add
          width = min(max(a, bw) + 1, MAX_W);
          break;
        case 0x20: // mul
          width = min(a + bw, MAX_W);
          break;
        case 0x30: // div
          width = a;
          break;
        case 0x90: // mod (x % 0 = x)
          width = srcReg || imm === 0 ? a : min(a, bw);
          break;
        case 0x40: // or
        case 0xa0: // xor
          width = max(a, bw);
          break;
        case 0x50: // and
          width = min(a, bw);
          break;
        case 0x60: // lsh
          width = srcReg ? MAX_W : min(a + (imm & 31), MAX_W);
          break;
        case 0x70: // rsh
          width = srcReg ? a : max(a - (imm & 31), 0);
          break;
        case 0xb0: // mov
          width = bw;
          break;
      }
    }
    return this.set(st, d, width, pre + instantiate(template, `w${d}`, "_", src, "0"));
  }

  private alu64(
    pc: number,
    st: State,
    op: number,
    d: number,
    s: number,
    imm: number,
    immHi: number,
    srcReg: boolean,
    template: string,
  ): Lowered {
    const wdt = st.width;
    const a = wdt[d]!;
    const bw = srcReg ? wdt[s]! : imm >= 0 ? widthOf(imm) : PAIR;
    const dCtx = (st.ctx >> d) & 1;
    const sCtx = srcReg ? (st.ctx >> s) & 1 : 0;
    st.ctx &= ~(1 << d);
    const signed = SIGNED_DIVMOD.get(op);
    const kind = signed ?? op;
    // operation bits and class of a plain ALU64 opcode; -1 for the internal forms
    const base = kind < 0x100 ? kind & 0xf7 : -1;
    const numeric = a <= MAX_N && (!srcReg || bw <= MAX_N);
    const A = numeric ? num(d, a) : "";
    const B = srcReg ? (bw <= MAX_N ? num(s, bw) : "") : `${imm}`;
    // a result of `width` bits; past 53 a guard leaves for the interpreter if it is reached
    // `inc`: for a sum, the most it adds (its guard may move to the loop's head)
    const result = (expr: string, width: number, negGuard = false, inc = -1): Lowered => {
      if (width <= MAX_W && !negGuard) return this.set(st, d, width, `w${d}=(${expr})|0;`);
      if (width <= MAX_N && !negGuard) return this.set(st, d, width, `n${d}=${expr};`);
      if (!negGuard && inc >= 0) {
        this.guardLog?.push({ pc, d, inc });
        if (this.hoisted.has(pc)) return this.set(st, d, MAX_N, `n${d}=${expr};`);
      }
      // `t>2^31-1&&` first: while V8 keeps t as an int32 it knows that test false and drops the
      // whole guard; once values grow it is one more compare
      const big = `t>2147483647&&t>${MAX_SAFE}`;
      const test = negGuard ? (width > MAX_N ? `t<0||(${big})` : "t<0") : big;
      const w = min(width, MAX_N);
      const assign = w <= MAX_W ? `w${d}=t|0;` : `n${d}=t;`;
      return this.set(st, d, w, `{const t=${expr};if(${test})${this.bail(pc, st)}${assign}}`);
    };

    if (kind === 0xbf) {
      // mov: the source's representation travels with the value
      st.ctx |= sCtx << d;
      const rep = repOf(bw);
      const moved = this.set(
        st,
        d,
        bw,
        rep === W ? `w${d}=w${s};` : rep === N ? `n${d}=n${s};` : `l${d}=l${s};h${d}=h${s};`,
      );
      if (s !== d) {
        st.relBase[d] = s;
        st.relAdd[d] = 0;
      }
      return moved;
    }
    if (kind === 0xb7) {
      if (imm >= 0) return this.set(st, d, bw, `w${d}=${imm};`);
      return this.set(st, d, PAIR, `l${d}=${lit(imm)};h${d}=-1;`);
    }
    if (numeric && !(signed !== undefined && !srcReg && imm < 0)) {
      const k = imm;
      switch (base) {
        case 0x07: {
          // add
          if (!srcReg && k < 0) return result(`${A}-${-k}`, a, true);
          const base = st.relBase[d]!;
          const add = st.relAdd[d]!;
          const sum = result(`${A}+${B}`, max(a, bw) + 1, false, srcReg ? 2 ** bw - 1 : k);
          if (!srcReg && base >= 0 && add + k < 0x40000000) {
            st.relBase[d] = base;
            st.relAdd[d] = add + k;
          }
          return sum;
        }
        case 0x17: // sub
          if (!srcReg && k < 0) return result(`${A}+${-k}`, max(a, widthOf(-k)) + 1);
          return result(`${A}-${B}`, a, true);
        case 0x27: // mul
          if (!srcReg && k < 0) break;
          return result(`${A}*${B}`, a + bw);
        case 0x37: // div (unsigned; signed on non-negative values is the same)
          if (!srcReg) {
            if (k <= 0) return this.set(st, d, 0, `w${d}=0;`); // x/0 = 0; x/(≥2^63) = 0
            return result(`Math.floor(${A}/${k})`, a);
          }
          return this.set(
            st,
            d,
            a,
            `{const b=${B};${a <= MAX_W ? "w" : "n"}${d}=b===0?0:${a <= MAX_W ? "" : "Math.floor"}(${A}/b)${a <= MAX_W ? "|0" : ""};}`,
          );
        case 0x97: // mod: x % 0 = x; a divisor of 2^63 or more leaves x too
          if (!srcReg) {
            if (k <= 0) return this.set(st, d, a, "");
            return result(`${A}%${k}`, min(a, bw));
          }
          return this.set(
            st,
            d,
            a,
            `{const b=${B};if(b!==0)${a <= MAX_W ? `w${d}=(${A}%b)|0` : `n${d}=${A}%b`};}`,
          );
        case 0x47: // or
        case 0xa7: // xor
        case 0x57: {
          // and
          const o = base === 0x47 ? "|" : base === 0xa7 ? "^" : "&";
          const small = o === "&" ? min(a, bw) : max(a, bw);
          if (small <= MAX_W) {
            return this.set(st, d, small, `w${d}=${lo32(d, a)}${o}${srcReg ? lo32(s, bw) : lit(k)};`);
          }
          if (!srcReg && k < 0 && o !== "&") break;
          // split at 2^32: the high parts are below 2^21, so the result stays below 2^53
          const bl = srcReg ? "b%4294967296" : `${k}`;
          const bh = srcReg ? "(b-bl)/4294967296" : k < 0 ? "-1" : "0";
          return this.set(
            st,
            d,
            small,
            `{const a=${A},al=a%4294967296${srcReg ? `,b=${B}` : ""},bl=${bl};` +
              `n${d}=(((a-al)/4294967296)${o}(${bh}))*4294967296+((al${o}bl)>>>0);}`,
          );
        }
        case 0x67: {
          // lsh
          if (srcReg) break;
          const n = k & 63;
          if (n === 0) return this.set(st, d, a, "");
          if (a + n > 64) break;
          return result(`${A}*${2 ** n}`, a + n);
        }
        case 0x77: // rsh
        case 0xc7: {
          // arsh: the same on values below 2^63
          if (srcReg) break;
          const n = k & 63;
          if (n === 0) return this.set(st, d, a, "");
          if (a <= MAX_W)
            return this.set(st, d, max(a - n, 0), n >= 32 ? `w${d}=0;` : `w${d}=(${A}>>>${n})|0;`);
          return result(`Math.floor(${A}/${2 ** n})`, max(a - n, 0));
        }
      }
    } else if (!srcReg && repOf(a) === P && kind === 0x77 && (imm & 63) >= 32) {
      // a logical right shift of a pair by 32 or more is the high half's shift. (By less, the
      // result stays a pair: as a Number it would have to be split again for the pair operations
      // it usually meets, which costs more than the Number saves.)
      const n = imm & 63;
      return this.set(st, d, 64 - n, n === 32 ? `w${d}=h${d};` : `w${d}=(h${d}>>>${n - 32})|0;`);
    }
    if (op === XOp.LE64) return this.set(st, d, a, "");
    // a pair by a divisor or factor below 2^21: the partial results fit doubles exactly
    const narrow = srcReg ? (bw <= 21 ? num(s, bw) : "") : imm >= 0 && imm < 2 ** 21 ? `${imm}` : "";
    if (narrow && repOf(a) === P && signed === undefined) {
      const L = `l${d}`;
      const H = `h${d}`;
      // (h·2^32 + l) / k as two steps: h / k, then (remainder·2^32 + l) / k < 2^53
      const steps = `const hu=${H}>>>0,qh=Math.floor(hu/k),t=(hu-qh*k)*${TWO32}+(${L}>>>0),ql=Math.floor(t/k);`;
      switch (base) {
        case 0x27: // mul: the low product is below 2^53
          return this.set(
            st,
            d,
            PAIR,
            `{const k=${narrow},p=(${L}>>>0)*k;${H}=(Math.imul(${H},k)+Math.floor(p/${TWO32}))|0;${L}=p|0;}`,
          );
        case 0x37: // div (x / 0 = 0)
          return this.set(
            st,
            d,
            PAIR,
            `{const k=${narrow};if(k===0){${L}=0;${H}=0;}else{${steps}${L}=ql|0;${H}=qh|0;}}`,
          );
        case 0x97: // mod (x % 0 = x): below the divisor
          if (!srcReg) {
            if (imm === 0) return this.set(st, d, a, "");
            return this.set(st, d, bw, `{const k=${narrow};${steps}w${d}=(t-ql*k)|0;}`);
          }
          return this.set(st, d, PAIR, `{const k=${narrow};if(k!==0){${steps}${L}=(t-ql*k)|0;${H}=0;}}`);
      }
    }
    // both halves, through the shared template
    const pre = this.widenTo(st, d);
    if ((base === 0x07 || base === 0x17) && (srcReg ? bw <= MAX_W : imm >= 0)) {
      // the operand's high half is zero: the carry (borrow) is a predictable branch
      st.ctx |= (dCtx | sCtx) << d;
      const b = srcReg ? lo32(s, bw) : lit(imm);
      return this.set(
        st,
        d,
        PAIR,
        pre +
          (base === 0x07
            ? `{const a=l${d},r=(a+${b})|0;l${d}=r;if((r>>>0)<(a>>>0))h${d}=(h${d}+1)|0;}`
            : `{const a=l${d},b=${b};l${d}=(a-b)|0;if((a>>>0)<(b>>>0))h${d}=(h${d}-1)|0;}`),
      );
    }
    const sl = srcReg ? lo32(s, bw) : lit(imm);
    const sh = srcReg ? hi32(s, bw) : lit(immHi);
    // pointer arithmetic keeps "may be the context" (r1 + 8, r10 - 8 copies)
    if (base === 0x07 || base === 0x17) st.ctx |= (dCtx | sCtx) << d;
    return this.set(st, d, PAIR, pre + instantiate(template, `l${d}`, `h${d}`, sl, sh));
  }

  private condition(
    op: number,
    d: number,
    s: number,
    imm: number,
    immHi: number,
    srcReg: boolean,
    template: string,
    wdt: readonly number[],
  ): string {
    const a = wdt[d]!;
    const bw = srcReg ? wdt[s]! : 0;
    if ((op & 7) === 0x06) {
      // 32-bit comparison: the low halves
      return instantiate(template, lo32(d, a), "0", srcReg ? lo32(s, bw) : lit(imm), "0");
    }
    const numeric = a <= MAX_N && (srcReg ? bw <= MAX_N : imm >= 0);
    if (numeric) {
      const A = num(d, a);
      const B = srcReg ? num(s, bw) : `${imm}`;
      switch (op & 0xf0) {
        case 0x10:
          return `(${A}===${B})`;
        case 0x50:
          return `(${A}!==${B})`;
        case 0x20:
        case 0x60:
          return `(${A}>${B})`;
        case 0x30:
        case 0x70:
          return `(${A}>=${B})`;
        case 0xa0:
        case 0xc0:
          return `(${A}<${B})`;
        case 0xb0:
        case 0xd0:
          return `(${A}<=${B})`;
        case 0x40:
          if (a <= MAX_W || !srcReg || bw <= MAX_W) {
            return `((${lo32(d, a)}&${srcReg ? lo32(s, bw) : lit(imm)})!==0)`;
          }
      }
    }
    return instantiate(
      template,
      lo32(d, a),
      hi32(d, a),
      srcReg ? lo32(s, bw) : lit(imm),
      srcReg ? hi32(s, bw) : lit(immHi),
    );
  }
}
