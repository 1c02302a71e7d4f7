/**
 * bpftrace's text output for hist() and lhist() maps, byte for byte as bpftrace v0.17 prints it
 * (src/output.cpp: TextOutput::hist_to_str, lhist_to_str, map_keyval_to_str; checked against the
 * real bpftrace by test/maps/hist-format.test.ts):
 *
 *     @usecs:
 *     [4, 8)                12 |@@@@@                                               |
 *
 * Each row is the bucket label left-aligned in 16 columns, the count right-aligned in 8, then a
 * bar of '@' scaled to the largest count over 52 columns (computed in single precision and
 * truncated, as bpftrace's `values[i] / (float)max * 52` is). Only the rows from the first to the
 * last non-zero bucket are printed.
 */

export type Count = number | bigint;

const BAR_WIDTH = 52;

/** bpftrace's hist_index_label: 2^power with a K/M/G/T suffix for powers of 1024. */
export function log2Label(power: number): string {
  let suffix = "";
  if (power >= 40) {
    suffix = "T";
    power -= 40;
  } else if (power >= 30) {
    suffix = "G";
    power -= 30;
  } else if (power >= 20) {
    suffix = "M";
    power -= 20;
  } else if (power >= 10) {
    suffix = "K";
    power -= 10;
  }
  return `${2 ** power}${suffix}`;
}

/** bpftrace's lhist_index_label: exact multiples of 1M or 1K get a suffix. */
export function linearLabel(n: number): string {
  if (n === 0) return "0";
  if (n % 1048576 === 0) return `${n / 1048576}M`;
  if (n % 1024 === 0) return `${n / 1024}K`;
  return String(n);
}

/** Label of log2 bucket `index` (0: negative values, 1: zero, 2: one, i ≥ 3: [2^(i-2), 2^(i-1))). */
export function log2BucketLabel(index: number): string {
  if (index === 0) return "(..., 0)";
  if (index === 1) return "[0]";
  if (index === 2) return "[1]";
  return `[${log2Label(index - 2)}, ${log2Label(index - 1)})`;
}

/** Label of lhist bucket `index` (0: below min, buckets + 1: at or above max). */
export function linearBucketLabel(index: number, min: number, max: number, step: number): string {
  const buckets = Math.floor((max - min) / step);
  if (index === 0) return `(..., ${linearLabel(min)})`;
  if (index === buckets + 1) return `[${linearLabel(max)}, ...)`;
  return `[${linearLabel((index - 1) * step + min)}, ${linearLabel(index * step + min)})`;
}

function num(c: Count | undefined): number {
  return c === undefined ? 0 : Number(c);
}

function row(label: string, count: number, max: number): string {
  const width = Math.trunc(Math.fround(Math.fround(Math.fround(count) / Math.fround(max)) * BAR_WIDTH));
  const bar = "@".repeat(Math.max(0, width));
  return `${label.padEnd(16)}${String(count).padStart(8)} |${bar.padEnd(BAR_WIDTH)}|\n`;
}

/** The rows of a log2 histogram; counts[i] is bucket i's count. Empty string when all are zero. */
export function formatHist(counts: ArrayLike<Count | undefined>): string {
  let first = -1;
  let last = -1;
  let max = 0;
  for (let i = 0; i < counts.length; i++) {
    const v = num(counts[i]);
    if (v > 0) {
      if (first < 0) first = i;
      last = i;
    }
    if (v > max) max = v;
  }
  if (last < 0) return "";
  let out = "";
  for (let i = first; i <= last; i++) out += row(log2BucketLabel(i), num(counts[i]), max);
  return out;
}

/** The rows of a linear histogram lhist(min, max, step). Empty string when all are zero. */
export function formatLhist(
  counts: ArrayLike<Count | undefined>,
  min: number,
  max: number,
  step: number,
): string {
  const buckets = Math.floor((max - min) / step);
  let maxValue = 0;
  let any = false;
  for (let i = 0; i < counts.length; i++) {
    const v = num(counts[i]);
    if (v !== 0) any = true;
    if (v > maxValue) maxValue = v;
  }
  if (!any) return "";
  let first = -1;
  let last = 0;
  for (let i = 0; i <= buckets + 1; i++) {
    if (num(counts[i]) > 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) first = 0;
  let out = "";
  for (let i = first; i <= last; i++)
    out += row(linearBucketLabel(i, min, max, step), num(counts[i]), maxValue);
  return out;
}

export type HistScale =
  | { readonly kind: "log2" }
  | { readonly kind: "linear"; readonly min: number; readonly max: number; readonly step: number };

/** One histogram of a map: its key as bpftrace prints it (`[1]`, `[bash, 3]`) or none. */
export interface HistEntry {
  readonly key?: string | number | bigint | readonly (string | number | bigint)[];
  readonly counts: ArrayLike<Count | undefined>;
}

function keyText(key: HistEntry["key"]): string {
  if (key === undefined) return "";
  if (Array.isArray(key)) return `[${key.join(", ")}]`;
  return `[${String(key)}]`;
}

/**
 * A whole hist/lhist map as bpftrace prints it at exit or with print(@name): per key `@name[key]: `
 * and its rows, keys ordered by their total count, smallest first (ties keep the given order),
 * entries separated by a blank line and the map followed by one.
 */
export function formatHistMap(name: string, scale: HistScale, entries: readonly HistEntry[]): string {
  const total = (e: HistEntry): number => {
    let t = 0;
    for (let i = 0; i < e.counts.length; i++) t += num(e.counts[i]);
    return t;
  };
  const sorted = entries
    .map((e, i) => ({ e, i, t: total(e) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ e }) => e);
  const parts = sorted.map((e) => {
    const rows =
      scale.kind === "log2" ? formatHist(e.counts) : formatLhist(e.counts, scale.min, scale.max, scale.step);
    return `${name}${keyText(e.key)}: \n${rows}`;
  });
  return `${parts.join("\n")}\n`;
}
