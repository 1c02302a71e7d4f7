import { HOST_LITTLE_ENDIAN } from "./attr.js";
import { type KernelResult, kernelError, success } from "./errors.js";
import { loadLibc } from "./libc.js";
import { NativeBlock } from "./memory.js";

/** asm-generic/socket.h (the same on x86_64 and aarch64). */
const SOL_SOCKET = 1;
const SO_ATTACH_BPF = 50;
const SO_DETACH_BPF = 27;

/**
 * A socket filter on a socket the caller owns (SO_ATTACH_BPF, kernel: sk_attach_bpf). The socket
 * keeps its own reference to the program, so `close()` detaches explicitly; closing the socket
 * detaches too. The socket fd itself stays the caller's.
 */
export class SocketFilterAttachment {
  private attached = true;

  constructor(
    readonly socketFd: number,
    readonly description: string,
  ) {}

  get closed(): boolean {
    return !this.attached;
  }

  close(): KernelResult<void> {
    if (!this.attached) return success(undefined);
    this.attached = false;
    return setIntOption(this.socketFd, SO_DETACH_BPF, 0, `setsockopt(${this.socketFd}, SO_DETACH_BPF)`);
  }
}

/** Attaches a SOCKET_FILTER program to the socket `socketFd` (any socket: raw, packet, UDP ...). */
export function attachSocketFilter(progFd: number, socketFd: number): KernelResult<SocketFilterAttachment> {
  const r = setIntOption(socketFd, SO_ATTACH_BPF, progFd, `setsockopt(${socketFd}, SO_ATTACH_BPF)`);
  if (!r.ok) return r;
  return success(new SocketFilterAttachment(socketFd, `socket filter on fd ${socketFd}`));
}

function setIntOption(fd: number, name: number, value: number, what: string): KernelResult<void> {
  const libc = loadLibc();
  if (!libc.ok) return libc;
  const block = new NativeBlock(4);
  try {
    block.view.setInt32(0, value, HOST_LITTLE_ENDIAN);
    if (libc.value.setsockopt(fd, SOL_SOCKET, name, block.pointer, 4) < 0)
      return kernelError(what, libc.value.errno());
    return success(undefined);
  } finally {
    block.free();
  }
}
