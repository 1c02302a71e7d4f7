/**
 * The VM's address scheme. A 64-bit register value that points into program memory has the
 * region's tag in its high 32 bits and `GUARD_BASE + offset` in its low 32 bits. Because the
 * offset sits above a guard base, ordinary 64-bit integer arithmetic on pointers (r10 - 8,
 * data + 14, data_end - data) keeps the tag intact, and two pointers into one region compare
 * like their offsets — no special pointer type is needed in either tier.
 *
 * Tags start at TAG_BASE so that small scalars (high half 0 or 0xffffffff) never look like
 * pointers; the rendered addresses look like user-space mappings (0x00007f01_10000000).
 */
export const TAG_BASE = 0x7f00;
/** Low-half value of offset 0 of every region. Offsets within ±256 MiB never carry into the tag. */
export const GUARD_BASE = 0x1000_0000;
/** Largest region the scheme can address without an offset carrying into the tag. */
export const MAX_REGION_BYTES = 0xc000_0000;

/** Region index of a pointer's high half, or -1 when it cannot be one. */
export function regionIndexOfHi(hi: number): number {
  const i = (hi >>> 0) - TAG_BASE;
  return i >= 0 && i < 0x1000_0000 ? i : -1;
}

const BASES: bigint[] = [];

/** The 64-bit address of `offset` in region `index`. */
export function addressOf(index: number, offset: number): bigint {
  // offset 0 (what a context or packet pointer argument is) is cached per index: runs re-create
  // their regions at the same indices, and BigInt arithmetic is a large part of a short run
  if (offset === 0 && index < 4096)
    return (BASES[index] ??= (BigInt(TAG_BASE + index) << 32n) + BigInt(GUARD_BASE));
  return (BigInt(TAG_BASE + index) << 32n) + BigInt(GUARD_BASE + offset);
}

/** Splits an address into region index and offset (offset may be out of the region's bounds). */
export function splitAddress(addr: bigint): { index: number; offset: number } {
  const a = BigInt.asUintN(64, addr);
  const hi = Number(a >> 32n);
  const lo = Number(a & 0xffff_ffffn);
  return { index: regionIndexOfHi(hi), offset: lo - GUARD_BASE };
}

export function hexAddress(hi: number, lo: number): string {
  return "0x" + (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}
