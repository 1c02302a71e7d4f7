import { XOp } from "./predecode.js";

/**
 * The meaning of every arithmetic instruction and jump condition, written once as JavaScript
 * source templates over 64-bit values held as int32 halves. Both tiers are generated from these
 * templates (the interpreter substitutes typed-array slots, the JS tier substitutes locals and
 * literals), so the two cannot drift apart on the arithmetic rules of RFC 9669 §4.
 *
 * Placeholders: `$dl`/`$dh` the destination's low/high half (read and assigned), `$sl`/`$sh` the
 * source operand's halves (a register, or the immediate and its sign extension). Templates read
 * every operand into a temporary before assigning, so `dst` and `src` may be the same register.
 * Functions referenced (mul64Hi, div64, OUT, ...) come from int64.ts.
 */

/** ALU operations by the opcode's operation bits (RFC 9669 §4.1), 64-bit. */
const ALU64: ReadonlyArray<readonly [number, string]> = [
  [0x00, "{const a=$dl,ah=$dh,b=$sl,bh=$sh;const r=(a+b)|0;$dl=r;$dh=(ah+bh+((r>>>0)<(a>>>0)?1:0))|0;}"],
  [0x10, "{const a=$dl,ah=$dh,b=$sl,bh=$sh;$dl=(a-b)|0;$dh=(ah-bh-((a>>>0)<(b>>>0)?1:0))|0;}"],
  [0x20, "{const a=$dl,ah=$dh,b=$sl,bh=$sh;$dl=Math.imul(a,b);$dh=mul64Hi(a,ah,b,bh);}"],
  // a divisor below 2^21 (a loop counter, most constants) inline, as int64.ts udivmod64 does it:
  // (high word's remainder)·2^32 + low word stays below 2^53, so both steps are exact
  [
    0x30,
    "{const b=$sl,bh=$sh;if(bh===0&&b>0&&b<2097152){const hu=$dh>>>0,qh=Math.floor(hu/b),t=(hu-qh*b)*4294967296+($dl>>>0);$dl=Math.floor(t/b)|0;$dh=qh|0;}else{div64($dl,$dh,b,bh);$dl=OUT[0];$dh=OUT[1];}}",
  ],
  [0x40, "{const b=$sl,bh=$sh;$dl=$dl|b;$dh=$dh|bh;}"],
  [0x50, "{const b=$sl,bh=$sh;$dl=$dl&b;$dh=$dh&bh;}"],
  [
    0x60,
    "{const n=$sl&63;if(n!==0){const lo=$dl,hi=$dh;if(n<32){$dh=(hi<<n)|(lo>>>(32-n));$dl=lo<<n;}else{$dh=lo<<(n-32);$dl=0;}}}",
  ],
  [
    0x70,
    "{const n=$sl&63;if(n!==0){const lo=$dl,hi=$dh;if(n<32){$dl=(lo>>>n)|(hi<<(32-n));$dh=(hi>>>n)|0;}else{$dl=(hi>>>(n-32))|0;$dh=0;}}}",
  ],
  [
    0x90,
    "{const b=$sl,bh=$sh;if(bh===0&&b>0&&b<2097152){const hu=$dh>>>0,t=(hu-Math.floor(hu/b)*b)*4294967296+($dl>>>0);$dl=(t-Math.floor(t/b)*b)|0;$dh=0;}else{mod64($dl,$dh,b,bh);$dl=OUT[0];$dh=OUT[1];}}",
  ],
  [0xa0, "{const b=$sl,bh=$sh;$dl=$dl^b;$dh=$dh^bh;}"],
  [0xb0, "{const b=$sl,bh=$sh;$dl=b;$dh=bh;}"],
  [
    0xc0,
    "{const n=$sl&63;if(n!==0){const lo=$dl,hi=$dh;if(n<32){$dl=(lo>>>n)|(hi<<(32-n));$dh=hi>>n;}else{$dl=hi>>(n-32);$dh=hi>>31;}}}",
  ],
];

