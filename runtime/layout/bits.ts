/** Bit-field access on little-endian bytes: `bitSize` bits starting `bit` bits into `bytes[at]`. */

export function readBits(
  bytes: Uint8Array,
  at: number,
  bit: number,
  bitSize: number,
  signed: boolean,
): bigint {
  const first = at + (bit >> 3);
  const shift = bit & 7;
  const nbytes = (shift + bitSize + 7) >> 3;
  let raw = 0n;
  for (let i = nbytes - 1; i >= 0; i--) raw = (raw << 8n) | BigInt(bytes[first + i]!);
  let v = (raw >> BigInt(shift)) & ((1n << BigInt(bitSize)) - 1n);
  if (signed && v >> BigInt(bitSize - 1) === 1n) v -= 1n << BigInt(bitSize);
  return v;
}

/** Writes the low `bitSize` bits of `value` (two's complement) leaving the neighbouring bits alone. */
export function writeBits(bytes: Uint8Array, at: number, bit: number, bitSize: number, value: bigint): void {
  const first = at + (bit >> 3);
  const shift = BigInt(bit & 7);
  const nbytes = ((bit & 7) + bitSize + 7) >> 3;
  let raw = 0n;
  for (let i = nbytes - 1; i >= 0; i--) raw = (raw << 8n) | BigInt(bytes[first + i]!);
  const mask = ((1n << BigInt(bitSize)) - 1n) << shift;
  raw = (raw & ~mask) | ((BigInt.asUintN(bitSize, value) << shift) & mask);
  for (let i = 0; i < nbytes; i++) {
    bytes[first + i] = Number(raw & 0xffn);
    raw >>= 8n;
  }
}
