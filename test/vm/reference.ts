/**
 * An independent, deliberately simple BigInt model of RFC 9669 arithmetic (§4.1, §4.2) and jump
 * conditions (§4.3), used as the oracle for the VM's int32-halves implementation.
 */
const M64 = (1n << 64n) - 1n;
const u64 = (v: bigint) => BigInt.asUintN(64, v);
const s64 = (v: bigint) => BigInt.asIntN(64, v);
const u32 = (v: bigint) => BigInt.asUintN(32, v);
const s32 = (v: bigint) => BigInt.asIntN(32, v);

function swap(v: bigint, bytes: number): bigint {
  let r = 0n;
  for (let i = 0; i < bytes; i++) r = (r << 8n) | ((v >> BigInt(8 * i)) & 0xffn);
  return r;
}

/** dst op src for the ALU op bits (Alu.*), signed variants when `signed`. */
export function aluRef(op: number, is64: boolean, dst: bigint, src: bigint, signed = false): bigint {
  if (is64) {
    const a = u64(dst);
    const b = u64(src);
    switch (op) {
      case 0x00:
        return u64(a + b);
      case 0x10:
        return u64(a - b);
      case 0x20:
        return u64(a * b);
      case 0x30:
        if (b === 0n) return 0n;
        return signed ? u64(s64(a) / s64(b)) : a / b; // BigInt division truncates
      case 0x40:
        return a | b;
      case 0x50:
        return a & b;
      case 0x60:
        return u64(a << (b & 63n));
      case 0x70:
        return a >> (b & 63n);
      case 0x80:
        return u64(-a);
      case 0x90:
        if (b === 0n) return a;
        return signed ? u64(s64(a) % s64(b)) : a % b;
      case 0xa0:
        return a ^ b;
      case 0xb0:
        return b;
      case 0xc0:
        return u64(s64(a) >> (b & 63n));
    }
  } else {
    const a = u32(dst);
    const b = u32(src);
    switch (op) {
      case 0x00:
        return u32(a + b);
      case 0x10:
        return u32(a - b);
      case 0x20:
        return u32(a * b);
      case 0x30:
        if (b === 0n) return 0n;
        return signed ? u32(s32(a) / s32(b)) : a / b;
      case 0x40:
        return a | b;
      case 0x50:
        return a & b;
      case 0x60:
        return u32(a << (b & 31n));
      case 0x70:
        return a >> (b & 31n);
      case 0x80:
        return u32(-a);
      case 0x90:
        if (b === 0n) return a;
        return signed ? u32(s32(a) % s32(b)) : a % b;
      case 0xa0:
        return a ^ b;
      case 0xb0:
        return b;
      case 0xc0:
        return u32(s32(a) >> (b & 31n));
    }
  }
  throw new Error(`aluRef: op ${op}`);
}

export function endRef(kind: "le" | "be" | "bswap", bits: 16 | 32 | 64, v: bigint): bigint {
  const masked = v & ((1n << BigInt(bits)) - 1n);
  return kind === "le" ? masked : swap(masked, bits / 8);
}

export function movsxRef(bits: 8 | 16 | 32, is64: boolean, v: bigint): bigint {
  const x = BigInt.asIntN(bits, v);
  return is64 ? u64(x) : u32(x);
}

export function jumpRef(op: number, is64: boolean, a: bigint, b: bigint): boolean {
  const w = is64 ? 64 : 32;
  const ua = BigInt.asUintN(w, a);
  const ub = BigInt.asUintN(w, b);
  const sa = BigInt.asIntN(w, a);
  const sb = BigInt.asIntN(w, b);
  switch (op) {
    case 0x10:
      return ua === ub;
    case 0x20:
      return ua > ub;
    case 0x30:
      return ua >= ub;
    case 0x40:
      return (ua & ub) !== 0n;
    case 0x50:
      return ua !== ub;
    case 0x60:
      return sa > sb;
    case 0x70:
      return sa >= sb;
    case 0xa0:
      return ua < ub;
    case 0xb0:
      return ua <= ub;
    case 0xc0:
      return sa < sb;
    case 0xd0:
      return sa <= sb;
  }
  throw new Error(`jumpRef: op ${op}`);
}

export { M64 };
