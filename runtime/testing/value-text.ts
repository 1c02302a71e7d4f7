import type { LayoutValue } from "../layout/types.js";

/**
 * Values as text for map printing and failure messages: integers in decimal, strings as they
 * are (bpftrace prints `comm` keys bare), bytes in hex, arrays in brackets and structs in braces,
 * so one map entry is one line and snapshots diff line by line.
 */
export function valueText(v: unknown): string {
  if (typeof v === "bigint" || typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return `<${Array.from(v, (b) => b.toString(16).padStart(2, "0")).join(" ")}>`;
  if (Array.isArray(v)) return `[${v.map(valueText).join(", ")}]`;
  if (v && typeof v === "object")
    return `{ ${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${valueText(x)}`)
      .join(", ")} }`;
  return String(v);
}

/** A map key as bpftrace prints it inside `@name[...]`: struct keys as their fields, comma-separated. */
export function keyText(k: unknown): string {
  if (k && typeof k === "object" && !Array.isArray(k) && !(k instanceof Uint8Array))
    return Object.values(k as Record<string, unknown>)
      .map(valueText)
      .join(", ");
  return valueText(k);
}

/** Orders integers numerically and anything else by its text. */
export function compareValues(a: LayoutValue | unknown, b: LayoutValue | unknown): number {
  const num = (x: unknown): bigint | undefined =>
    typeof x === "bigint" ? x : typeof x === "number" && Number.isInteger(x) ? BigInt(x) : undefined;
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  const s = keyText(a);
  const t = keyText(b);
  return s < t ? -1 : s > t ? 1 : 0;
}
