import { ethernet, ipv4, ipv6 } from "./packet/builder.js";
import { internetChecksum } from "./packet/checksum.js";
import { inetAddr } from "./packet/inet-addr.js";
import { parsePacket } from "./packet/parse.js";

/**
 * `packet`: test frames with correct lengths and checksums, and a parser to check what a program
 * wrote back: `packet.ethernet().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).udp({ dport: 53 }).build()`.
 */
export const packet = {
  ethernet,
  ipv4,
  ipv6,
  parse: parsePacket,
  checksum: internetChecksum,
  inetAddr,
} as const;
