/**
 * Decoded values as `tsbpf run` prints them. Text: integers in decimal, strings bare (quoted when
 * they hold spaces, `=` or nothing), bytes as hex, arrays in brackets, structs as `{a=1, b=2}`;
 * an event is its fields as `name=value` pairs. Padding fields (`pad`, `pad2`, `_x`, `__pad`)
 * are left out of text, where they are noise, but kept in JSON. JSON: integers as numbers while
 * they are exact in a double, as decimal strings beyond that.
 */

/** Fields a person does not want to read in an event line or struct key. */
export function isPaddingField(name: string): boolean {
  return /^_/.test(name) || /^pad\d*$/.test(name);
}

function stringText(s: string): string {
  return s === "" || /[\s="{}]/.test(s) ? JSON.stringify(s) : s;
}

export function valueText(v: unknown): string {
  if (typeof v === "bigint" || typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return stringText(v);
  if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, "0")).join("");
  if (Array.isArray(v)) return `[${v.map(valueText).join(", ")}]`;
  if (v && typeof v === "object") return `{${fieldsText(v as Record<string, unknown>, ", ")}}`;
  return String(v);
}

function fieldsText(o: Record<string, unknown>, separator: string): string {
  return Object.entries(o)
    .filter(([k]) => !isPaddingField(k))
    .map(([k, x]) => `${k}=${valueText(x)}`)
    .join(separator);
}

/** One event as a line: `pid=42 comm=cat filename=/etc/passwd` (a non-struct record as its value). */
export function eventText(v: unknown): string {
  if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array))
    return fieldsText(v as Record<string, unknown>, " ");
  return valueText(v);
}

/** A value made JSON-safe: bigints as numbers when exact, else strings; bytes as hex. */
export function jsonValue(v: unknown): unknown {
  if (typeof v === "bigint")
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : String(v);
  if (v instanceof Uint8Array) return valueText(v);
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, jsonValue(x)]),
    );
  return v;
}

/** Orders integers numerically, everything else by its text. */
export function compareValues(a: unknown, b: unknown): number {
  const num = (x: unknown): bigint | undefined =>
    typeof x === "bigint" ? x : typeof x === "number" && Number.isInteger(x) ? BigInt(x) : undefined;
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  const s = valueText(a);
  const t = valueText(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

/** A per-CPU value (one per CPU) as one: integers and integer fields summed, as bpftrace's count(). */
export function sumPerCpu(values: readonly unknown[]): unknown {
  if (values.length === 0) return undefined;
  const first = values[0];
  if (typeof first === "bigint" || typeof first === "number") {
    let total = 0n;
    for (const v of values) total += BigInt(v as bigint | number);
    return typeof first === "number" && total <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(total) : total;
  }
  if (first && typeof first === "object" && !Array.isArray(first) && !(first instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(first))
      out[k] = sumPerCpu(values.map((v) => (v as Record<string, unknown>)[k]));
    return out;
  }
  return first;
}
