import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { error, fail, type Result } from "../diag/diagnostic.js";
import { parseTracepointFormat, TracepointCode, type TracepointFormat } from "./format.js";
import snapshot from "./formats.json" with { type: "json" };
import { closestNames } from "../diag/closest.js";

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
  return closestNames(id, knownTracepoints(), limit);
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
