import type { AluOp, CmpOp, Width } from "../ir/ir.js";

/** eBPF arithmetic on constants (RFC 9669 §4.1): the folding passes and the tests share it. */

const M64 = (1n << 64n) - 1n;

export function foldAlu(op: AluOp, w: Width, a: bigint, b: bigint): bigint {
  const bits = BigInt(w);
  const mask = (1n << bits) - 1n;
  const x = a & mask;
  const y = b & mask;
  const sx = BigInt.asIntN(w, x);
  const sy = BigInt.asIntN(w, y);
  let r: bigint;
  switch (op) {
    case "add":
      r = x + y;
      break;
    case "sub":
      r = x - y;
      break;
    case "mul":
      r = x * y;
      break;
    case "div":
      r = y === 0n ? 0n : x / y;
      break;
    case "mod":
      r = y === 0n ? x : x % y;
      break;
    case "sdiv":
      r = sy === 0n ? 0n : sx / sy;
      break;
    case "smod":
      r = sy === 0n ? sx : sx % sy;
      break;
    case "or":
      r = x | y;
      break;
    case "and":
      r = x & y;
      break;
    case "xor":
      r = x ^ y;
      break;
    case "lsh":
      r = x << (y & (bits - 1n));
      break;
    case "rsh":
      r = x >> (y & (bits - 1n));
      break;
    case "arsh":
      r = sx >> (y & (bits - 1n));
      break;
  }
  return BigInt.asUintN(w, r) & M64;
}

export function foldCmp(cmp: CmpOp, a: bigint, b: bigint): boolean {
  const sa = BigInt.asIntN(64, a);
  const sb = BigInt.asIntN(64, b);
  switch (cmp) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
    case "sgt":
      return sa > sb;
    case "sge":
      return sa >= sb;
    case "slt":
      return sa < sb;
    case "sle":
      return sa <= sb;
    case "set":
      return (a & b) !== 0n;
  }
}

export function foldExt(v: bigint, bits: number, signed: boolean): bigint {
  return BigInt.asUintN(64, signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v));
}

export function foldBswap(v: bigint, bits: number): bigint {
  let out = 0n;
  for (let i = 0; i < bits / 8; i++) out = (out << 8n) | ((v >> BigInt(i * 8)) & 0xffn);
  return out;
}