/** 32-bit ALU: operate on the low halves, zero the high half (RFC 9669 §4.1). */
const ALU32: ReadonlyArray<readonly [number, string]> = [
  [0x00, "{$dl=($dl+$sl)|0;$dh=0;}"],
  [0x10, "{$dl=($dl-$sl)|0;$dh=0;}"],
  [0x20, "{$dl=Math.imul($dl,$sl);$dh=0;}"],
  [0x30, "{$dl=div32($dl,$sl);$dh=0;}"],
  [0x40, "{$dl=$dl|$sl;$dh=0;}"],
  [0x50, "{$dl=$dl&$sl;$dh=0;}"],
  [0x60, "{$dl=$dl<<($sl&31);$dh=0;}"],
  [0x70, "{$dl=($dl>>>($sl&31))|0;$dh=0;}"],
  [0x90, "{$dl=mod32($dl,$sl);$dh=0;}"],
  [0xa0, "{$dl=$dl^$sl;$dh=0;}"],
  [0xb0, "{$dl=$sl;$dh=0;}"],
  [0xc0, "{$dl=$dl>>($sl&31);$dh=0;}"],
];

/** Forms whose operand is the destination alone, or that are selected by off/imm. */
const SPECIAL: ReadonlyArray<readonly [number, string, boolean]> = [
  // [xop, template, uses src register]
  [0x87, "{const lo=$dl;$dl=-lo|0;$dh=(~$dh+(lo===0?1:0))|0;}", false],
  [0x84, "{$dl=-$dl|0;$dh=0;}", false],
  [XOp.SDIV64_K, "{sdiv64($dl,$dh,$sl,$sh);$dl=OUT[0];$dh=OUT[1];}", false],
  [XOp.SDIV64_X, "{sdiv64($dl,$dh,$sl,$sh);$dl=OUT[0];$dh=OUT[1];}", true],
  [XOp.SMOD64_K, "{smod64($dl,$dh,$sl,$sh);$dl=OUT[0];$dh=OUT[1];}", false],
  [XOp.SMOD64_X, "{smod64($dl,$dh,$sl,$sh);$dl=OUT[0];$dh=OUT[1];}", true],
  [XOp.SDIV32_K, "{$dl=sdiv32($dl,$sl);$dh=0;}", false],
  [XOp.SDIV32_X, "{$dl=sdiv32($dl,$sl);$dh=0;}", true],
  [XOp.SMOD32_K, "{$dl=smod32($dl,$sl);$dh=0;}", false],
  [XOp.SMOD32_X, "{$dl=smod32($dl,$sl);$dh=0;}", true],
  [XOp.MOVSX8_64, "{const v=($sl<<24)>>24;$dl=v;$dh=v>>31;}", true],
  [XOp.MOVSX16_64, "{const v=($sl<<16)>>16;$dl=v;$dh=v>>31;}", true],
  [XOp.MOVSX32_64, "{const v=$sl;$dl=v;$dh=v>>31;}", true],
  [XOp.MOVSX8_32, "{$dl=($sl<<24)>>24;$dh=0;}", true],
  [XOp.MOVSX16_32, "{$dl=($sl<<16)>>16;$dh=0;}", true],
  // little-endian host: le* truncates, be* and bswap* swap (RFC 9669 §4.2)
  [XOp.LE16, "{$dl=$dl&65535;$dh=0;}", false],
  [XOp.LE32, "{$dh=0;}", false],
  [XOp.LE64, "{}", false],
  [XOp.BE16, "{const v=$dl;$dl=((v&255)<<8)|((v>>>8)&255);$dh=0;}", false],
  [XOp.BE32, "{$dl=bswap32($dl);$dh=0;}", false],
  [XOp.BE64, "{const lo=$dl;$dl=bswap32($dh);$dh=bswap32(lo);}", false],
  [XOp.BSWAP16, "{const v=$dl;$dl=((v&255)<<8)|((v>>>8)&255);$dh=0;}", false],
  [XOp.BSWAP32, "{$dl=bswap32($dl);$dh=0;}", false],
  [XOp.BSWAP64, "{const lo=$dl;$dl=bswap32($dh);$dh=bswap32(lo);}", false],
];

/** Jump conditions by operation bits (RFC 9669 §4.3), as expressions. */
const JMP64: ReadonlyArray<readonly [number, string]> = [
  [0x10, "($dl===$sl&&$dh===$sh)"],
  [0x20, "(($dh>>>0)>($sh>>>0)||($dh===$sh&&($dl>>>0)>($sl>>>0)))"],
  [0x30, "(($dh>>>0)>($sh>>>0)||($dh===$sh&&($dl>>>0)>=($sl>>>0)))"],
  [0x40, "((($dl&$sl)|($dh&$sh))!==0)"],
  [0x50, "($dl!==$sl||$dh!==$sh)"],
  [0x60, "($dh>$sh||($dh===$sh&&($dl>>>0)>($sl>>>0)))"],
  [0x70, "($dh>$sh||($dh===$sh&&($dl>>>0)>=($sl>>>0)))"],
  [0xa0, "(($dh>>>0)<($sh>>>0)||($dh===$sh&&($dl>>>0)<($sl>>>0)))"],
  [0xb0, "(($dh>>>0)<($sh>>>0)||($dh===$sh&&($dl>>>0)<=($sl>>>0)))"],
  [0xc0, "($dh<$sh||($dh===$sh&&($dl>>>0)<($sl>>>0)))"],
  [0xd0, "($dh<$sh||($dh===$sh&&($dl>>>0)<=($sl>>>0)))"],
];

