import { DiagnosticError, error } from "../../diag/diagnostic.js";
import { TestingCode } from "../codes.js";

/** An address as text ("10.0.0.1", "fe80::1", "02:00:00:00:00:01") or as its bytes. */
export type Address = string | Uint8Array | readonly number[];

function bad(what: string, value: unknown, hint?: string): never {
  throw new DiagnosticError([
    error(TestingCode.PACKET, `${what}: cannot use ${JSON.stringify(value)}`, hint ? { hint } : {}),
  ]);
}

function fromBytes(what: string, value: Uint8Array | readonly number[], length: number): Uint8Array {
  if (value.length !== length || Array.from(value).some((b) => !Number.isInteger(b) || b < 0 || b > 255))
    bad(what, Array.from(value), `pass ${length} bytes`);
  return Uint8Array.from(value);
}

/** Dotted-quad IPv4 address (RFC 791) to its 4 bytes, network order. */
export function ipv4Bytes(value: Address, what = "IPv4 address"): Uint8Array {
  if (typeof value !== "string") return fromBytes(what, value, 4);
  const parts = value.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
    bad(what, value, 'write it as four decimal bytes, e.g. "10.0.0.1"');
  return Uint8Array.from(parts.map(Number));
}

/**
 * IPv6 address text (RFC 4291 §2.2: hex groups, one "::" for a run of zero groups, an optional
 * dotted-quad tail) to its 16 bytes.
 */
export function ipv6Bytes(value: Address, what = "IPv6 address"): Uint8Array {
  if (typeof value !== "string") return fromBytes(what, value, 16);
  const hint = 'write it as RFC 4291 text, e.g. "fe80::1" or "::ffff:10.0.0.1"';
  let text = value;
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    // a dotted-quad tail stands for the last two groups
    const v4 = ipv4Bytes(text.slice(lastColon + 1), what);
    const g = (i: number): string => ((v4[i]! << 8) | v4[i + 1]!).toString(16);
    text = `${text.slice(0, lastColon + 1)}${g(0)}:${g(2)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) bad(what, value, hint);
  const groups = (s: string): number[] =>
    s === ""
      ? []
      : s.split(":").map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : bad(what, value, hint)));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const known = head.length + rest.length;
  let words: number[];
  if (halves.length === 2) {
    if (known > 7) bad(what, value, hint);
    words = [...head, ...new Array<number>(8 - known).fill(0), ...rest];
  } else {
    words = head;
    if (words.length !== 8) bad(what, value, hint);
  }
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** MAC address text ("02:00:00:00:00:01", '-' separators too) to its 6 bytes. */
export function macBytes(value: Address, what = "MAC address"): Uint8Array {
  if (typeof value !== "string") return fromBytes(what, value, 6);
  const parts = value.split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p)))
    bad(what, value, 'write it as six hex bytes, e.g. "02:00:00:00:00:01"');
  return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

export function formatIpv4(b: Uint8Array): string {
  return Array.from(b).join(".");
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest run (≥ 2) of zero groups as "::". */
export function formatIpv6(b: Uint8Array): string {
  const words = Array.from({ length: 8 }, (_, i) => (b[2 * i]! << 8) | b[2 * i + 1]!);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (ws: number[]): string => ws.map((w) => w.toString(16)).join(":");
  if (best < 0) return hex(words);
  return `${hex(words.slice(0, best))}::${hex(words.slice(best + bestLen))}`;
}

export function formatMac(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(":");
}
