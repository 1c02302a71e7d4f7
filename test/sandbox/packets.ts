/** Test packets: Ethernet + IPv4 + TCP/UDP, bytes as on the wire. */
export interface Ipv4Packet {
  readonly proto: number;
  readonly saddr: readonly [number, number, number, number];
  readonly daddr: readonly [number, number, number, number];
  readonly sport?: number;
  readonly dport?: number;
  /** TCP flags byte (0x02 SYN, 0x10 ACK). */
  readonly tcpFlags?: number;
  readonly payload?: number;
  readonly dstMac?: readonly number[];
}

export function ipv4Frame(p: Ipv4Packet): Uint8Array {
  const l4 = p.proto === 6 ? 20 : p.proto === 17 ? 8 : 0;
  const total = 20 + l4 + (p.payload ?? 0);
  const f = new Uint8Array(14 + total);
  const v = new DataView(f.buffer);
  f.set(p.dstMac ?? [0, 0, 0, 0, 0, 0], 0);
  f.set([2, 0, 0, 0, 0, 1], 6);
  v.setUint16(12, 0x0800);
  v.setUint8(14, 0x45);
  v.setUint16(16, total);
  v.setUint8(22, 64);
  v.setUint8(23, p.proto);
  f.set(p.saddr, 26);
  f.set(p.daddr, 30);
  if (l4) {
    v.setUint16(34, p.sport ?? 0);
    v.setUint16(36, p.dport ?? 0);
  }
  if (p.proto === 6) {
    v.setUint8(46, 0x50);
    v.setUint8(47, p.tcpFlags ?? 0);
  }
  if (p.proto === 17) v.setUint16(38, 8 + (p.payload ?? 0));
  return f;
}

/** An Ethernet frame of another EtherType (e.g. ARP 0x0806). */
export function otherFrame(etherType: number, length = 42): Uint8Array {
  const f = new Uint8Array(length);
  new DataView(f.buffer).setUint16(12, etherType);
  return f;
}
