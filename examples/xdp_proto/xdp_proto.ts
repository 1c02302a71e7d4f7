// XDP per-protocol counter (the DESIGN.md sample): IPv4 packets counted by IP protocol.
// C twin: examples/c/xdp_proto.bpf.c.
import { ArrayMap, xdp, XdpAction, ETH_P_IP, ntohs, type EthHdr, type IpHdr, type u64 } from "tsbpf";

/** Packets by IP protocol number (6 TCP, 17 UDP, ...). */
export const per_proto = new ArrayMap<u64>({ maxEntries: 256 });

export const count_proto = xdp((ctx) => {
  const eth = ctx.packet.at<EthHdr>(0); // bounds-checked against data_end; null when short
  if (!eth || ntohs(eth.proto) !== ETH_P_IP) return XdpAction.Pass;
  const ip = ctx.packet.at<IpHdr>(14);
  if (!ip) return XdpAction.Pass;
  per_proto.increment(ip.protocol);
  return XdpAction.Pass;
});