const JMP32: ReadonlyArray<readonly [number, string]> = [
  [0x10, "($dl===$sl)"],
  [0x20, "(($dl>>>0)>($sl>>>0))"],
  [0x30, "(($dl>>>0)>=($sl>>>0))"],
  [0x40, "(($dl&$sl)!==0)"],
  [0x50, "($dl!==$sl)"],
  [0x60, "($dl>$sl)"],
  [0x70, "($dl>=$sl)"],
  [0xa0, "(($dl>>>0)<($sl>>>0))"],
  [0xb0, "(($dl>>>0)<=($sl>>>0))"],
  [0xc0, "($dl<$sl)"],
  [0xd0, "($dl<=$sl)"],
];

/** A template and whether its operand is the src register (else the immediate). */
export interface Template {
  readonly code: string;
  readonly srcReg: boolean;
}

function build(): { alu: Map<number, Template>; jump: Map<number, Template> } {
  const alu = new Map<number, Template>();
  const jump = new Map<number, Template>();
  for (const [op, code] of ALU64) {
    alu.set(0x07 | op, { code, srcReg: false });
    alu.set(0x0f | op, { code, srcReg: true });
  }
  for (const [op, code] of ALU32) {
    alu.set(0x04 | op, { code, srcReg: false });
    alu.set(0x0c | op, { code, srcReg: true });
  }
  for (const [xop, code, srcReg] of SPECIAL) alu.set(xop, { code, srcReg });
  for (const [op, code] of JMP64) {
    jump.set(0x05 | op, { code, srcReg: false });
    jump.set(0x0d | op, { code, srcReg: true });
  }
  for (const [op, code] of JMP32) {
    jump.set(0x06 | op, { code, srcReg: false });
    jump.set(0x0e | op, { code, srcReg: true });
  }
  return { alu, jump };
}

const TABLES = build();
/** ALU templates by internal op (predecode.ts): statements. */
export const ALU_TEMPLATES: ReadonlyMap<number, Template> = TABLES.alu;
/** Conditional jump templates by opcode: boolean expressions. */
export const JUMP_TEMPLATES: ReadonlyMap<number, Template> = TABLES.jump;

/** Substitutes the operand placeholders of a template. */
export function instantiate(template: string, dl: string, dh: string, sl: string, sh: string): string {
  return template.replace(/\$(dl|dh|sl|sh)/g, (_, p: string) =>
    p === "dl" ? dl : p === "dh" ? dh : p === "sl" ? sl : sh,
  );
}

/** Loads: xop → [bytes, sign-extending]. */
export const LOADS: ReadonlyMap<number, readonly [1 | 2 | 4 | 8, boolean]> = new Map([
  [0x71, [1, false]],
  [0x69, [2, false]],
  [0x61, [4, false]],
  [0x79, [8, false]],
  [0x91, [1, true]],
  [0x89, [2, true]],
  [0x81, [4, true]],
] as const);

/** Stores: xop → [bytes, value from src register (stx) or immediate (st)]. */
export const STORES: ReadonlyMap<number, readonly [1 | 2 | 4 | 8, boolean]> = new Map([
  [0x72, [1, false]],
  [0x6a, [2, false]],
  [0x62, [4, false]],
  [0x7a, [8, false]],
  [0x73, [1, true]],
  [0x6b, [2, true]],
  [0x63, [4, true]],
  [0x7b, [8, true]],
] as const);

/**
 * Fast-path load of `size` bytes at ($ah:$al)+off into $dl/$dh: region by tag, bounds and the
 * region's fastLoad flag inline; anything unusual goes to Memory.load, which faults or handles
 * policies (ctx pointer fields).
 */
