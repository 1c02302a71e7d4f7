/** Test frames as they are on the wire: Ethernet, IPv4 (optionally with options), TCP or UDP. */
export interface FrameSpec {
  readonly proto: number;
  readonly src: string;
  readonly dst: string;
  readonly sport?: number;
  readonly dport?: number;
  /** TCP flag byte: 0x02 SYN, 0x10 ACK, 0x12 SYN-ACK. */
  readonly flags?: number;
  /** Payload bytes after the transport header. */
  readonly payload?: number;
  /** IPv4 option bytes (a multiple of 4): moves the transport header. */
  readonly ipOptions?: number;
  /** Cut the frame to this many bytes (a truncated capture). */
  readonly truncate?: number;
}

const ETH = 14;

export function ipBytes(addr: string): number[] {
  return addr.split(".").map(Number);
}

/** The u32 key a program reads for an address stored in the packet (network order, read little-endian). */
export function addrKey(addr: string): number {
  return new DataView(Uint8Array.from(ipBytes(addr)).buffer).getUint32(0, true);
}

export function ipv4Frame(s: FrameSpec): Uint8Array {
  const opts = s.ipOptions ?? 0;
  const ihl = 20 + opts;
  const l4 = s.proto === 6 ? 20 : s.proto === 17 ? 8 : 8;
  const total = ihl + l4 + (s.payload ?? 0);
  const f = new Uint8Array(ETH + total);
  const v = new DataView(f.buffer);
  f.set([0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01]);
  v.setUint16(12, 0x0800);
  v.setUint8(ETH, 0x40 | (ihl / 4));
  v.setUint16(ETH + 2, total);
  v.setUint8(ETH + 8, 64);
  v.setUint8(ETH + 9, s.proto);
  f.set(ipBytes(s.src), ETH + 12);
  f.set(ipBytes(s.dst), ETH + 16);
  const t = ETH + ihl;
  if (s.proto === 6 || s.proto === 17) {
    v.setUint16(t, s.sport ?? 0);
    v.setUint16(t + 2, s.dport ?? 0);
  }
  if (s.proto === 6) {
    v.setUint8(t + 12, 0x50);
    v.setUint8(t + 13, s.flags ?? 0);
  }
  if (s.proto === 17) v.setUint16(t + 4, 8 + (s.payload ?? 0));
  return s.truncate !== undefined ? f.slice(0, s.truncate) : f;
}

/** An Ethernet frame of another EtherType (ARP 0x0806, IPv6 0x86dd, ...). */
export function etherFrame(etherType: number, length = 60): Uint8Array {
  const f = new Uint8Array(length);
  new DataView(f.buffer).setUint16(12, etherType);
  return f;
}
