/**
 * Integer literals shared by both dialects: decimal with an optional sign, or `0x` hex. Each
 * reader returns the field value or a message saying what range was expected; callers add
 * the location.
 */

export type NumberRead =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly message: string; readonly range?: boolean };
export type BigRead =
  | { readonly ok: true; readonly value: bigint }
  | { readonly ok: false; readonly message: string; readonly range?: boolean };

const LITERAL = /^([+-]?)(0x[0-9a-f]+|[0-9]+)$/i;

/** Reads a literal as an exact integer, or undefined when it is not one. */
export function readInteger(text: string): bigint | undefined {
  const m = LITERAL.exec(text);
  if (!m) return undefined;
  const magnitude = BigInt(m[2]!);
  return m[1] === "-" ? -magnitude : magnitude;
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const UINT32_MAX = 2n ** 32n - 1n;

/**
 * A 32-bit immediate. Decimal must lie in −2^31…2^31−1; hex (as bpf_conformance and llvm-mc
 * take it) may also be 0x80000000…0xffffffff and is stored as that bit pattern, so `0xffffffff`
 * is −1 (README "Operand forms"). `unsignedDecimal` also lets decimal reach 2^32−1 (LLVM does).
 */
export function readImm32(text: string, options: { unsignedDecimal?: boolean } = {}): NumberRead {
  const v = readInteger(text);
  if (v === undefined) return { ok: false, message: `'${text}' is not a number (decimal or 0x hex)` };
  const hex = /0x/i.test(text);
  const max = hex || options.unsignedDecimal ? UINT32_MAX : INT32_MAX;
  if (v < INT32_MIN || v > max) {
    const range = hex || options.unsignedDecimal ? "-2147483648..0xffffffff" : "-2147483648..2147483647";
    return { ok: false, range: true, message: `immediate ${text} does not fit in 32 bits (${range})` };
  }
  return { ok: true, value: Number(BigInt.asIntN(32, v)) };
}

/** A 64-bit immediate (`lddw`): any value in −2^63…2^64−1, stored as its two's complement. */
export function readImm64(text: string): BigRead {
  const v = readInteger(text);
  if (v === undefined) return { ok: false, message: `'${text}' is not a number (decimal or 0x hex)` };
  if (v < -(2n ** 63n) || v >= 2n ** 64n) {
    return { ok: false, range: true, message: `immediate ${text} does not fit in 64 bits` };
  }
  return { ok: true, value: BigInt.asUintN(64, v) };
}

/** A signed 16-bit offset (memory operand or jump distance). */
export function readOffset16(text: string): NumberRead {
  const v = readInteger(text);
  if (v === undefined) return { ok: false, message: `'${text}' is not a number (decimal or 0x hex)` };
  if (v < -32768n || v > 32767n) {
    return {
      ok: false,
      range: true,
      message: `offset ${text} does not fit the signed 16-bit field (-32768..32767)`,
    };
  }
  return { ok: true, value: Number(v) };
}

/** A signed 32-bit distance (`ja32`/`gotol`, local calls). */
export function readOffset32(text: string): NumberRead {
  const v = readInteger(text);
  if (v === undefined) return { ok: false, message: `'${text}' is not a number (decimal or 0x hex)` };
  if (v < INT32_MIN || v > INT32_MAX) {
    return { ok: false, range: true, message: `offset ${text} does not fit the signed 32-bit field` };
  }
  return { ok: true, value: Number(v) };
}
