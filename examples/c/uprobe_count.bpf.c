// uprobe counting calls of a user-space function, per process.
#include "common.h"

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1024);
  __type(key, __u32);
  __type(value, __u64);
} calls SEC(".maps");

SEC("uprobe")
int count_calls(void *ctx) {
  __u32 pid = bpf_get_current_pid_tgid() >> 32;
  __u64 *n = bpf_map_lookup_elem(&calls, &pid);
  if (n) {
    __sync_fetch_and_add(n, 1);
  } else {
    __u64 one = 1;
    bpf_map_update_elem(&calls, &pid, &one, BPF_NOEXIST);
  }
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
