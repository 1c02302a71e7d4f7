// tc ingress statistics: packets and bytes per IPv4 TCP/UDP flow (5-tuple).
#include "common.h"

struct flow_key {
  __u32 saddr;
  __u32 daddr;
  __u16 sport;
  __u16 dport;
  __u8 proto;
  __u8 pad[3];
};

struct flow_stats {
  __u64 packets;
  __u64 bytes;
};

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 16384);
  __type(key, struct flow_key);
  __type(value, struct flow_stats);
} flows SEC(".maps");

SEC("tc")
int flow_stats(struct __sk_buff *skb) {
  void *data = (void *)(long)skb->data;
  void *data_end = (void *)(long)skb->data_end;
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP)) return TC_ACT_OK;
  struct iphdr *ip = (void *)(eth + 1);
  if ((void *)(ip + 1) > data_end) return TC_ACT_OK;
  struct flow_key key = {};
  key.saddr = ip->saddr;
  key.daddr = ip->daddr;
  key.proto = ip->protocol;
  if (ip->protocol == IPPROTO_TCP || ip->protocol == IPPROTO_UDP) {
    struct udphdr *l4 = (void *)(ip + 1); /* ports are the first 4 bytes of TCP and UDP */
    if ((void *)(l4 + 1) > data_end) return TC_ACT_OK;
    key.sport = bpf_ntohs(l4->source);
    key.dport = bpf_ntohs(l4->dest);
  }
  struct flow_stats *st = bpf_map_lookup_elem(&flows, &key);
  if (st) {
    __sync_fetch_and_add(&st->packets, 1);
    __sync_fetch_and_add(&st->bytes, skb->len);
  } else {
    struct flow_stats init = {1, skb->len};
    bpf_map_update_elem(&flows, &key, &init, BPF_NOEXIST);
  }
  return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
