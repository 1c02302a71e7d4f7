import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { error, fail, type Result } from "../diag/diagnostic.js";
import { parseTracepointFormat, TracepointCode, type TracepointFormat } from "./format.js";
import snapshot from "./formats.json" with { type: "json" };

const SNAPSHOT: Readonly<Record<string, string>> = snapshot;
const TRACEFS_ROOTS = ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"];
const cache = new Map<string, Result<TracepointFormat>>();

export interface CatalogOptions {
  /** Read the running kernel's tracefs first (default true); the bundled snapshot is the fallback. */
  readonly live?: boolean;
}

function liveFormat(id: string): string | undefined {
  for (const root of TRACEFS_ROOTS) {
    const file = join(root, "events", id, "format");
    if (existsSync(file)) {
      try {
        return readFileSync(file, "utf8");
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Every tracepoint name the catalog knows without a kernel, `category/name`. */
export function knownTracepoints(): string[] {
  return Object.keys(SNAPSHOT);
}

/** Closest known names to a misspelt one (for "unknown tracepoint" messages). */
export function suggestTracepoints(id: string, limit = 3): string[] {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cur = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
    }
    return row[b.length]!;
  };
  return knownTracepoints()
    .map((name) => [name, distance(id, name)] as const)
    .sort((x, y) => x[1] - y[1])
    .slice(0, limit)
    .map(([name]) => name);
}

/**
 * The record layout of tracepoint `category/name`: from the live tracefs when mounted, else from
 * the snapshot taken on Linux 6.18 (runtime/tracepoint/formats.json).
 */
export function tracepointFormat(id: string, options: CatalogOptions = {}): Result<TracepointFormat> {
  const key = `${options.live === false ? "snap" : "live"}:${id}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const slash = id.indexOf("/");
  let result: Result<TracepointFormat>;
  const text = (options.live === false ? undefined : liveFormat(id)) ?? SNAPSHOT[id];
  if (slash <= 0 || text === undefined) {
    const hint = suggestTracepoints(id);
    result = fail(
      error(TracepointCode.UNKNOWN, `unknown tracepoint "${id}"`, {
        hint: `tracepoints are named category/name; did you mean ${hint.join(", ")}?`,
      }),
    );
  } else {
    result = parseTracepointFormat(text, id.slice(0, slash), `${id}/format`);
  }
  cache.set(key, result);
  return result;
}