export function loadTemplate(
  size: number,
  signed: boolean,
  off: string,
  slowPrefix = "",
  cache?: number,
): string {
  let get =
    size === 1
      ? signed
        ? "{const v=r.view.getInt8(o);$dl=v;$dh=v>>31;}"
        : "{$dl=r.bytes[o];$dh=0;}"
      : size === 2
        ? signed
          ? "{const v=r.view.getInt16(o,true);$dl=v;$dh=v>>31;}"
          : "{$dl=r.view.getUint16(o,true);$dh=0;}"
        : size === 4
          ? signed
            ? "{const v=r.view.getInt32(o,true);$dl=v;$dh=v>>31;}"
            : "{$dl=r.view.getInt32(o,true);$dh=0;}"
          : "{const v=r.view;$dl=v.getInt32(o,true);$dh=v.getInt32(o+4,true);}";
  const slowExt =
    size === 8 || !signed
      ? "$dl=OUT[0];$dh=OUT[1];"
      : size === 4
        ? "{const v=OUT[0];$dl=v;$dh=v>>31;}"
        : `{const v=(OUT[0]<<${32 - size * 8})>>${32 - size * 8};$dl=v;$dh=v>>31;}`;
  if (cache !== undefined) {
    get = get.replace(/r\.bytes/g, `cB${cache}`).replace(/r\.view/g, `cV${cache}`);
    // a byte: the typed array's own bounds check (undefined outside) serves as ours
    const test =
      size === 1 && !signed
        ? `const v=cB${cache}[o];if(ah===cT${cache}&&v!==undefined){$dl=v;$dh=0;}`
        : `if(ah===cT${cache}&&o>=0&&o<=cS${cache}-${size})${get}`;
    return (
      `{const ah=$sh,al=$sl;const o=(al>>>0)-${0x1000_0000}+${off};${cacheFill(cache)}` +
      test +
      `else{${slowPrefix}mem.load(ah,al,${off},${size},OUT);${slowExt}}}`
    );
  }
  return (
    `{const ah=$sh,al=$sl,ri=ah-${0x7f00};let r;const o=(al>>>0)-${0x1000_0000}+${off};` +
    `if(ri>0&&ri<regions.length&&(r=regions[ri]).fastLoad&&o>=0&&o<=r.size-${size})${get}` +
    `else{${slowPrefix}mem.load(ah,al,${off},${size},OUT);${slowExt}}}`
  );
}

/**
 * The JS tier's per-base-register region cache (locals cT<k> tag, cB<k> bytes, cV<k> view,
 * cS<k> size, cW<k> stores allowed): statements that look the region of tag `ah` up when it is not
 * the cached one, and cache it when its fast paths are open. A loop over a packet then compares
 * one tag instead of indexing the region table. Helper calls clear the caches (a helper may
 * release a region); nothing else changes a region during a run.
 */
export function cacheFill(k: number): string {
  return (
    `if(ah!==cT${k}){const ri=ah-${0x7f00},r=ri>0&&ri<regions.length?regions[ri]:undefined;` +
    `if(r!==undefined&&r.fastLoad){cT${k}=ah;cB${k}=r.bytes;cV${k}=r.view;cS${k}=r.size;cW${k}=r.fastStore;}}`
  );
}

/** Fast-path store of the value $sl/$sh at ($dh:$dl)+off. */
export function storeTemplate(size: number, off: string, slowPrefix = "", cache?: number): string {
  let set =
    size === 1
      ? "r.bytes[o]=vl;"
      : size === 2
        ? "r.view.setUint16(o,vl&65535,true);"
        : size === 4
          ? "r.view.setInt32(o,vl,true);"
          : "{const v=r.view;v.setInt32(o,vl,true);v.setInt32(o+4,vh,true);}";
  if (cache !== undefined) {
    set = set.replace(/r\.bytes/g, `cB${cache}`).replace(/r\.view/g, `cV${cache}`);
    return (
      `{const ah=$dh,al=$dl,vl=$sl,vh=$sh;const o=(al>>>0)-${0x1000_0000}+${off};${cacheFill(cache)}` +
      `if(ah===cT${cache}&&cW${cache}&&o>=0&&o<=cS${cache}-${size}){${set}}` +
      `else{${slowPrefix}mem.store(ah,al,${off},${size},vl,vh);}}`
    );
  }
  return (
    `{const ah=$dh,al=$dl,vl=$sl,vh=$sh,ri=ah-${0x7f00};let r;const o=(al>>>0)-${0x1000_0000}+${off};` +
    `if(ri>0&&ri<regions.length&&(r=regions[ri]).fastStore&&o>=0&&o<=r.size-${size}){${set}}` +
    `else{${slowPrefix}mem.store(ah,al,${off},${size},vl,vh);}}`
  );
}
