import { execFileSync } from "node:child_process";
import { readdirSync, readlinkSync } from "node:fs";
import { kernelAvailability } from "../../runtime/kernel/availability.js";
import { runKernelSession, type SessionResult } from "../../runtime/run/kernel-session.js";
import type { RunSessionOptions } from "../../runtime/run/session-options.js";
import { findTool } from "../support/tools.js";

/** Why live-kernel tests cannot run here, or undefined when they can. */
export function kernelSkipReason(): string | undefined {
  if (process.platform !== "linux") return "not Linux";
  if (process.getuid?.() !== 0) return `not root (uid ${process.getuid?.()})`;
  const a = kernelAvailability();
  return a.ok ? undefined : a.reason;
}

export interface SessionRun {
  readonly result: SessionResult;
  /** Parsed JSON lines of stdout. */
  readonly lines: Array<Record<string, unknown>>;
  readonly err: string;
}

/**
 * Runs a kernel session with JSON output in this process: `action` runs once everything is
 * attached, then the session is stopped (as Ctrl-C would) and its output parsed.
 */
export async function session(
  options: Omit<RunSessionOptions, "json" | "signal" | "onAttached">,
  action: () => void | Promise<void>,
): Promise<SessionRun> {
  const stop = new AbortController();
  let out = "";
  let err = "";
  let acted: Promise<void> | undefined;
  const running = runKernelSession(
    {
      ...options,
      json: true,
      signal: stop.signal,
      onAttached: () => {
        acted = (async () => {
          try {
            await action();
            // let the last records reach the ring buffer consumer's wait
            await new Promise((r) => setTimeout(r, 100));
          } finally {
            stop.abort();
          }
        })();
      },
    },
    {
      out: (t) => void (out += t.endsWith("\n") ? t : t + "\n"),
      err: (t) => void (err += t.endsWith("\n") ? t : t + "\n"),
    },
  );
  const result = await running;
  await acted;
  const lines = out
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { result, lines, err };
}

/** The final JSON snapshot of map `name`. */
export function finalMap(lines: SessionRun["lines"], name: string): Array<{ key: unknown; value: unknown }> {
  const m = lines.filter((l) => l.type === "map" && l.name === name && l.final === true).at(-1);
  if (!m) throw new Error(`no final snapshot of ${name} in the output`);
  return m.entries as Array<{ key: unknown; value: unknown }>;
}

/** bpf objects (prog/map/link/perf event fds) this process holds, by /proc/self/fd. */
export function heldBpfFds(): string[] {
  const out: string[] = [];
  for (const fd of readdirSync("/proc/self/fd")) {
    let target = "";
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (/bpf|perf_event/.test(target)) out.push(`${fd} ${target}`);
  }
  return out.sort();
}

export interface KernelObjects {
  readonly progs: ReadonlyArray<{ id: number; name?: string }>;
  readonly maps: ReadonlyArray<{ id: number; name?: string }>;
  readonly links: ReadonlyArray<{ id: number; prog_id?: number }>;
}

/** `bpftool -j prog/map/link list`: what the kernel holds, machine-wide. */
export function kernelObjects(): KernelObjects | undefined {
  if (!findTool("bpftool")) return undefined;
  const list = <T>(kind: string): T[] =>
    JSON.parse(execFileSync("bpftool", ["-j", kind, "list"], { encoding: "utf8" }) || "[]") as T[];
  return { progs: list("prog"), maps: list("map"), links: list("link") };
}

/**
 * Objects that appeared between `before` and now and carry one of `names` (other helpers'
 * tests load programs on the same kernel at the same time, so only ours are looked at), and
 * links of such programs.
 */
export function leakedObjects(before: KernelObjects | undefined, names: readonly string[]): string[] {
  const after = kernelObjects();
  if (!before || !after) return [];
  const wanted = new Set(names.map((n) => n.slice(0, 15)));
  const isNew = (list: ReadonlyArray<{ id: number }>, id: number): boolean => !list.some((o) => o.id === id);
  const progs = after.progs.filter((p) => isNew(before.progs, p.id) && p.name && wanted.has(p.name));
  const maps = after.maps.filter((m) => isNew(before.maps, m.id) && m.name && wanted.has(m.name));
  const links = after.links.filter((l) => isNew(before.links, l.id) && progs.some((p) => p.id === l.prog_id));
  return [
    ...progs.map((p) => `prog ${p.id} ${p.name}`),
    ...maps.map((m) => `map ${m.id} ${m.name}`),
    ...links.map((l) => `link ${l.id} (prog ${l.prog_id})`),
  ];
}
