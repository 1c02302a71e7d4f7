import { DiagnosticError, error } from "../../diag/diagnostic.js";
import { TestingCode } from "../codes.js";
import { ipv4Bytes, ipv6Bytes, macBytes } from "./address.js";
import { internetChecksum, ipv4PseudoHeader, ipv6PseudoHeader } from "./checksum.js";
import {
  ETH_P,
  FOLLOWS,
  IPPROTO,
  TCP_FLAG_BITS,
  TCP_FLAG_LETTERS,
  type Layer,
  type PayloadInput,
  type TcpFlags,
} from "./layers.js";

/**
 * Serialises layers into one frame. Layers are encoded from the innermost out, so each header
 * knows the bytes it carries: lengths cover them, and the transport checksums cover them plus the
 * pseudo-header of the nearest enclosing IP layer.
 */

function bad(message: string, hint?: string): never {
  throw new DiagnosticError([error(TestingCode.PACKET, message, hint ? { hint } : {})]);
}

/** An unsigned field value, checked against its width. */
function uint(what: string, value: number | undefined, bits: number, fallback: number): number {
  const v = value ?? fallback;
  const max = 2 ** bits - 1;
  if (!Number.isInteger(v) || v < 0 || v > max) bad(`${what}: ${v} does not fit ${bits} bits (0..${max})`);
  return v;
}

function bytesOf(what: string, v: Uint8Array | readonly number[]): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (v.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) bad(`${what}: every element must be a byte`);
  return Uint8Array.from(v);
}

export function payloadBytes(data: PayloadInput): Uint8Array {
  if (typeof data === "string") return new TextEncoder().encode(data);
  if (typeof data === "number") return new Uint8Array(uint("payload length", data, 31, 0));
  return bytesOf("payload", data).slice();
}

/** Option bytes padded with zeros to a multiple of 4 (IPv4 and TCP headers are in 32-bit words). */
function padded(
  what: string,
  options: Uint8Array | readonly number[] | undefined,
  maxWords: number,
): Uint8Array {
  const raw = options ? bytesOf(what, options) : new Uint8Array(0);
  const out = new Uint8Array((raw.length + 3) & ~3);
  out.set(raw);
  if (out.length / 4 > maxWords) bad(`${what}: ${raw.length} bytes of options exceed ${maxWords * 4}`);
  return out;
}

export function tcpFlagsByte(flags: TcpFlags | undefined): number {
  if (flags === undefined) return TCP_FLAG_BITS.syn;
  if (typeof flags === "number") return uint("TCP flags", flags, 8, 0);
  if (typeof flags === "string") {
    let b = 0;
    for (const ch of flags) {
      const name = TCP_FLAG_LETTERS[ch.toUpperCase()];
      if (!name) bad(`TCP flags: unknown letter '${ch}' in "${flags}"`, "letters: F S R P A U E C");
      b |= TCP_FLAG_BITS[name];
    }
    return b;
  }
  let b = 0;
  for (const name of flags) {
    const bit = TCP_FLAG_BITS[name];
    if (bit === undefined) bad(`TCP flags: unknown flag '${String(name)}'`);
    b |= bit;
  }
  return b;
}

/** The EtherType announcing `next` (what an Ethernet header or VLAN tag carries). */
function etherTypeOf(next: Layer | undefined, after: Layer | undefined): number | undefined {
  switch (next?.kind) {
    case "vlan":
      return next.options.tpid ?? (after?.kind === "vlan" ? ETH_P.QINQ : ETH_P.VLAN);
    case "ipv4":
      return ETH_P.IPV4;
    case "ipv6":
      return ETH_P.IPV6;
    default:
      return undefined;
  }
}

/** The IP protocol number announcing `next`; `v6` picks ICMPv6 for ICMP. */
function protocolOf(next: Layer | undefined, v6: boolean): number {
  switch (next?.kind) {
    case "tcp":
      return IPPROTO.TCP;
    case "udp":
      return IPPROTO.UDP;
    case "icmp":
      return v6 ? IPPROTO.ICMPV6 : IPPROTO.ICMP;
    case "ipv4":
      return IPPROTO.IPIP;
    case "ipv6":
      return IPPROTO.IPV6;
    case undefined:
      return v6 ? IPPROTO.NONE : IPPROTO.RAW;
    default:
      return IPPROTO.RAW;
  }
}

