import { epollEventSize } from "./arch.js";
import { HOST_LITTLE_ENDIAN } from "./attr.js";
import { type KernelResult, kernelError, success } from "./errors.js";
import { loadLibc } from "./libc.js";
import { NativeBlock } from "./memory.js";
import { OwnedFd } from "./owned-fd.js";

/** include/uapi/linux/eventpoll.h */
export const EpollEvents = { IN: 0x1, OUT: 0x4, ERR: 0x8, HUP: 0x10 } as const;
const EPOLL_CTL_ADD = 1;
const EPOLL_CTL_DEL = 2;
const EPOLL_CLOEXEC = 0o2000000;

export interface ReadyFd {
  readonly fd: number;
  readonly events: number;
}

/**
 * epoll over bpf fds (ring buffers, perf event buffers): which ones have data. `wait` blocks the
 * thread for up to `timeoutMs` — use 0 to poll from an event loop timer.
 */
export class Epoll {
  private readonly handle: OwnedFd;
  private readonly buffer: NativeBlock;
  private readonly eventSize = epollEventSize();

  private constructor(
    fd: number,
    readonly capacity: number,
  ) {
    this.handle = new OwnedFd(fd);
    this.buffer = new NativeBlock(capacity * this.eventSize);
  }

  static create(capacity = 64): KernelResult<Epoll> {
    const libc = loadLibc();
    if (!libc.ok) return libc;
    const fd = libc.value.epollCreate1(EPOLL_CLOEXEC);
    if (fd < 0) return kernelError("epoll_create1", libc.value.errno());
    return success(new Epoll(fd, capacity));
  }

  get fd(): number {
    return this.handle.raw;
  }

  /** Watches `fd` for `events` (EpollEvents.*); the fd itself is reported back as the event data. */
  add(fd: number, events: number = EpollEvents.IN): KernelResult<void> {
    return this.ctl(EPOLL_CTL_ADD, fd, events);
  }

  remove(fd: number): KernelResult<void> {
    return this.ctl(EPOLL_CTL_DEL, fd, 0);
  }

  wait(timeoutMs = 0): KernelResult<ReadyFd[]> {
    const libc = loadLibc();
    if (!libc.ok) return libc;
    const n = libc.value.epollWait(this.handle.raw, this.buffer.pointer, this.capacity, timeoutMs);
    if (n < 0) return kernelError("epoll_wait", libc.value.errno());
    const v = this.buffer.view;
    const out: ReadyFd[] = [];
    // struct epoll_event { u32 events; u64 data; } — data at offset 4 when packed (x86_64), else 8.
    const dataAt = this.eventSize === 12 ? 4 : 8;
    for (let i = 0; i < n; i++) {
      const base = i * this.eventSize;
      out.push({
        events: v.getUint32(base, HOST_LITTLE_ENDIAN),
        fd: v.getUint32(base + dataAt, HOST_LITTLE_ENDIAN),
      });
    }
    return success(out);
  }

  close(): KernelResult<void> {
    this.buffer.free();
    return this.handle.close();
  }

  private ctl(op: number, fd: number, events: number): KernelResult<void> {
    const libc = loadLibc();
    if (!libc.ok) return libc;
    const ev = new NativeBlock(this.eventSize);
    try {
      ev.view.setUint32(0, events, HOST_LITTLE_ENDIAN);
      ev.view.setUint32(this.eventSize === 12 ? 4 : 8, fd, HOST_LITTLE_ENDIAN);
      if (libc.value.epollCtl(this.handle.raw, op, fd, ev.pointer) < 0) {
        return kernelError(
          `epoll_ctl(${op === EPOLL_CTL_ADD ? "ADD" : "DEL"}, fd ${fd})`,
          libc.value.errno(),
        );
      }
      return success(undefined);
    } finally {
      ev.free();
    }
  }
}
