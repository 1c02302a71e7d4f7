import { existsSync, readFileSync } from "node:fs";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import {
  attachCgroup,
  attachRawTracepoint,
  attachTcx,
  attachTracepoint,
  attachXdp,
} from "../kernel/attach.js";
import type { KernelError, KernelResult } from "../kernel/errors.js";
import type { KernelProgram } from "../kernel/kernel-program.js";
import { attachSocketFilter } from "../kernel/socket-filter.js";
import { ensureTracefs } from "../kernel/tracefs.js";
import { attachUprobe, parseUprobeTarget } from "../kernel/uprobe.js";
import type { ProgramSpec } from "../object/spec.js";
import { AttachType, XdpFlags } from "../uapi/bpf.js";
import { RunCode } from "./codes.js";
import { closestNames } from "../diag/closest.js";

/** What attaching needs beyond the program itself; each flag of `tsbpf run` fills one. */
export interface AttachOptions {
  /** XDP and tc: the interface (in the caller's network namespace). */
  readonly iface?: string;
  /** cgroup_skb: the cgroup v2 directory (default /sys/fs/cgroup). */
  readonly cgroup?: string;
  /** Socket filters: a socket fd this process holds. */
  readonly socketFd?: number;
  /** uprobe/uretprobe without a target in their section: `<binary>:<function>`. */
  readonly uprobe?: string;
  /** uprobes: only this process (default every process). */
  readonly pid?: number;
}

/** An attachment of any kind, released with close(). */
export interface Attachment {
  readonly description: string;
  close(): KernelResult<void>;
}

type Attached = { ok: true; value: Attachment } | { ok: false; diagnostics: Diagnostic[] };

function refused(code: string, message: string, hint?: string): Attached {
  return { ok: false, diagnostics: [error(code, message, hint ? { hint } : {})] };
}

function fromKernel(r: KernelResult<Attachment>, program: ProgramSpec): Attached {
  if (r.ok) return r;
  return refused(RunCode.KERNEL, `cannot attach ${program.name} (${program.section}): ${r.message}`);
}

/** The interface's index in this network namespace (sysfs), or a diagnostic naming the ones there are. */
export function interfaceIndex(
  name: string,
): { ok: true; value: number } | { ok: false; diagnostics: Diagnostic[] } {
  if (!/^[\w.@:-]{1,15}$/.test(name))
    return { ok: false, diagnostics: [error(RunCode.NO_INTERFACE, `'${name}' is not an interface name`)] };
  try {
    return { ok: true, value: Number.parseInt(readFileSync(`/sys/class/net/${name}/ifindex`, "utf8"), 10) };
  } catch {
    let known = "";
    try {
      known = readFileSync("/proc/net/dev", "utf8")
        .split("\n")
        .slice(2)
        .map((l) => l.split(":")[0]!.trim())
        .filter(Boolean)
        .join(", ");
    } catch {
      // no procfs: the message goes without the list
    }
    return {
      ok: false,
      diagnostics: [
        error(
          RunCode.NO_INTERFACE,
          `no network interface named '${name}'`,
          known ? { hint: `interfaces here: ${known}` } : {},
        ),
      ],
    };
  }
}

/** Tracepoint names in tracefs available_events closest to `id` (category/name). */
export function closestTracepoints(id: string, limit = 3): string[] {
  const fs = ensureTracefs();
  if (!fs.ok) return [];
  let names: string[];
  try {
    names = readFileSync(`${fs.value}/available_events`, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => l.replace(":", "/"));
  } catch {
    return [];
  }
  return closestNames(id, names, limit);
}

