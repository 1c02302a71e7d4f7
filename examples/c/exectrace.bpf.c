// exec tracer: sched/sched_process_exec into a ring buffer with pid, timestamp and comm.
#include "common.h"

struct exec_event {
  __u32 pid;
  __u32 pad;
  __u64 ts;
  char comm[16];
};

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 256 * 1024);
} events SEC(".maps");

struct sched_process_exec_args {
  __u64 common;
  __u32 filename_loc;
  __s32 pid;
  __s32 old_pid;
};

SEC("tracepoint/sched/sched_process_exec")
int on_exec(struct sched_process_exec_args *ctx) {
  struct exec_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
  if (!e) return 0;
  e->pid = ctx->pid;
  e->pad = 0;
  e->ts = bpf_ktime_get_ns();
  bpf_get_current_comm(e->comm, sizeof(e->comm));
  bpf_ringbuf_submit(e, 0);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
