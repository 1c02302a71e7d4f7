import type { Address } from "./address.js";

/**
 * The layers a test packet is made of, as plain options. Anything left out gets a fixed default
 * (documented per field) so that a packet is the same bytes on every run; lengths and checksums
 * are computed unless given, and a given value is written as is (to build broken packets).
 */

export interface EthernetOptions {
  /** Default 02:00:00:00:00:01 (a locally administered unicast address). */
  readonly src?: Address;
  /** Default 02:00:00:00:00:02. */
  readonly dst?: Address;
  /** EtherType; default from the next layer (0x0800 IPv4, 0x86dd IPv6, the VLAN's TPID). */
  readonly type?: number;
}

/** An IEEE 802.1Q tag (802.1ad when stacked). */
export interface VlanOptions {
  /** VLAN id, 0–4095. */
  readonly id: number;
  /** Priority code point, 0–7 (default 0). */
  readonly pcp?: number;
  /** Drop eligible indicator (default false). */
  readonly dei?: boolean;
  /** Tag protocol id; default 0x88a8 for an outer tag followed by another tag, else 0x8100. */
  readonly tpid?: number;
  /** EtherType after the tag; default from the next layer. */
  readonly type?: number;
}

export interface Ipv4Options {
  readonly src: Address;
  readonly dst: Address;
  /** Default 64. */
  readonly ttl?: number;
  /** Type of service / DSCP+ECN byte (default 0). */
  readonly tos?: number;
  /** Identification (default 1). */
  readonly id?: number;
  /** Don't fragment (default false). */
  readonly df?: boolean;
  /** More fragments (default false). */
  readonly mf?: boolean;
  /** Fragment offset in 8-byte units (default 0). */
  readonly fragmentOffset?: number;
  /** Protocol; default from the next layer (6 TCP, 17 UDP, 1 ICMP, 4 IPv4, 41 IPv6, 255 raw). */
  readonly protocol?: number;
  /** Option bytes, padded with zeros (End of Option List) to a multiple of 4. */
  readonly options?: Uint8Array | readonly number[];
  /** Total length; default header + everything after it. */
  readonly totalLength?: number;
  /** Header checksum; default computed (RFC 791). */
  readonly checksum?: number;
}

export interface Ipv6Options {
  readonly src: Address;
  readonly dst: Address;
  /** Default 64. */
  readonly hopLimit?: number;
  /** Default 0. */
  readonly trafficClass?: number;
  /** 20 bits, default 0. */
  readonly flowLabel?: number;
  /** Next header; default from the next layer (6, 17, 58 ICMPv6, 4, 41, 59 no next header). */
  readonly nextHeader?: number;
  /** Payload length; default everything after the header. */
  readonly payloadLength?: number;
}

export type TcpFlagName = "fin" | "syn" | "rst" | "psh" | "ack" | "urg" | "ece" | "cwr";

/**
 * TCP flags: the flags byte, scapy-style letters ("S", "SA", "FA", "R", "P", "U", "E", "C"), or
 * names (["syn", "ack"]).
 */
export type TcpFlags = number | string | readonly TcpFlagName[];

export interface TcpOptions {
  /** Default 12345. */
  readonly sport?: number;
  /** Default 80. */
  readonly dport?: number;
  /** Default 0. */
  readonly seq?: number;
  /** Default 0. */
  readonly ack?: number;
  /** Default "S" (SYN). */
  readonly flags?: TcpFlags;
  /** Default 65535. */
  readonly window?: number;
  /** Urgent pointer (default 0). */
  readonly urgent?: number;
  /** Option bytes, padded with zeros (End of Option List) to a multiple of 4. */
  readonly options?: Uint8Array | readonly number[];
  /** Default computed over the pseudo-header, header and data (RFC 9293 §3.1). */
  readonly checksum?: number;
}

export interface UdpOptions {
  /** Default 12345. */
  readonly sport?: number;
  /** Default 53. */
  readonly dport?: number;
  /** Default header + data. */
  readonly length?: number;
  /** Default computed with the pseudo-header (RFC 768; 0 is sent as 0xffff). */
  readonly checksum?: number;
}

/** ICMP (after IPv4, RFC 792) or ICMPv6 (after IPv6, RFC 4443). */
export interface IcmpOptions {
  /** Default echo request: 8 (ICMP) or 128 (ICMPv6). */
  readonly type?: number;
  /** Default 0. */
  readonly code?: number;
  /** Echo identifier (default 0). */
  readonly id?: number;
  /** Echo sequence number (default 0). */
  readonly seq?: number;
  /** The 4 bytes after the checksum as a u32, instead of id and seq. */
  readonly rest?: number;
  /** Default computed (ICMPv6: with the IPv6 pseudo-header). */
  readonly checksum?: number;
}

/** Payload bytes: bytes, text (UTF-8) or a length of zero bytes. */
export type PayloadInput = Uint8Array | readonly number[] | string | number;

export type Layer =
  | { readonly kind: "ethernet"; readonly options: EthernetOptions }
  | { readonly kind: "vlan"; readonly options: VlanOptions }
  | { readonly kind: "ipv4"; readonly options: Ipv4Options }
  | { readonly kind: "ipv6"; readonly options: Ipv6Options }
  | { readonly kind: "tcp"; readonly options: TcpOptions }
  | { readonly kind: "udp"; readonly options: UdpOptions }
  | { readonly kind: "icmp"; readonly options: IcmpOptions }
  | { readonly kind: "payload"; readonly bytes: Uint8Array };

export type LayerKind = Layer["kind"];

/** Which layers may follow each layer. */
export const FOLLOWS: Readonly<Record<LayerKind, readonly LayerKind[]>> = {
  ethernet: ["vlan", "ipv4", "ipv6", "payload"],
  vlan: ["vlan", "ipv4", "ipv6", "payload"],
  ipv4: ["tcp", "udp", "icmp", "ipv4", "ipv6", "payload"],
  ipv6: ["tcp", "udp", "icmp", "ipv4", "ipv6", "payload"],
  tcp: ["payload"],
  udp: ["payload"],
  icmp: ["payload"],
  payload: [],
};

export const ETH_P = { IPV4: 0x0800, IPV6: 0x86dd, VLAN: 0x8100, QINQ: 0x88a8 } as const;
export const IPPROTO = {
  ICMP: 1,
  IPIP: 4,
  TCP: 6,
  UDP: 17,
  IPV6: 41,
  ICMPV6: 58,
  NONE: 59,
  RAW: 255,
} as const;
export const TCP_FLAG_BITS: Readonly<Record<TcpFlagName, number>> = {
  fin: 0x01,
  syn: 0x02,
  rst: 0x04,
  psh: 0x08,
  ack: 0x10,
  urg: 0x20,
  ece: 0x40,
  cwr: 0x80,
};
/** scapy's letters for the flag bits. */
export const TCP_FLAG_LETTERS: Readonly<Record<string, TcpFlagName>> = {
  F: "fin",
  S: "syn",
  R: "rst",
  P: "psh",
  A: "ack",
  U: "urg",
  E: "ece",
  C: "cwr",
};