type IpLayer = Extract<Layer, { kind: "ipv4" | "ipv6" }>;

/** Pseudo-header of `ip` for a transport segment of `length` bytes and protocol `proto`. */
function pseudoHeader(ip: IpLayer | undefined, proto: number, length: number): Uint8Array {
  if (!ip) return new Uint8Array(0); // a segment without IP: its checksum covers only itself
  if (ip.kind === "ipv4")
    return ipv4PseudoHeader(ipv4Bytes(ip.options.src), ipv4Bytes(ip.options.dst), proto, length);
  return ipv6PseudoHeader(ipv6Bytes(ip.options.src), ipv6Bytes(ip.options.dst), proto, length);
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/** Checks that each layer may follow the one before it. */
export function checkOrder(layers: readonly Layer[]): void {
  for (let i = 1; i < layers.length; i++) {
    const prev = layers[i - 1]!.kind;
    const cur = layers[i]!.kind;
    if (!FOLLOWS[prev].includes(cur)) {
      throw new DiagnosticError([
        error(
          TestingCode.PACKET_ORDER,
          `a ${cur} layer cannot follow ${prev}`,
          FOLLOWS[prev].length
            ? { hint: `after ${prev} come: ${FOLLOWS[prev].join(", ")}` }
            : { hint: `${prev} is the last layer` },
        ),
      ]);
    }
  }
}

function encodeLayer(layers: readonly Layer[], i: number, inner: Uint8Array): Uint8Array {
  const layer = layers[i]!;
  const next = layers[i + 1];
  let ip: IpLayer | undefined;
  for (let j = i - 1; j >= 0 && !ip; j--) {
    const l = layers[j]!;
    if (l.kind === "ipv4" || l.kind === "ipv6") ip = l;
  }
  switch (layer.kind) {
    case "payload":
      return layer.bytes;
    case "ethernet": {
      const o = layer.options;
      const h = new Uint8Array(14);
      h.set(macBytes(o.dst ?? "02:00:00:00:00:02", "ethernet dst"), 0);
      h.set(macBytes(o.src ?? "02:00:00:00:00:01", "ethernet src"), 6);
      const type = o.type ?? etherTypeOf(next, layers[i + 2]);
      if (type === undefined) bad("ethernet: give `type` (the EtherType) for a raw payload");
      new DataView(h.buffer).setUint16(12, uint("ethernet type", type, 16, 0));
      return concat(h, inner);
    }
    case "vlan": {
      const o = layer.options;
      const tci =
        (uint("vlan pcp", o.pcp, 3, 0) << 13) | ((o.dei ? 1 : 0) << 12) | uint("vlan id", o.id, 12, 0);
      const type = o.type ?? etherTypeOf(next, layers[i + 2]);
      if (type === undefined) bad("vlan: give `type` (the inner EtherType) for a raw payload");
      const h = new Uint8Array(4);
      const v = new DataView(h.buffer);
      v.setUint16(0, tci);
      v.setUint16(2, uint("vlan type", type, 16, 0));
      return concat(h, inner);
    }
    case "ipv4": {
      const o = layer.options;
      const opts = padded("ipv4 options", o.options, 10);
      const ihl = 5 + opts.length / 4;
      const h = new Uint8Array(ihl * 4);
      const v = new DataView(h.buffer);
      v.setUint8(0, 0x40 | ihl);
      v.setUint8(1, uint("ipv4 tos", o.tos, 8, 0));
      v.setUint16(2, uint("ipv4 totalLength", o.totalLength, 16, h.length + inner.length));
      v.setUint16(4, uint("ipv4 id", o.id, 16, 1));
      const frag = uint("ipv4 fragmentOffset", o.fragmentOffset, 13, 0);
      v.setUint16(6, (o.df ? 0x4000 : 0) | (o.mf ? 0x2000 : 0) | frag);
      v.setUint8(8, uint("ipv4 ttl", o.ttl, 8, 64));
      v.setUint8(9, uint("ipv4 protocol", o.protocol, 8, protocolOf(next, false)));
      h.set(ipv4Bytes(o.src, "ipv4 src"), 12);
      h.set(ipv4Bytes(o.dst, "ipv4 dst"), 16);
      h.set(opts, 20);
      v.setUint16(
        10,
        o.checksum !== undefined ? uint("ipv4 checksum", o.checksum, 16, 0) : internetChecksum(h),
      );
      return concat(h, inner);
    }
    case "ipv6": {
      const o = layer.options;
      const h = new Uint8Array(40);
      const v = new DataView(h.buffer);
      const tc = uint("ipv6 trafficClass", o.trafficClass, 8, 0);
      const flow = uint("ipv6 flowLabel", o.flowLabel, 20, 0);
      v.setUint32(0, ((6 << 28) | (tc << 20) | flow) >>> 0);
      v.setUint16(4, uint("ipv6 payloadLength", o.payloadLength, 16, inner.length));
      v.setUint8(6, uint("ipv6 nextHeader", o.nextHeader, 8, protocolOf(next, true)));
      v.setUint8(7, uint("ipv6 hopLimit", o.hopLimit, 8, 64));
      h.set(ipv6Bytes(o.src, "ipv6 src"), 8);
      h.set(ipv6Bytes(o.dst, "ipv6 dst"), 24);
      return concat(h, inner);
    }
    case "tcp": {
      const o = layer.options;
      const opts = padded("tcp options", o.options, 10);
      const h = new Uint8Array(20 + opts.length);
      const v = new DataView(h.buffer);
      v.setUint16(0, uint("tcp sport", o.sport, 16, 12345));
      v.setUint16(2, uint("tcp dport", o.dport, 16, 80));
      v.setUint32(4, uint("tcp seq", o.seq, 32, 0));
      v.setUint32(8, uint("tcp ack", o.ack, 32, 0));
      v.setUint8(12, (h.length / 4) << 4);
      v.setUint8(13, tcpFlagsByte(o.flags));
      v.setUint16(14, uint("tcp window", o.window, 16, 65535));
      v.setUint16(18, uint("tcp urgent", o.urgent, 16, 0));
      h.set(opts, 20);
      const seg = concat(h, inner);
      const sum =
        o.checksum !== undefined
          ? uint("tcp checksum", o.checksum, 16, 0)
          : internetChecksum(pseudoHeader(ip, IPPROTO.TCP, seg.length), seg);
      new DataView(seg.buffer).setUint16(16, sum);
      return seg;
    }
    case "udp": {
      const o = layer.options;
      const seg = new Uint8Array(8 + inner.length);
      const v = new DataView(seg.buffer);
      v.setUint16(0, uint("udp sport", o.sport, 16, 12345));
      v.setUint16(2, uint("udp dport", o.dport, 16, 53));
      v.setUint16(4, uint("udp length", o.length, 16, seg.length));
      seg.set(inner, 8);
      let sum: number;
      if (o.checksum !== undefined) sum = uint("udp checksum", o.checksum, 16, 0);
      else {
        sum = internetChecksum(pseudoHeader(ip, IPPROTO.UDP, seg.length), seg);
        if (sum === 0) sum = 0xffff; // RFC 768: a computed zero is sent as all ones
      }
      v.setUint16(6, sum);
      return seg;
    }
    case "icmp": {
      const o = layer.options;
      const v6 = ip?.kind === "ipv6";
      const seg = new Uint8Array(8 + inner.length);
      const v = new DataView(seg.buffer);
      v.setUint8(0, uint("icmp type", o.type, 8, v6 ? 128 : 8));
      v.setUint8(1, uint("icmp code", o.code, 8, 0));
      if (o.rest !== undefined) v.setUint32(4, uint("icmp rest", o.rest, 32, 0));
      else {
        v.setUint16(4, uint("icmp id", o.id, 16, 0));
        v.setUint16(6, uint("icmp seq", o.seq, 16, 0));
      }
      seg.set(inner, 8);
      // ICMPv6 covers the pseudo-header (RFC 4443 §2.3); ICMP for IPv4 only the message (RFC 792)
      const pseudo = v6 ? pseudoHeader(ip, IPPROTO.ICMPV6, seg.length) : new Uint8Array(0);
      v.setUint16(
        2,
        o.checksum !== undefined ? uint("icmp checksum", o.checksum, 16, 0) : internetChecksum(pseudo, seg),
      );
      return seg;
    }
  }
}

/** The frame's bytes: every layer, lengths and checksums filled in. */
export function encodeLayers(layers: readonly Layer[]): Uint8Array {
  checkOrder(layers);
  let bytes: Uint8Array = new Uint8Array(0);
  for (let i = layers.length - 1; i >= 0; i--) bytes = encodeLayer(layers, i, bytes);
  return bytes;
}
