import { ProgType } from "../uapi/bpf.js";
import { attachRawTracepoint, attachTracepoint, attachXdp, attachTcx, attachCgroup } from "./attach.js";
import { type KernelResult, success } from "./errors.js";
import { type ProgramInfo, progInfo } from "./info.js";
import type { KernelLink } from "./kernel-link.js";
import { objGet, objPin } from "./object-commands.js";
import { OwnedFd } from "./owned-fd.js";
import { type ProgLoadOptions, progLoad } from "./prog-load.js";
import { type TestRunOptions, type TestRunResult, progTestRun } from "./test-run.js";

/** A program in the kernel, held by an fd (cilium/ebpf's Program). */
export class KernelProgram {
  private readonly handle: OwnedFd;

  private constructor(
    fd: number,
    readonly name: string,
    /** ProgType.* */
    readonly type: number,
    /** The verifier log of the load (empty unless a log level was asked for). */
    readonly log: string,
  ) {
    this.handle = new OwnedFd(fd);
  }

  /** BPF_PROG_LOAD; a rejection is a KernelError whose `log` is the verifier's text. */
  static load(o: ProgLoadOptions): KernelResult<KernelProgram> {
    const r = progLoad(o);
    if (!r.ok) return r;
    return success(new KernelProgram(r.value.fd, o.name ?? "", o.type, r.value.log));
  }

  /** Takes ownership of a program fd. */
  static fromFd(fd: number): KernelResult<KernelProgram> {
    const info = progInfo(fd);
    if (!info.ok) return info;
    return success(new KernelProgram(fd, info.value.name, info.value.type, ""));
  }

  static fromPin(path: string): KernelResult<KernelProgram> {
    const fd = objGet(path);
    if (!fd.ok) return fd;
    const p = KernelProgram.fromFd(fd.value);
    if (!p.ok) new OwnedFd(fd.value).close();
    return p;
  }

  get fd(): number {
    return this.handle.raw;
  }

  get closed(): boolean {
    return this.handle.closed;
  }

  /** BPF_PROG_TEST_RUN (XDP, socket filter, tc, flow dissector, raw tracepoint, syscall ...). */
  testRun(o: TestRunOptions = {}): KernelResult<TestRunResult> {
    return progTestRun(this.handle.raw, o);
  }

  info(): KernelResult<ProgramInfo> {
    return progInfo(this.handle.raw);
  }

  pin(path: string): KernelResult<void> {
    return objPin(this.handle.raw, path);
  }

  /**
   * Attaches by program type: TRACEPOINT to "category/name", RAW_TRACEPOINT to a raw tracepoint
   * name, TRACING/LSM to their load-time BTF target (`target` ignored). Other types have their
   * own functions in attach.ts (attachXdp, attachTcx, attachCgroup).
   */
  attach(target: string): KernelResult<KernelLink> {
    switch (this.type) {
      case ProgType.TRACEPOINT:
        return attachTracepoint(this.handle.raw, target);
      case ProgType.RAW_TRACEPOINT:
      case ProgType.RAW_TRACEPOINT_WRITABLE:
        return attachRawTracepoint(this.handle.raw, target);
      case ProgType.TRACING:
      case ProgType.LSM:
        return attachRawTracepoint(this.handle.raw, undefined);
      default:
        return {
          ok: false,
          errno: 95,
          name: "EOPNOTSUPP",
          message: `attach(): program type ${this.type} is attached with attachXdp/attachTcx/attachCgroup`,
        };
    }
  }

  attachXdp(ifindex: number, flags = 0): KernelResult<KernelLink> {
    return attachXdp(this.handle.raw, ifindex, flags);
  }

  attachTcx(ifindex: number, direction: "ingress" | "egress"): KernelResult<KernelLink> {
    return attachTcx(this.handle.raw, ifindex, direction);
  }

  attachCgroup(cgroupPath: string, attachType: number): KernelResult<KernelLink> {
    return attachCgroup(this.handle.raw, cgroupPath, attachType);
  }

  close(): KernelResult<void> {
    return this.handle.close();
  }
}
