import koffi from "koffi";
import { syscallNumbers, type SyscallNumbers } from "./arch.js";
import { type KernelResult, success, usageError } from "./errors.js";

/**
 * The C library functions runtime/kernel calls through koffi (no compiled addon). Each entry takes
 * plain numbers and native pointers (see memory.ts) and returns the raw C result; errno is read
 * right after the call with `koffi.errno()`. Calls that fail return -1 and never throw.
 */
export interface Libc {
  readonly numbers: SyscallNumbers;
  /** syscall(__NR_bpf, cmd, attr, size) */
  bpf(cmd: number, attr: NativePointer, size: number): number;
  /** syscall(__NR_perf_event_open, attr, pid, cpu, group_fd, flags) */
  perfEventOpen(attr: NativePointer, pid: number, cpu: number, groupFd: number, flags: number): number;
  /** ioctl(fd, request, (unsigned long) arg) */
  ioctl(fd: number, request: number, arg: number): number;
  close(fd: number): number;
  getpid(): number;
  getppid(): number;
  mmap(
    addr: null,
    length: number,
    prot: number,
    flags: number,
    fd: number,
    offset: number,
  ): NativePointer | null;
  munmap(addr: NativePointer, length: number): number;
  epollCreate1(flags: number): number;
  epollCtl(epfd: number, op: number, fd: number, event: NativePointer | null): number;
  epollWait(epfd: number, events: NativePointer, maxEvents: number, timeoutMs: number): number;
  mount(source: string, target: string, fstype: string, flags: number, data: string | null): number;
  /** setsockopt(fd, level, name, value, length) */
  setsockopt(fd: number, level: number, name: number, value: NativePointer, length: number): number;
  /** errno of the last call on this thread. */
  errno(): number;
}

/** A pointer to native memory as koffi represents it (an opaque External value). */
export type NativePointer = { readonly __native: unique symbol };

let cached: KernelResult<Libc> | undefined;

/** libc through koffi, loaded once; a KernelError (not an exception) when that is impossible. */
export function loadLibc(): KernelResult<Libc> {
  cached ??= bind();
  return cached;
}

function bind(): KernelResult<Libc> {
  if (process.platform !== "linux")
    return usageError(`the kernel loader needs Linux (this is ${process.platform})`, 38);
  const numbers = syscallNumbers();
  if (!numbers) return usageError(`no bpf(2) syscall number known for architecture ${process.arch}`, 38);
  let lib: koffi.IKoffiLib;
  try {
    lib = koffi.load("libc.so.6");
  } catch (e) {
    return usageError(`cannot load libc.so.6 through koffi: ${(e as Error).message}`, 38);
  }
  // Fixed prototypes for syscall(2): on x86_64 and aarch64 Linux, integer/pointer varargs travel
  // in the same registers as named arguments and glibc's syscall() only moves registers, so one
  // prototype per syscall shape is exact.
  const bpf = lib.func("long syscall(long nr, int cmd, void *attr, unsigned int size)");
  const perf = lib.func(
    "long syscall(long nr, void *attr, int pid, int cpu, int group_fd, unsigned long flags)",
  );
  const ioctl = lib.func("int ioctl(int fd, unsigned long request, ...)");
  const close = lib.func("int close(int fd)");
  const getpid = lib.func("int getpid(void)");
  const getppid = lib.func("int getppid(void)");
  const mmap = lib.func("void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)");
  const munmap = lib.func("int munmap(void *addr, size_t length)");
  const epollCreate1 = lib.func("int epoll_create1(int flags)");
  const epollCtl = lib.func("int epoll_ctl(int epfd, int op, int fd, void *event)");
  const epollWait = lib.func("int epoll_wait(int epfd, void *events, int maxevents, int timeout)");
  const mount = lib.func(
    "int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const char *data)",
  );
  const setsockopt = lib.func("int setsockopt(int fd, int level, int name, void *value, uint32_t length)");
  return success({
    numbers,
    bpf: (cmd, attr, size) => Number(bpf(numbers.bpf, cmd, attr, size)),
    perfEventOpen: (attr, pid, cpu, groupFd, flags) =>
      Number(perf(numbers.perfEventOpen, attr, pid, cpu, groupFd, flags)),
    ioctl: (fd, request, arg) => ioctl(fd, request, "unsigned long", arg) as number,
    close: (fd) => close(fd) as number,
    getpid: () => getpid() as number,
    getppid: () => getppid() as number,
    mmap: (addr, length, prot, flags, fd, offset) =>
      (mmap(addr, length, prot, flags, fd, offset) as NativePointer | null) ?? null,
    munmap: (addr, length) => munmap(addr, length) as number,
    epollCreate1: (flags) => epollCreate1(flags) as number,
    epollCtl: (epfd, op, fd, event) => epollCtl(epfd, op, fd, event) as number,
    epollWait: (epfd, events, max, timeout) => epollWait(epfd, events, max, timeout) as number,
    mount: (source, target, fstype, flags, data) => mount(source, target, fstype, flags, data) as number,
    setsockopt: (fd, level, name, value, length) => setsockopt(fd, level, name, value, length) as number,
    errno: () => koffi.errno(),
  });
}
