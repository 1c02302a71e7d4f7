import { formatIpv4, formatIpv6, formatMac } from "./address.js";
import { internetChecksum, ipv4PseudoHeader, ipv6PseudoHeader } from "./checksum.js";
import { ETH_P, IPPROTO, TCP_FLAG_BITS, type TcpFlagName } from "./layers.js";

/**
 * Decodes a frame into its headers and checks every checksum independently of the builder (the
 * sum is recomputed over the received bytes: a correct header sums to zero). Used by tests to
 * look at what a program wrote back (`packet.parse(r.packet!)`). Truncated headers stop the walk
 * and are listed in `problems`; nothing throws.
 */

export interface ParsedEthernet {
  readonly dst: string;
  readonly src: string;
  /** The EtherType after any VLAN tags. */
  readonly type: number;
}

export interface ParsedVlan {
  readonly tpid: number;
  readonly pcp: number;
  readonly dei: boolean;
  readonly id: number;
}

export interface ParsedIpv4 {
  readonly ihl: number;
  readonly tos: number;
  readonly totalLength: number;
  readonly id: number;
  readonly df: boolean;
  readonly mf: boolean;
  readonly fragmentOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly checksum: number;
  readonly checksumValid: boolean;
  readonly src: string;
  readonly dst: string;
  readonly options: Uint8Array;
}

export interface ParsedIpv6 {
  readonly trafficClass: number;
  readonly flowLabel: number;
  readonly payloadLength: number;
  readonly nextHeader: number;
  readonly hopLimit: number;
  readonly src: string;
  readonly dst: string;
}

export interface ParsedTcp {
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack: number;
  readonly dataOffset: number;
  readonly flags: number;
  readonly flagNames: readonly TcpFlagName[];
  readonly window: number;
  readonly checksum: number;
  readonly checksumValid: boolean;
  readonly urgent: number;
  readonly options: Uint8Array;
}

export interface ParsedUdp {
  readonly sport: number;
  readonly dport: number;
  readonly length: number;
  readonly checksum: number;
  /** True also for checksum 0 over IPv4 ("no checksum", RFC 768). */
  readonly checksumValid: boolean;
}

export interface ParsedIcmp {
  /** ICMPv6 when carried by IPv6. */
  readonly v6: boolean;
  readonly type: number;
  readonly code: number;
  readonly checksum: number;
  readonly checksumValid: boolean;
  readonly id: number;
  readonly seq: number;
}

export interface ParsedPacket {
  readonly ethernet?: ParsedEthernet;
  readonly vlans: readonly ParsedVlan[];
  readonly ipv4?: ParsedIpv4;
  readonly ipv6?: ParsedIpv6;
  readonly tcp?: ParsedTcp;
  readonly udp?: ParsedUdp;
  readonly icmp?: ParsedIcmp;
  /** Bytes after the last header understood (for IP, up to the length the header states). */
  readonly payload: Uint8Array;
  /** Truncations and length mismatches, in words. */
  readonly problems: readonly string[];
}

export interface ParseOptions {
  /** The first header (default "ethernet"). */
  readonly from?: "ethernet" | "ipv4" | "ipv6";
}

interface Mutable {
  ethernet?: ParsedEthernet;
  vlans: ParsedVlan[];
  ipv4?: ParsedIpv4;
  ipv6?: ParsedIpv6;
  tcp?: ParsedTcp;
  udp?: ParsedUdp;
  icmp?: ParsedIcmp;
  payload: Uint8Array;
  problems: string[];
}

