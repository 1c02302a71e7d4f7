import type { FixedArray, u16, u32, u8 } from "./types.js";

/**
 * Packet headers (as on the wire: multi-byte fields are big-endian — use ntohs/ntohl), actions
 * and protocol numbers, laid out like the kernel's `struct ethhdr`, `struct iphdr`, ...
 */

/** struct ethhdr (14 bytes) */
export interface EthHdr {
  dst: FixedArray<u8, 6>;
  src: FixedArray<u8, 6>;
  /** EtherType, big-endian: `ntohs(eth.proto) === ETH_P_IP` */
  proto: u16;
}

/** 802.1Q tag that follows an Ethernet header whose proto is ETH_P_8021Q (struct vlan_hdr). */
export interface VlanHdr {
  tci: u16;
  encapsulatedProto: u16;
}

/** struct iphdr without options (20 bytes). `versionIhl`: version in the high nibble, IHL in the low. */
export interface IpHdr {
  versionIhl: u8;
  tos: u8;
  totLen: u16;
  id: u16;
  fragOff: u16;
  ttl: u8;
  protocol: u8;
  check: u16;
  saddr: u32;
  daddr: u32;
}
export type Ipv4Hdr = IpHdr;

/** struct ipv6hdr (40 bytes) */
export interface Ipv6Hdr {
  /** version (4 bits), traffic class (8), flow label (20), big-endian */
  versionClassFlow: u32;
  payloadLen: u16;
  nexthdr: u8;
  hopLimit: u8;
  saddr: FixedArray<u8, 16>;
  daddr: FixedArray<u8, 16>;
}

/** struct tcphdr (20 bytes). `flags` holds FIN..CWR in its low byte after ntohs: see TCP_FLAG_*. */
export interface TcpHdr {
  source: u16;
  dest: u16;
  seq: u32;
  ackSeq: u32;
  /** data offset (high 4 bits), reserved bits, then the flag byte */
  offFlags: u16;
  window: u16;
  check: u16;
  urgPtr: u16;
}

/** struct udphdr (8 bytes) */
export interface UdpHdr {
  source: u16;
  dest: u16;
  len: u16;
  check: u16;
}

/** struct icmphdr (8 bytes) */
export interface IcmpHdr {
  type: u8;
  code: u8;
  checksum: u16;
  rest: u32;
}

/** enum xdp_action */
export const XdpAction = { Aborted: 0, Drop: 1, Pass: 2, Tx: 3, Redirect: 4 } as const;
export type XdpAction = (typeof XdpAction)[keyof typeof XdpAction];

/** TC_ACT_* return codes of tc programs */
export const TcAction = {
  Unspec: -1,
  Ok: 0,
  Reclassify: 1,
  Shot: 2,
  Pipe: 3,
  Stolen: 4,
  Queued: 5,
  Repeat: 6,
  Redirect: 7,
} as const;
export type TcAction = (typeof TcAction)[keyof typeof TcAction];

/** enum sk_action, for cgroup_skb programs */
export const SkAction = { Drop: 0, Pass: 1 } as const;

// EtherTypes (linux/if_ether.h)
export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;
export const ETH_P_8021Q = 0x8100;
export const ETH_P_8021AD = 0x88a8;
export const ETH_P_IPV6 = 0x86dd;
export const ETH_HLEN = 14;

// IP protocol numbers (linux/in.h)
export const IPPROTO_IP = 0;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_IPV6 = 41;
export const IPPROTO_ICMPV6 = 58;

// TCP flag bits of the low byte of ntohs(tcp.offFlags)
export const TCP_FLAG_FIN = 0x01;
export const TCP_FLAG_SYN = 0x02;
export const TCP_FLAG_RST = 0x04;
export const TCP_FLAG_PSH = 0x08;
export const TCP_FLAG_ACK = 0x10;
export const TCP_FLAG_URG = 0x20;

/** Byte order: network (big-endian) to host and back. These run in plain JavaScript too. */
export function ntohs(x: u16): u16 {
  return ((x & 0xff) << 8) | ((x >>> 8) & 0xff);
}
export function htons(x: u16): u16 {
  return ntohs(x);
}
export function ntohl(x: u32): u32 {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | ((x >>> 24) & 0xff)) >>> 0;
}
export function htonl(x: u32): u32 {
  return ntohl(x);
}
