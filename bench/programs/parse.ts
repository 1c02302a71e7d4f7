// Twin of ../shared/bench/parse.c: Ethernet (optional 802.1Q tag), IPv4 header checks, TCP/UDP
// destination port. Returns protocol | dport << 8, or a small code saying why the packet was
// not parsed.
import { xdp, htons, ntohs, u32, type EthHdr, type IpHdr, type VlanHdr, type u16 } from "tsbpf";

/** The first four bytes of a TCP or UDP header. */
interface Ports {
  source: u16;
  dest: u16;
}

export const parse = xdp((ctx) => {
  const eth = ctx.packet.at<EthHdr>(0);
  if (!eth) return 0;
  let proto = eth.proto;
  let l3: u32 = 14;
  if (proto === htons(0x8100)) {
    const vlan = ctx.packet.at<VlanHdr>(14);
    if (!vlan) return 0;
    proto = vlan.encapsulatedProto;
    l3 = 18;
  }
  if (proto !== htons(0x0800)) return 1;
  const ip = ctx.packet.at<IpHdr>(l3);
  if (!ip) return 0;
  if (ip.versionIhl >> 4 !== 4) return 2;
  const ihl: u32 = (ip.versionIhl & 15) * 4;
  if (ihl < 20) return 3;
  if (ntohs(ip.totLen) < ihl) return 4;
  if (ip.fragOff & htons(0x3fff)) return 5;
  if (ip.ttl === 0) return 6;
  const p: u32 = ip.protocol;
  if (p === 6 || p === 17) {
    const l4 = ctx.packet.at<Ports>(l3 + ihl);
    if (!l4) return 7;
    return p | (u32(ntohs(l4.dest)) << 8);
  }
  return p;
});
