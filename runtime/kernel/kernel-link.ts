import { type KernelResult, success } from "./errors.js";
import { linkDetach, objPin } from "./object-commands.js";
import { OwnedFd } from "./owned-fd.js";

/** How a program was attached; decides what `close()` releases. */
export type LinkKind = "bpf-link" | "perf-ioctl";

/**
 * An attachment (cilium/ebpf's link.Link): a bpf_link fd, plus the perf event fd when the link sits
 * on a tracepoint. Closing releases both, which detaches the program unless the link was pinned.
 */
export class KernelLink {
  private readonly link: OwnedFd | undefined;
  private readonly perf: OwnedFd | undefined;

  constructor(
    readonly kind: LinkKind,
    readonly description: string,
    fds: { link?: number; perfEvent?: number },
  ) {
    this.link = fds.link !== undefined ? new OwnedFd(fds.link) : undefined;
    this.perf = fds.perfEvent !== undefined ? new OwnedFd(fds.perfEvent) : undefined;
  }

  /** The bpf_link fd (−1 for ioctl attachments, which have none). */
  get fd(): number {
    return this.link?.raw ?? -1;
  }

  get perfEventFd(): number {
    return this.perf?.raw ?? -1;
  }

  get closed(): boolean {
    return (this.link?.closed ?? true) && (this.perf?.closed ?? true);
  }

  /** Pins a bpf_link so the attachment outlives this process (BPF_OBJ_PIN). */
  pin(path: string): KernelResult<void> {
    if (!this.link)
      return {
        ok: false,
        errno: 22,
        name: "EINVAL",
        message: `${this.description}: an ioctl attachment has no link to pin`,
      };
    return objPin(this.link.raw, path);
  }

  /** Detaches while keeping the fd (BPF_LINK_DETACH), e.g. to undo a pinned attachment. */
  detach(): KernelResult<void> {
    if (!this.link) return this.close();
    return linkDetach(this.link.raw);
  }

  close(): KernelResult<void> {
    const a = this.link?.close() ?? success(undefined);
    const b = this.perf?.close() ?? success(undefined);
    return a.ok ? b : a;
  }
}
