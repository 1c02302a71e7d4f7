// Socket filter keeping only TCP SYN packets (SYN set, ACK clear). A socket filter sees the
// packet from the network header on and cannot read it directly: ctx.packet.read copies bytes
// out with bpf_skb_load_bytes. Returns the bytes to keep (the whole packet) or 0 to drop it.
// C twin: examples/c/sockfilter_syn.bpf.c.
import { socketFilter, ETH_P_IP, IPPROTO_TCP, htons, type IpHdr, type u8 } from "tsbpf";

const TCP_SYN = 0x02;
const TCP_ACK = 0x10;

export const keep_syn = socketFilter((ctx) => {
  if (ctx.protocol !== htons(ETH_P_IP)) return 0;
  const ip = ctx.packet.read<IpHdr>(0);
  if (!ip || ip.protocol !== IPPROTO_TCP) return 0;
  const flags = ctx.packet.read<u8>((ip.versionIhl & 0xf) * 4 + 13); // TCP flag byte
  if (flags === null || (flags & (TCP_SYN | TCP_ACK)) !== TCP_SYN) return 0;
  return ctx.len;
});
