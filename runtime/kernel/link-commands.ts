import { BpfCommand } from "../uapi/bpf.js";
import { LinkCreateAttr, RawTracepointAttr } from "./attr.js";
import { type KernelResult } from "./errors.js";
import { bpfCall } from "./syscall.js";

/** BPF_LINK_CREATE arguments. The target is an fd (perf event, cgroup) or an ifindex (xdp, tcx). */
export interface LinkCreateOptions {
  readonly progFd: number;
  /** target_fd or target_ifindex (they share the field). */
  readonly target: number;
  /** AttachType.* */
  readonly attachType: number;
  readonly flags?: number;
  /** perf_event.bpf_cookie, for perf-event links (read with bpf_get_attach_cookie). */
  readonly cookie?: bigint;
  /** target_btf_id, for fentry/fexit/freplace links to a BPF program. */
  readonly targetBtfId?: number;
  /** tcx.relative_fd (with BPF_F_BEFORE/AFTER in flags); tcx links only. */
  readonly relativeFd?: number;
}

/** BPF_LINK_CREATE; returns the link fd (closing it detaches, unless pinned). */
export function linkCreate(o: LinkCreateOptions): KernelResult<number> {
  return bpfCall(
    BpfCommand.LINK_CREATE,
    LinkCreateAttr,
    (a) => {
      a.u32("prog_fd", o.progFd)
        .u32("target_fd", o.target)
        .u32("attach_type", o.attachType)
        .u32("flags", o.flags ?? 0);
      if (o.cookie !== undefined) a.u64("perf_event.bpf_cookie", o.cookie);
      else if (o.targetBtfId !== undefined) a.u32("target_btf_id", o.targetBtfId);
      else if (o.relativeFd !== undefined) a.u32("tcx.relative_fd", o.relativeFd);
    },
    ({ ret }) => ret,
  );
}

/** BPF_RAW_TRACEPOINT_OPEN: attaches a raw tracepoint program to `name` (e.g. "sys_enter"). */
export function rawTracepointOpen(progFd: number, name: string | undefined): KernelResult<number> {
  return bpfCall(
    BpfCommand.RAW_TRACEPOINT_OPEN,
    RawTracepointAttr,
    (a, arena) => {
      a.u32("prog_fd", progFd);
      // A NULL name attaches tracing programs (fentry/fexit/lsm) to their BTF target.
      if (name !== undefined) a.u64("name", arena.cstring(name).address);
    },
    ({ ret }) => ret,
    `BPF_RAW_TRACEPOINT_OPEN${name ? ` ${name}` : ""}`,
  );
}