export function parsePacket(bytes: Uint8Array, options: ParseOptions = {}): ParsedPacket {
  const out: Mutable = { vlans: [], payload: bytes.subarray(0, 0), problems: [] };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let l3: number | undefined =
    options.from === "ipv4" ? ETH_P.IPV4 : options.from === "ipv6" ? ETH_P.IPV6 : undefined;
  if (l3 === undefined) {
    if (bytes.length < 14) {
      out.problems.push(`ethernet header needs 14 bytes, the frame has ${bytes.length}`);
      out.payload = bytes;
      return out;
    }
    let type = v.getUint16(12);
    at = 14;
    while (type === ETH_P.VLAN || type === ETH_P.QINQ) {
      if (bytes.length < at + 4) {
        out.problems.push(`VLAN tag at ${at} is cut short`);
        out.payload = bytes.subarray(at);
        return out;
      }
      const tci = v.getUint16(at);
      out.vlans.push({ tpid: type, pcp: tci >> 13, dei: (tci & 0x1000) !== 0, id: tci & 0xfff });
      type = v.getUint16(at + 2);
      at += 4;
    }
    out.ethernet = { dst: formatMac(bytes.subarray(0, 6)), src: formatMac(bytes.subarray(6, 12)), type };
    l3 = type;
  }
  let end = bytes.length;
  let proto: number | undefined;
  let pseudo: ((p: number, len: number) => Uint8Array) | undefined;
  if (l3 === ETH_P.IPV4) {
    if (end < at + 20) {
      out.problems.push(`IPv4 header at ${at} is cut short`);
      out.payload = bytes.subarray(at);
      return out;
    }
    const ihl = v.getUint8(at) & 0xf;
    const hlen = ihl * 4;
    if (ihl < 5 || end < at + hlen) {
      out.problems.push(`IPv4 header length ${hlen} does not fit`);
      out.payload = bytes.subarray(at);
      return out;
    }
    const header = bytes.subarray(at, at + hlen);
    const totalLength = v.getUint16(at + 2);
    const frag = v.getUint16(at + 6);
    const src = bytes.slice(at + 12, at + 16);
    const dst = bytes.slice(at + 16, at + 20);
    out.ipv4 = {
      ihl,
      tos: v.getUint8(at + 1),
      totalLength,
      id: v.getUint16(at + 4),
      df: (frag & 0x4000) !== 0,
      mf: (frag & 0x2000) !== 0,
      fragmentOffset: frag & 0x1fff,
      ttl: v.getUint8(at + 8),
      protocol: v.getUint8(at + 9),
      checksum: v.getUint16(at + 10),
      checksumValid: internetChecksum(header) === 0,
      src: formatIpv4(src),
      dst: formatIpv4(dst),
      options: bytes.slice(at + 20, at + hlen),
    };
    if (totalLength > end - at)
      out.problems.push(`IPv4 total length ${totalLength} exceeds the ${end - at} bytes present`);
    else end = at + totalLength;
    proto = out.ipv4.protocol;
    pseudo = (p, len) => ipv4PseudoHeader(src, dst, p, len);
    at += hlen;
  } else if (l3 === ETH_P.IPV6) {
    if (end < at + 40) {
      out.problems.push(`IPv6 header at ${at} is cut short`);
      out.payload = bytes.subarray(at);
      return out;
    }
    const w = v.getUint32(at);
    const payloadLength = v.getUint16(at + 4);
    const src = bytes.slice(at + 8, at + 24);
    const dst = bytes.slice(at + 24, at + 40);
    out.ipv6 = {
      trafficClass: (w >>> 20) & 0xff,
      flowLabel: w & 0xfffff,
      payloadLength,
      nextHeader: v.getUint8(at + 6),
      hopLimit: v.getUint8(at + 7),
      src: formatIpv6(src),
      dst: formatIpv6(dst),
    };
    if (payloadLength > end - at - 40)
      out.problems.push(`IPv6 payload length ${payloadLength} exceeds the ${end - at - 40} bytes present`);
    else end = at + 40 + payloadLength;
    proto = out.ipv6.nextHeader;
    pseudo = (p, len) => ipv6PseudoHeader(src, dst, p, len);
    at += 40;
  }
  if (proto === IPPROTO.TCP && pseudo) {
    if (end < at + 20) out.problems.push(`TCP header at ${at} is cut short`);
    else {
      const dataOffset = v.getUint8(at + 12) >> 4;
      const hlen = dataOffset * 4;
      const seg = bytes.subarray(at, end);
      const flags = v.getUint8(at + 13);
      out.tcp = {
        sport: v.getUint16(at),
        dport: v.getUint16(at + 2),
        seq: v.getUint32(at + 4),
        ack: v.getUint32(at + 8),
        dataOffset,
        flags,
        flagNames: (Object.keys(TCP_FLAG_BITS) as TcpFlagName[]).filter((n) => flags & TCP_FLAG_BITS[n]),
        window: v.getUint16(at + 14),
        checksum: v.getUint16(at + 16),
        checksumValid: internetChecksum(pseudo(IPPROTO.TCP, seg.length), seg) === 0,
        urgent: v.getUint16(at + 18),
        options: bytes.slice(at + 20, Math.min(at + hlen, end)),
      };
      if (hlen < 20 || at + hlen > end) out.problems.push(`TCP data offset ${hlen} does not fit`);
      else at += hlen;
    }
  } else if (proto === IPPROTO.UDP && pseudo) {
    if (end < at + 8) out.problems.push(`UDP header at ${at} is cut short`);
    else {
      const length = v.getUint16(at + 4);
      const checksum = v.getUint16(at + 6);
      const seg = bytes.subarray(at, end);
      if (length !== seg.length)
        out.problems.push(`UDP length ${length} differs from the ${seg.length} bytes present`);
      const valid =
        (checksum === 0 && out.ipv4 !== undefined) ||
        internetChecksum(pseudo(IPPROTO.UDP, seg.length), seg) === 0;
      out.udp = {
        sport: v.getUint16(at),
        dport: v.getUint16(at + 2),
        length,
        checksum,
        checksumValid: valid,
      };
      at += 8;
    }
  } else if ((proto === IPPROTO.ICMP && out.ipv4) || (proto === IPPROTO.ICMPV6 && out.ipv6)) {
    if (end < at + 8) out.problems.push(`ICMP header at ${at} is cut short`);
    else {
      const seg = bytes.subarray(at, end);
      const v6 = proto === IPPROTO.ICMPV6;
      const sum =
        v6 && pseudo ? internetChecksum(pseudo(IPPROTO.ICMPV6, seg.length), seg) : internetChecksum(seg);
      out.icmp = {
        v6,
        type: v.getUint8(at),
        code: v.getUint8(at + 1),
        checksum: v.getUint16(at + 2),
        checksumValid: sum === 0,
        id: v.getUint16(at + 4),
        seq: v.getUint16(at + 6),
      };
      at += 8;
    }
  }
  out.payload = bytes.subarray(Math.min(at, end), end);
  return out;
}
