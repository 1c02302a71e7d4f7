// The reference consumer for `npm run bench -- run-launch`: libbpf's ring_buffer__poll on a ring
// buffer map pinned by the bench, counting records (and reading one field of each, as a real
// consumer would) for a fixed time. Prints "<records>" on stdout.
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned long long records, checksum;

static int on_record(void *ctx, void *data, size_t size) {
  (void)ctx;
  (void)size;
  checksum += *(unsigned int *)data;
  records++;
  return 0;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s <pinned ring buffer map> <seconds>\n", argv[0]);
    return 2;
  }
  int fd = bpf_obj_get(argv[1]);
  if (fd < 0) {
    perror("bpf_obj_get");
    return 1;
  }
  struct ring_buffer *rb = ring_buffer__new(fd, on_record, NULL, NULL);
  if (!rb) {
    perror("ring_buffer__new");
    return 1;
  }
  double end = now() + atof(argv[2]);
  while (now() < end) ring_buffer__poll(rb, 5);
  ring_buffer__consume(rb);
  ring_buffer__free(rb);
  printf("%llu %llu\n", records, checksum);
  return 0;
}
