/**
 * Internet checksum arithmetic (RFC 1071 ones' complement sums) as the kernel's csum_* helpers
 * compute it on x86_64: memory is summed in little-endian 32-bit words, which gives the same
 * bytes as a big-endian sum because ones' complement addition commutes with byte swapping.
 */

/** 32-bit ones' complement addition (csum_add). */
export function csumAdd(a: number, b: number): number {
  const s = (a >>> 0) + (b >>> 0);
  return (s > 0xffff_ffff ? s - 0xffff_ffff : s) >>> 0;
}

/** csum_sub(a, b) = csum_add(a, ~b). */
export function csumSub(a: number, b: number): number {
  return csumAdd(a, ~b >>> 0);
}

/** csum_partial(buf, len, seed) for a length that is a multiple of 4. */
export function csumPartial(bytes: Uint8Array, seed: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sum = seed >>> 0;
  for (let i = 0; i + 4 <= bytes.length; i += 4) sum = csumAdd(sum, view.getUint32(i, true));
  return sum;
}

/** csum_from32to16: folds a 32-bit sum to 16 bits (result in the low half). */
export function from32to16(sum: number): number {
  let s = (sum >>> 16) + (sum & 0xffff);
  s = (s >>> 16) + (s & 0xffff);
  return s & 0xffff;
}

/** csum_fold: folds to 16 bits and complements. */
export function csumFold(sum: number): number {
  return ~from32to16(sum) & 0xffff;
}

/**
 * bpf_csum_diff (net/core/filter.c, since Linux 6.13 the same on every architecture): the
 * checksum difference between `from` and `to` words, seeded, folded to 16 bits.
 */
export function csumDiff(from: Uint8Array, to: Uint8Array, seed: number): number {
  if (from.length && to.length) return from32to16(csumSub(csumPartial(to, seed), csumPartial(from, 0)));
  if (to.length) return from32to16(csumPartial(to, seed));
  if (from.length) return from32to16(~csumPartial(from, ~seed >>> 0) >>> 0);
  return seed >>> 0;
}

/** csum_replace4/2: the 16-bit checksum after a field changed from `from` to `to` (RFC 1624 eqn. 3). */
export function csumReplace(check: number, from: number, to: number): number {
  return csumFold(csumAdd(csumSub(~check & 0xffff, from >>> 0), to >>> 0));
}

/** csum_replace_by_diff: applies a 32-bit checksum difference to a 16-bit checksum. */
export function csumReplaceByDiff(check: number, diff: number): number {
  return csumFold(csumAdd(diff >>> 0, ~check & 0xffff));
}
