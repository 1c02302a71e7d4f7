/**
 * Kernel failures as values. bpf(2), perf_event_open(2) and friends report errors through errno;
 * every wrapper in runtime/kernel turns that into a `KernelError` instead of throwing, so callers
 * (tests, the CLI) can print the reason, look at the verifier log or skip.
 */
export interface KernelError {
  readonly ok: false;
  /** errno value (0 when the failure is not an errno, e.g. koffi could not load libc). */
  readonly errno: number;
  /** Symbolic errno name ("EPERM", "ENOENT", ...), or "EUNKNOWN". */
  readonly name: string;
  /** What was attempted and why it failed, in one line. */
  readonly message: string;
  /** The verifier (or BTF) log, when the kernel wrote one. */
  readonly log?: string;
}

export type KernelResult<T> = { readonly ok: true; readonly value: T } | KernelError;

export function success<T>(value: T): KernelResult<T> {
  return { ok: true, value };
}

/**
 * errno names on Linux (asm-generic/errno-base.h, asm-generic/errno.h, and the kernel-internal
 * include/linux/errno.h values ≥ 512 that bpf(2) leaks to user space, e.g. ENOTSUPP = 524).
 * The same numbers on x86_64 and aarch64.
 */
const ERRNO_NAMES: Readonly<Record<number, readonly [string, string]>> = {
  1: ["EPERM", "Operation not permitted"],
  2: ["ENOENT", "No such file or directory"],
  3: ["ESRCH", "No such process"],
  4: ["EINTR", "Interrupted system call"],
  5: ["EIO", "Input/output error"],
  6: ["ENXIO", "No such device or address"],
  7: ["E2BIG", "Argument list too long"],
  9: ["EBADF", "Bad file descriptor"],
  11: ["EAGAIN", "Resource temporarily unavailable"],
  12: ["ENOMEM", "Cannot allocate memory"],
  13: ["EACCES", "Permission denied"],
  14: ["EFAULT", "Bad address"],
  16: ["EBUSY", "Device or resource busy"],
  17: ["EEXIST", "File exists"],
  19: ["ENODEV", "No such device"],
  20: ["ENOTDIR", "Not a directory"],
  21: ["EISDIR", "Is a directory"],
  22: ["EINVAL", "Invalid argument"],
  23: ["ENFILE", "Too many open files in system"],
  24: ["EMFILE", "Too many open files"],
  25: ["ENOTTY", "Inappropriate ioctl for device"],
  28: ["ENOSPC", "No space left on device"],
  30: ["EROFS", "Read-only file system"],
  34: ["ERANGE", "Numerical result out of range"],
  38: ["ENOSYS", "Function not implemented"],
  40: ["ELOOP", "Too many levels of symbolic links"],
  61: ["ENODATA", "No data available"],
  75: ["EOVERFLOW", "Value too large for defined data type"],
  95: ["EOPNOTSUPP", "Operation not supported"],
  110: ["ETIMEDOUT", "Connection timed out"],
  512: ["ERESTARTSYS", "Interrupted system call (kernel-internal)"],
  524: ["ENOTSUPP", "Operation is not supported (kernel-internal ENOTSUPP)"],
};

export function errnoName(errno: number): string {
  return ERRNO_NAMES[errno]?.[0] ?? "EUNKNOWN";
}

export function errnoMessage(errno: number): string {
  return ERRNO_NAMES[errno]?.[1] ?? `errno ${errno}`;
}

/** A failed `what` with the given errno: "BPF_MAP_CREATE: Operation not permitted (EPERM)". */
export function kernelError(
  what: string,
  errno: number,
  extra: { log?: string; detail?: string } = {},
): KernelError {
  const name = errnoName(errno);
  const detail = extra.detail ? `: ${extra.detail}` : "";
  return {
    ok: false,
    errno,
    name,
    message: `${what}: ${errnoMessage(errno)} (${name})${detail}`,
    ...(extra.log !== undefined ? { log: extra.log } : {}),
  };
}

/** A failure that is not an errno (bad arguments to a wrapper, no libc, unknown architecture). */
export function usageError(message: string, errno = 22): KernelError {
  return { ok: false, errno, name: errnoName(errno), message };
}

/** One line for a person: the message, then the log's last lines when there is a log. */
export function formatKernelError(e: KernelError, logLines = 20): string {
  if (!e.log) return e.message;
  const lines = e.log.trimEnd().split("\n");
  const tail = lines.slice(-logLines);
  const cut = lines.length > tail.length ? `... (${lines.length - tail.length} earlier lines)\n` : "";
  return `${e.message}\n${cut}${tail.join("\n")}`;
}
