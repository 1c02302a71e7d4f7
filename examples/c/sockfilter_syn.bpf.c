// Socket filter keeping only TCP SYN packets (SYN set, ACK clear). A socket filter sees the
// packet from the network header on (the kernel strips the Ethernet header), so loads use
// bpf_skb_load_bytes at IP-relative offsets.
#include "common.h"

SEC("socket")
int keep_syn(struct __sk_buff *skb) {
  struct iphdr ip;
  if (skb->protocol != bpf_htons(ETH_P_IP)) return 0;
  if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)) < 0) return 0;
  if (ip.protocol != IPPROTO_TCP) return 0;
  __u8 flags;
  if (bpf_skb_load_bytes(skb, ip.ihl * 4 + 13, &flags, 1) < 0) return 0;
  /* TCP flags byte: 0x02 SYN, 0x10 ACK */
  if ((flags & 0x12) != 0x02) return 0;
  return skb->len;
}

char LICENSE[] SEC("license") = "GPL";
