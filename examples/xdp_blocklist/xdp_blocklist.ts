// XDP IPv4 blocklist: packets whose source address is in the map are dropped and counted.
// Userspace fills the map (key: the address as it appears in the packet, value: hits so far).
// C twin: examples/c/xdp_blocklist.bpf.c.
import { HashMap, xdp, XdpAction, ETH_P_IP, ntohs, type EthHdr, type IpHdr, type u32, type u64 } from "tsbpf";

export const blocked = new HashMap<u32, u64>({ maxEntries: 4096 });

export const block_ipv4 = xdp((ctx) => {
  const eth = ctx.packet.at<EthHdr>(0);
  if (!eth || ntohs(eth.proto) !== ETH_P_IP) return XdpAction.Pass;
  const ip = ctx.packet.at<IpHdr>(14);
  if (!ip) return XdpAction.Pass;
  const hits = blocked.lookup(ip.saddr);
  if (!hits) return XdpAction.Pass;
  hits.value += 1; // atomic: other CPUs count hits of the same address
  return XdpAction.Drop;
});
