/**
 * Syscall numbers that glibc has no wrapper for (bpf(2), perf_event_open(2)), per architecture.
 * x86_64: arch/x86/entry/syscalls/syscall_64.tbl; aarch64 uses the generic table
 * (include/uapi/asm-generic/unistd.h).
 */
export interface SyscallNumbers {
  readonly bpf: number;
  readonly perfEventOpen: number;
}

const NUMBERS: Readonly<Record<string, SyscallNumbers>> = {
  x64: { bpf: 321, perfEventOpen: 298 },
  arm64: { bpf: 280, perfEventOpen: 241 },
};

/** The numbers for `arch` (Node's `process.arch`), or undefined on an architecture tsbpf does not know. */
export function syscallNumbers(arch: string = process.arch): SyscallNumbers | undefined {
  return NUMBERS[arch];
}

/**
 * sizeof(struct epoll_event): the kernel declares it __attribute__((packed)) only on x86_64
 * (EPOLL_PACKED in include/uapi/linux/eventpoll.h), so it is 12 bytes there and 16 elsewhere.
 */
export function epollEventSize(arch: string = process.arch): number {
  return arch === "x64" ? 12 : 16;
}
