import { existsSync, readFileSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";
import { PerfEventAttrLayout, AttrWriter } from "./attr.js";
import { findElfFunction } from "./elf-symbols.js";
import { type KernelResult, kernelError, success, usageError } from "./errors.js";
import type { KernelLink } from "./kernel-link.js";
import { loadLibc } from "./libc.js";
import { withArena } from "./memory.js";
import { Perf } from "./perf.js";
import { attachPerfEvent } from "./perf-link.js";

const PMU = "/sys/bus/event_source/devices/uprobe";

export interface UprobeTarget {
  /** The executable or library: a path, or a program name looked up in $PATH. */
  readonly binary: string;
  /** Function whose entry (or return) is probed, resolved from the ELF symbol table. */
  readonly symbol?: string;
  /** File offset to probe instead of a symbol (or added to the symbol's). */
  readonly offset?: number;
  /** A uretprobe: fires when the function returns. */
  readonly retprobe?: boolean;
  /** Only this process (default −1: every process that maps the file). */
  readonly pid?: number;
}

/** "uprobe/<binary>:<symbol>" targets, and "<binary>:<symbol>" / "<binary>:0x1f0" as users type them. */
export function parseUprobeTarget(text: string, retprobe = false): KernelResult<UprobeTarget> {
  const colon = text.lastIndexOf(":");
  if (colon <= 0 || colon === text.length - 1)
    return usageError(
      `uprobe target '${text}' is not of the form <binary>:<function> or <binary>:0x<offset>`,
    );
  const binary = text.slice(0, colon);
  const what = text.slice(colon + 1);
  if (/^0x[0-9a-f]+$/i.test(what) || /^\d+$/.test(what))
    return success({ binary, offset: Number(what), retprobe });
  const plus = /^(.+)\+(0x[0-9a-f]+|\d+)$/i.exec(what);
  if (plus) return success({ binary, symbol: plus[1]!, offset: Number(plus[2]), retprobe });
  return success({ binary, symbol: what, retprobe });
}

/** A binary given by name ("bash") resolved through $PATH, as bpftrace and libbpf do. */
export function resolveBinary(binary: string): KernelResult<string> {
  if (isAbsolute(binary) || binary.includes("/"))
    return existsSync(binary) ? success(binary) : usageError(`no such file: ${binary}`, 2);
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, binary);
    if (dir && existsSync(candidate)) return success(candidate);
  }
  return usageError(`'${binary}' is not a path and is not found in $PATH`, 2);
}

/** The uprobe PMU's type and its retprobe config bit (sysfs, as libbpf's determine_uprobe_*). */
function uprobePmu(): KernelResult<{ type: number; retprobeBit: number }> {
  try {
    const type = Number.parseInt(readFileSync(`${PMU}/type`, "utf8").trim(), 10);
    const format = readFileSync(`${PMU}/format/retprobe`, "utf8").trim(); // "config:0"
    const bit = Number.parseInt(format.split(":")[1] ?? "0", 10);
    return success({ type, retprobeBit: bit });
  } catch {
    return usageError(
      `this kernel has no uprobe PMU (${PMU}): it was built without CONFIG_UPROBE_EVENTS`,
      95,
    );
  }
}

/**
 * Attaches a KPROBE-type program to a user-space function: perf_event_open on the uprobe PMU
 * with `uprobe_path` (config1) and `probe_offset` (config2), the file offset found in the
 * binary's symbol table; then a perf-event link (kernel: perf_uprobe_init, uprobe_register).
 */
export function attachUprobe(progFd: number, target: UprobeTarget): KernelResult<KernelLink> {
  const path = resolveBinary(target.binary);
  if (!path.ok) return path;
  let offset = target.offset ?? 0;
  if (target.symbol !== undefined) {
    const fn = findElfFunction(path.value, target.symbol);
    if (!fn.ok) return fn;
    offset += fn.value.fileOffset;
  }
  const pmu = uprobePmu();
  if (!pmu.ok) return pmu;
  const libc = loadLibc();
  if (!libc.ok) return libc;
  const pid = target.pid ?? -1;
  const what = `${target.retprobe ? "uretprobe" : "uprobe"} ${path.value}:${target.symbol ?? ""}${
    target.symbol && !target.offset ? "" : `+0x${offset.toString(16)}`
  }`;
  const perf = withArena((arena): KernelResult<number> => {
    const block = arena.alloc(PerfEventAttrLayout.size);
    const pathBlock = arena.cstring(path.value);
    new AttrWriter(PerfEventAttrLayout, block.view)
      .u32("type", pmu.value.type)
      .u32("size", PerfEventAttrLayout.size)
      .u64("config", target.retprobe ? 1n << BigInt(pmu.value.retprobeBit) : 0n)
      .u64("config1", pathBlock.address)
      .u64("config2", BigInt(offset))
      .u64("sample_period", 1n)
      .u32("wakeup_events", 1);
    // every process: pid −1 on CPU 0 (the probe is on the inode, so it fires on every CPU)
    const fd = libc.value.perfEventOpen(block.pointer, pid, pid === -1 ? 0 : -1, -1, Perf.FLAG_FD_CLOEXEC);
    if (fd < 0) return kernelError(`perf_event_open(${what})`, libc.value.errno());
    return success(fd);
  });
  if (!perf.ok) return perf;
  return attachPerfEvent(progFd, perf.value, what);
}
