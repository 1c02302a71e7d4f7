// Event generator for the ring-buffer throughput bench: calls getppid(2) as fast as it can for
// the given number of seconds (each call is one ring buffer record for the bench's probe).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 1.0;
  struct timespec start, t;
  clock_gettime(CLOCK_MONOTONIC, &start);
  unsigned long long calls = 0;
  for (;;) {
    for (int i = 0; i < 1024; i++) syscall(SYS_getppid);
    calls += 1024;
    clock_gettime(CLOCK_MONOTONIC, &t);
    if ((t.tv_sec - start.tv_sec) + (t.tv_nsec - start.tv_nsec) / 1e9 >= seconds) break;
  }
  printf("%llu\n", calls);
  return 0;
}
