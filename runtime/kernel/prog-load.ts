import { release as osRelease } from "node:os";
import type { Instruction } from "../isa/instruction.js";
import { encodeProgram } from "../isa/encode.js";
import { BpfCommand } from "../uapi/bpf.js";
import { ProgLoadAttr } from "./attr.js";
import { type KernelResult, kernelError } from "./errors.js";
import { kernelObjectName } from "./map-commands.js";
import { cString } from "./memory.js";
import { bpfCall } from "./syscall.js";

/** BPF_PROG_LOAD arguments. */
export interface ProgLoadOptions {
  /** ProgType.* */
  readonly type: number;
  /** Instructions (encoded with runtime/isa encodeProgram) or raw bytecode. */
  readonly instructions: readonly Instruction[] | Uint8Array;
  /** Default "GPL" (GPL-only helpers are refused to other licenses). */
  readonly license?: string;
  readonly name?: string;
  readonly expectedAttachType?: number;
  /** prog_flags (ProgFlags.*). */
  readonly flags?: number;
  /** kern_version, checked for kprobes by kernels before 5.0; default: the running kernel's. */
  readonly kernVersion?: number;
  /**
   * Verifier log: 0 = none (on failure the load is repeated with level 1 to get the reason),
   * 1 = the path that failed / summary, 2 = every instruction; bit 4 (value 4) adds statistics.
   */
  readonly logLevel?: number;
  /** First log buffer size in bytes; grown (up to 1 GiB) while the kernel says ENOSPC. */
  readonly logSize?: number;
  readonly btfFd?: number;
  /** Raw struct bpf_func_info records (8 bytes each: insn_off in slots, type_id). */
  readonly funcInfo?: Uint8Array;
  /** Raw struct bpf_line_info records (16 bytes each). */
  readonly lineInfo?: Uint8Array;
  readonly attachBtfId?: number;
  /** attach_btf_obj_fd (module BTF) or attach_prog_fd (freplace / fentry on a BPF program). */
  readonly attachFd?: number;
  /** fd_array for BPF_PSEUDO_MAP_IDX / kfunc module BTFs. */
  readonly fdArray?: readonly number[];
  readonly ifindex?: number;
}

export interface LoadedProgram {
  readonly fd: number;
  /** The verifier log (empty at log level 0). */
  readonly log: string;
}

const FUNC_INFO_REC_SIZE = 8;
const LINE_INFO_REC_SIZE = 16;
/** Kernels before 5.2 refuse log buffers above UINT32_MAX >> 8; newer ones allow UINT32_MAX >> 2. */
const MAX_LOG_SIZE = 1 << 30;
const DEFAULT_LOG_SIZE = 64 * 1024;

/**
 * BPF_PROG_LOAD. A rejected program is a KernelError whose `log` holds the verifier's text; with
 * `logLevel` 0 the load is retried at level 1 to get it (cilium/ebpf does the same), and the log
 * buffer grows while the kernel answers ENOSPC (or to log_true_size when the kernel reports it).
 */
export function progLoad(o: ProgLoadOptions): KernelResult<LoadedProgram> {
  const code = o.instructions instanceof Uint8Array ? o.instructions : encodeProgram(o.instructions);
  const requested = o.logLevel ?? 0;
  let level = requested;
  let logSize = level > 0 ? (o.logSize ?? DEFAULT_LOG_SIZE) : 0;
  for (;;) {
    let log = "";
    let trueSize = 0;
    let logView: Uint8Array | undefined;
    const r = bpfCall(
      BpfCommand.PROG_LOAD,
      ProgLoadAttr,
      (a, arena) => {
        a.u32("prog_type", o.type)
          .u32("insn_cnt", code.length / 8)
          .u64("insns", arena.bytes(code).address)
          .u64("license", arena.cstring(o.license ?? "GPL").address)
          .u32("kern_version", o.kernVersion ?? runningKernelVersion())
          .u32("prog_flags", o.flags ?? 0)
          .name("prog_name", kernelObjectName(o.name ?? ""))
          .u32("prog_ifindex", o.ifindex ?? 0)
          .u32("expected_attach_type", o.expectedAttachType ?? 0)
          .u32("attach_btf_id", o.attachBtfId ?? 0)
          .u32("attach_prog_fd", o.attachFd ?? 0);
        if (o.btfFd !== undefined) a.u32("prog_btf_fd", o.btfFd);
        if (o.funcInfo && o.funcInfo.length > 0) {
          a.u32("func_info_rec_size", FUNC_INFO_REC_SIZE)
            .u64("func_info", arena.bytes(o.funcInfo).address)
            .u32("func_info_cnt", o.funcInfo.length / FUNC_INFO_REC_SIZE);
        }
        if (o.lineInfo && o.lineInfo.length > 0) {
          a.u32("line_info_rec_size", LINE_INFO_REC_SIZE)
            .u64("line_info", arena.bytes(o.lineInfo).address)
            .u32("line_info_cnt", o.lineInfo.length / LINE_INFO_REC_SIZE);
        }
        if (o.fdArray && o.fdArray.length > 0) {
          const fds = new Uint8Array(new Int32Array(o.fdArray).buffer);
          a.u64("fd_array", arena.bytes(fds).address);
        }
        if (level > 0) {
          const buf = arena.alloc(logSize);
          a.u32("log_level", level).u32("log_size", logSize).u64("log_buf", buf.address);
          logView = buf.bytes;
        }
      },
      ({ ret }) => ret,
      `BPF_PROG_LOAD${o.name ? ` '${o.name}'` : ""}`,
      (attr) => {
        // The log buffer is freed with the arena: copy it out now, success or not.
        trueSize = attr.getU32("log_true_size");
        log = logView ? cString(logView) : "";
      },
    );
    if (r.ok) return { ok: true, value: { fd: r.value, log } };
    if (level === 0) {
      // No log was asked for: repeat with one so the failure carries the verifier's reason.
      level = 1;
      logSize = o.logSize ?? DEFAULT_LOG_SIZE;
      continue;
    }
    if (r.errno === 28 /* ENOSPC: log truncated */ && logSize < MAX_LOG_SIZE) {
      logSize = Math.min(MAX_LOG_SIZE, Math.max(logSize * 4, trueSize));
      continue;
    }
    return kernelError(`BPF_PROG_LOAD${o.name ? ` '${o.name}'` : ""}`, r.errno, {
      log,
      detail: firstVerifierError(log),
    });
  }
}

/** The verifier's own summary line of a failure (its last non-statistics line), if any. */
export function firstVerifierError(log: string): string | undefined {
  const lines = log
    .split("\n")
    .map((l) => l.trim())
    .filter(
      (l) =>
        l &&
        !/^(processed|verification time|stack depth|max_states|mark_read|-- END PROG LOAD LOG --)/.test(l),
    );
  return lines.length ? lines[lines.length - 1] : undefined;
}

/** LINUX_VERSION_CODE of the running kernel (KERNEL_VERSION(a, b, min(c, 255))). */
export function runningKernelVersion(release: string = osRelease()): number {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(release);
  if (!m) return 0;
  return (Number(m[1]) << 16) + (Number(m[2]) << 8) + Math.min(255, Number(m[3] ?? 0));
}
