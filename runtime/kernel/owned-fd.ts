import { type KernelResult, success, usageError } from "./errors.js";
import { trackFd, untrackFd } from "./fd-registry.js";
import { closeFd } from "./syscall.js";

/**
 * A file descriptor that one live object owns: tracked for the exit handler from construction,
 * closed once by `close()` (later calls are no-ops). Using it after close is a KernelError (EBADF)
 * rather than a use of whatever fd number the process reuses next.
 */
export class OwnedFd {
  private value: number;

  constructor(fd: number) {
    this.value = fd;
    trackFd(fd);
  }

  get closed(): boolean {
    return this.value < 0;
  }

  /** The fd, or a KernelError when it was closed. */
  get(): KernelResult<number> {
    if (this.value < 0) return usageError("the object was closed", 9);
    return success(this.value);
  }

  /** The raw number (−1 once closed); for passing to other calls that report EBADF themselves. */
  get raw(): number {
    return this.value;
  }

  close(): KernelResult<void> {
    if (this.value < 0) return success(undefined);
    const fd = this.value;
    this.value = -1;
    untrackFd(fd);
    return closeFd(fd);
  }
}
