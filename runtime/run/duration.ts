/**
 * "10s", "500ms", "2m", "1h" or a bare number of seconds, as milliseconds; undefined when the text
 * is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "s"] ?? 1000;
  const ms = n * unit;
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
}
