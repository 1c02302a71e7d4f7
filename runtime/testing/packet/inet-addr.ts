import { ipv4Bytes, type Address } from "./address.js";

/**
 * The u32 a program sees when it loads an IPv4 address field (`ip.saddr`) from a packet: the
 * address's bytes in network order read as a host (little-endian) integer, which is what C's
 * `inet_addr("10.0.0.1")` returns. Use it for map keys and struct fields that hold addresses as
 * the packet carries them: `probe.maps.blocked.set(inetAddr("192.0.2.1"), 0n)`.
 */
export function inetAddr(address: Address): number {
  const b = ipv4Bytes(address);
  return new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
}
