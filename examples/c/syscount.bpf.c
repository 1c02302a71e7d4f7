// Syscalls per process: raw_syscalls/sys_enter, counts in a hash map keyed by tgid.
#include "common.h"

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 10240);
  __type(key, __u32);
  __type(value, __u64);
} counts SEC(".maps");

SEC("tracepoint/raw_syscalls/sys_enter")
int on_sys_enter(void *ctx) {
  __u32 pid = bpf_get_current_pid_tgid() >> 32;
  __u64 *n = bpf_map_lookup_elem(&counts, &pid);
  if (n) {
    __sync_fetch_and_add(n, 1);
  } else {
    __u64 one = 1;
    bpf_map_update_elem(&counts, &pid, &one, BPF_NOEXIST);
  }
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
