/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
 * big-endian words, an odd last byte padded with zero. IPv4 headers (RFC 791), ICMP (RFC 792),
 * UDP (RFC 768) and TCP (RFC 9293 §3.1) use it; UDP and TCP (and ICMPv6, RFC 4443 §2.3) also
 * cover a pseudo-header of the IP addresses, protocol and length.
 */

/** Adds `bytes` to a running 32-bit ones'-complement accumulator (not yet folded). */
export function sumWords(bytes: Uint8Array, acc = 0): number {
  let sum = acc;
  const n = bytes.length & ~1;
  for (let i = 0; i < n; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (bytes.length & 1) sum += bytes[bytes.length - 1]! << 8;
  // fold early so the accumulator never leaves the safe integer range on large buffers
  while (sum > 0xffff_ffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** Folds an accumulator to 16 bits and complements it. */
export function finish(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

/** The checksum of `parts` as one buffer. A buffer that already holds its checksum gives 0. */
export function internetChecksum(...parts: Uint8Array[]): number {
  let acc = 0;
  let carry: number | undefined;
  for (const p of parts) {
    // parts are summed as if concatenated: an odd part shifts the alignment of the next one
    let bytes = p;
    if (carry !== undefined && bytes.length > 0) {
      acc += (carry << 8) | bytes[0]!;
      bytes = bytes.subarray(1);
      carry = undefined;
    }
    const even = bytes.length & ~1;
    acc = sumWords(bytes.subarray(0, even), acc);
    if (bytes.length & 1) carry = bytes[bytes.length - 1]!;
  }
  if (carry !== undefined) acc += carry << 8;
  return finish(acc);
}

/** RFC 768 / RFC 9293 pseudo-header for IPv4: source, destination, zero, protocol, length. */
export function ipv4PseudoHeader(
  src: Uint8Array,
  dst: Uint8Array,
  protocol: number,
  length: number,
): Uint8Array {
  const h = new Uint8Array(12);
  h.set(src, 0);
  h.set(dst, 4);
  h[9] = protocol;
  new DataView(h.buffer).setUint16(10, length);
  return h;
}

/** RFC 8200 §8.1 pseudo-header for IPv6: source, destination, 32-bit length, zeros, next header. */
export function ipv6PseudoHeader(
  src: Uint8Array,
  dst: Uint8Array,
  nextHeader: number,
  length: number,
): Uint8Array {
  const h = new Uint8Array(40);
  h.set(src, 0);
  h.set(dst, 16);
  new DataView(h.buffer).setUint32(32, length);
  h[39] = nextHeader;
  return h;
}