function tracepoint(prog: KernelProgram, spec: ProgramSpec): Attached {
  const id = spec.attachTo ?? spec.section.replace(/^(tracepoint|tp)\//, "");
  const fs = ensureTracefs();
  if (!fs.ok) return refused(RunCode.NO_TRACEFS, fs.message);
  const slash = id.indexOf("/");
  if (slash > 0 && !existsSync(`${fs.value}/events/${id}`)) {
    const near = closestTracepoints(id);
    return refused(
      RunCode.UNKNOWN_TRACEPOINT,
      `${spec.name}: this kernel has no tracepoint ${id}`,
      near.length
        ? `did you mean ${near.join(", ")}? (${fs.value}/available_events lists them all)`
        : undefined,
    );
  }
  return fromKernel(attachTracepoint(prog.fd, id), spec);
}

function xdp(prog: KernelProgram, spec: ProgramSpec, o: AttachOptions): Attached {
  if (!o.iface) return refused(RunCode.ATTACH_TARGET, `${spec.name} is an XDP program: pass --iface <name>`);
  const ifindex = interfaceIndex(o.iface);
  if (!ifindex.ok) return ifindex;
  // native (driver) mode first; drivers without XDP support refuse it and generic mode always works
  const native = attachXdp(prog.fd, ifindex.value, XdpFlags.DRV_MODE);
  if (native.ok)
    return {
      ok: true,
      value: {
        description: `${native.value.description} (${o.iface}, driver mode)`,
        close: () => native.value.close(),
      },
    };
  const generic = attachXdp(prog.fd, ifindex.value, XdpFlags.SKB_MODE);
  if (generic.ok)
    return {
      ok: true,
      value: {
        description: `${generic.value.description} (${o.iface}, generic mode)`,
        close: () => generic.value.close(),
      },
    };
  return refused(
    RunCode.KERNEL,
    `cannot attach ${spec.name} to ${o.iface}: driver mode: ${native.message}; generic mode: ${generic.message}`,
  );
}

function tc(prog: KernelProgram, spec: ProgramSpec, o: AttachOptions): Attached {
  if (!o.iface) return refused(RunCode.ATTACH_TARGET, `${spec.name} is a tc program: pass --iface <name>`);
  const ifindex = interfaceIndex(o.iface);
  if (!ifindex.ok) return ifindex;
  const direction =
    spec.expectedAttachType === AttachType.TCX_EGRESS || /egress/.test(spec.section) ? "egress" : "ingress";
  return fromKernel(attachTcx(prog.fd, ifindex.value, direction), spec);
}

function probe(prog: KernelProgram, spec: ProgramSpec, o: AttachOptions): Attached {
  const m = /^(uprobe|uretprobe)(?:\.s)?(?:\/(.+))?$/.exec(spec.section);
  if (!m) {
    const pmu = existsSync("/sys/bus/event_source/devices/kprobe");
    return refused(
      RunCode.UNSUPPORTED,
      `${spec.name} (${spec.section}): ${pmu ? "tsbpf run does not attach kprobes" : "this kernel refuses kprobes: it has no kprobe PMU (built without CONFIG_KPROBE_EVENTS)"}`,
      'use a tracepoint (tracepoint("syscalls/sys_enter_...")) or a raw tracepoint instead',
    );
  }
  const text = m[2] ?? o.uprobe;
  if (!text)
    return refused(
      RunCode.ATTACH_TARGET,
      `${spec.name} is a ${m[1]} without a target: pass --uprobe <binary>:<function>`,
    );
  const target = parseUprobeTarget(text, m[1] === "uretprobe");
  if (!target.ok) return refused(RunCode.USAGE, target.message);
  return fromKernel(
    attachUprobe(prog.fd, { ...target.value, ...(o.pid !== undefined ? { pid: o.pid } : {}) }),
    spec,
  );
}

/** Attaches one loaded program where its type and section say, with the session's options. */
export function attachProgram(prog: KernelProgram, spec: ProgramSpec, o: AttachOptions): Attached {
  switch (spec.type) {
    case "TRACEPOINT":
      return tracepoint(prog, spec);
    case "RAW_TRACEPOINT":
    case "RAW_TRACEPOINT_WRITABLE":
      return fromKernel(
        attachRawTracepoint(prog.fd, spec.attachTo ?? spec.section.replace(/^raw_(tracepoint|tp)\//, "")),
        spec,
      );
    case "XDP":
      return xdp(prog, spec, o);
    case "SCHED_CLS":
      return tc(prog, spec, o);
    case "CGROUP_SKB":
      return fromKernel(
        attachCgroup(
          prog.fd,
          o.cgroup ?? "/sys/fs/cgroup",
          spec.expectedAttachType ?? AttachType.CGROUP_INET_INGRESS,
        ),
        spec,
      );
    case "SOCKET_FILTER": {
      if (o.socketFd === undefined)
        return refused(
          RunCode.ATTACH_TARGET,
          `${spec.name} is a socket filter: pass --socket-fd <fd> (a socket this process inherited)`,
          "or attach it from Node with attachSocketFilter(program.fd, socketFd) from tsbpf/kernel",
        );
      return fromKernel(attachSocketFilter(prog.fd, o.socketFd), spec);
    }
    case "KPROBE":
      return probe(prog, spec, o);
    case "TRACING":
    case "LSM": {
      const r = attachRawTracepoint(prog.fd, undefined);
      if (r.ok) return r;
      return unsupported(spec, r);
    }
    default:
      return refused(RunCode.UNSUPPORTED, `tsbpf run does not attach ${spec.type} programs (${spec.name})`);
  }
}

function unsupported(spec: ProgramSpec, e: KernelError): Attached {
  return refused(
    RunCode.UNSUPPORTED,
    `this kernel refuses to attach ${spec.section} (${spec.name}): ${e.message}`,
  );
}
