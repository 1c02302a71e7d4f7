import { existsSync, readFileSync } from "node:fs";
import { type KernelResult, kernelError, success, usageError } from "./errors.js";
import { loadLibc } from "./libc.js";

/** Where tracefs lives on current kernels, and where older setups expose it through debugfs. */
const TRACEFS_CANDIDATES = ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"];
const BPFFS = "/sys/fs/bpf";

/** Filesystem type mounted at `path` according to /proc/self/mounts, if any. */
export function mountedFsType(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync("/proc/self/mounts", "utf8");
  } catch {
    return undefined;
  }
  let type: string | undefined;
  for (const line of text.split("\n")) {
    const [, mountPoint, fsType] = line.split(" ");
    if (mountPoint === path) type = fsType; // the last mount on a path is the visible one
  }
  return type;
}

let tracefsPath: KernelResult<string> | undefined;

/**
 * The tracefs directory (with `events/`), mounting tracefs at /sys/kernel/tracing when it is not
 * mounted and we are root. A KernelError says what to do otherwise.
 */
export function ensureTracefs(): KernelResult<string> {
  if (tracefsPath?.ok) return tracefsPath;
  tracefsPath = findOrMountTracefs();
  return tracefsPath;
}

function findOrMountTracefs(): KernelResult<string> {
  for (const dir of TRACEFS_CANDIDATES) if (existsSync(`${dir}/events`)) return success(dir);
  const target = TRACEFS_CANDIDATES[0]!;
  if (process.getuid?.() !== 0) {
    return usageError(
      `tracefs is not mounted and mounting it needs root: run 'mount -t tracefs tracefs ${target}' as root`,
      1,
    );
  }
  const mounted = mount("tracefs", target, "tracefs");
  if (!mounted.ok) return mounted;
  if (!existsSync(`${target}/events`))
    return usageError(`mounted tracefs at ${target} but it has no events/ directory`, 2);
  return success(target);
}

/** The bpffs mount for pinning (/sys/fs/bpf), mounting it when missing and we are root. */
export function ensureBpffs(): KernelResult<string> {
  if (mountedFsType(BPFFS) === "bpf") return success(BPFFS);
  if (process.getuid?.() !== 0) {
    return usageError(
      `no bpf filesystem at ${BPFFS} and mounting one needs root: run 'mount -t bpf bpf ${BPFFS}'`,
      1,
    );
  }
  if (!existsSync(BPFFS)) return usageError(`${BPFFS} does not exist (is sysfs mounted?)`, 2);
  const mounted = mount("bpf", BPFFS, "bpf");
  return mounted.ok ? success(BPFFS) : mounted;
}

function mount(source: string, target: string, fstype: string): KernelResult<void> {
  const libc = loadLibc();
  if (!libc.ok) return libc;
  if (libc.value.mount(source, target, fstype, 0, null) < 0) {
    return kernelError(`mount -t ${fstype} ${source} ${target}`, libc.value.errno());
  }
  return success(undefined);
}

/**
 * The id of tracepoint `category/name` (tracefs events/<category>/<name>/id), which
 * perf_event_open takes as `config` for PERF_TYPE_TRACEPOINT.
 */
export function tracepointId(category: string, name: string): KernelResult<number> {
  if (!/^[\w.-]+$/.test(category) || !/^[\w.-]+$/.test(name)) {
    return usageError(`'${category}/${name}' is not a tracepoint name`);
  }
  const fs = ensureTracefs();
  if (!fs.ok) return fs;
  const file = `${fs.value}/events/${category}/${name}/id`;
  try {
    return success(Number.parseInt(readFileSync(file, "utf8").trim(), 10));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return usageError(`no tracepoint ${category}/${name} (${file} does not exist)`, 2);
    return usageError(`cannot read ${file}: ${(e as Error).message}`, code === "EACCES" ? 13 : 5);
  }
}
