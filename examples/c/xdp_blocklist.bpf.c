// XDP IPv4 blocklist: packets whose source address is in the map are dropped and counted.
#include "common.h"

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4096);
  __type(key, __u32);
  __type(value, __u64);
} blocked SEC(".maps");

SEC("xdp")
int block_ipv4(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP)) return XDP_PASS;
  struct iphdr *ip = (void *)(eth + 1);
  if ((void *)(ip + 1) > data_end) return XDP_PASS;
  __u32 saddr = ip->saddr;
  __u64 *hits = bpf_map_lookup_elem(&blocked, &saddr);
  if (!hits) return XDP_PASS;
  __sync_fetch_and_add(hits, 1);
  return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
