// openat snooper: one ring-buffer event per sys_enter_openat with pid, comm and file name.
#include "common.h"

struct open_event {
  __u32 pid;
  __u32 uid;
  __u64 ts;
  char comm[16];
  char filename[128];
};

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 256 * 1024);
} events SEC(".maps");

struct openat_args {
  __u64 common;
  __s32 syscall_nr;
  __s64 dfd;
  const char *filename;
  __s64 flags;
  __u64 mode;
};

SEC("tracepoint/syscalls/sys_enter_openat")
int on_openat(struct openat_args *ctx) {
  struct open_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
  if (!e) return 0;
  e->pid = bpf_get_current_pid_tgid() >> 32;
  e->uid = (__u32)bpf_get_current_uid_gid();
  e->ts = bpf_ktime_get_ns();
  bpf_get_current_comm(e->comm, sizeof(e->comm));
  bpf_probe_read_user_str(e->filename, sizeof(e->filename), ctx->filename);
  bpf_ringbuf_submit(e, 0);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
