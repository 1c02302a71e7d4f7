// Syscall latency histogram: raw_syscalls enter/exit, log2 buckets of nanoseconds.
#include "common.h"

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 10240);
  __type(key, __u64);
  __type(value, __u64);
} start SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 64);
  __type(key, __u32);
  __type(value, __u64);
} latency SEC(".maps");

static __always_inline __u32 log2_u64(__u64 v) {
  __u32 r = 0;
  for (int i = 0; i < 64; i++) {
    if (v <= 1) break;
    v >>= 1;
    r++;
  }
  return r;
}

SEC("tracepoint/raw_syscalls/sys_enter")
int on_enter(void *ctx) {
  __u64 id = bpf_get_current_pid_tgid();
  __u64 ts = bpf_ktime_get_ns();
  bpf_map_update_elem(&start, &id, &ts, BPF_ANY);
  return 0;
}

SEC("tracepoint/raw_syscalls/sys_exit")
int on_exit(void *ctx) {
  __u64 id = bpf_get_current_pid_tgid();
  __u64 *t0 = bpf_map_lookup_elem(&start, &id);
  if (!t0) return 0;
  __u64 delta = bpf_ktime_get_ns() - *t0;
  bpf_map_delete_elem(&start, &id);
  __u32 bucket = log2_u64(delta);
  __u64 *slot = bpf_map_lookup_elem(&latency, &bucket);
  if (slot) __sync_fetch_and_add(slot, 1);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
