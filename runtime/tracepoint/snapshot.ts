import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Writes the tracefs format files of the categories tsbpf's stdlib and examples use into one JSON
 * object, so tracepoint contexts work in the VM on machines without tracefs (CI containers, macOS).
 * Regenerate with `node dist/runtime/tracepoint/snapshot.js > runtime/tracepoint/formats.json`.
 */
export const SNAPSHOT_CATEGORIES = [
  "syscalls",
  "raw_syscalls",
  "sched",
  "signal",
  "task",
  "net",
  "sock",
  "tcp",
  "udp",
  "skb",
  "xdp",
  "napi",
  "irq",
  "timer",
  "oom",
  "block",
] as const;

/** Keeps the lines the parser reads; `print fmt:` is long and unused. */
function trimFormat(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("print fmt:"))
    .join("\n")
    .trimEnd();
}

export function snapshotTracefs(root: string): Record<string, string> {
  const formats: Record<string, string> = {};
  for (const category of SNAPSHOT_CATEGORIES) {
    const dir = join(root, "events", category);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name, "format");
      if (existsSync(file)) formats[`${category}/${name}`] = trimFormat(readFileSync(file, "utf8"));
    }
  }
  return formats;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""))) {
  const root = process.argv[2] ?? "/sys/kernel/tracing";
  process.stdout.write(JSON.stringify(snapshotTracefs(root), null, 0) + "\n");
}
