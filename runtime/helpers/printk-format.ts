/**
 * bpf_trace_printk / bpf_snprintf formatting with the kernel's rules (kernel/bpf/helpers.c
 * bpf_bprintf_prepare, then bstr_printf): at most `maxArgs` conversions; only %d %i %u %x %X with
 * optional l / ll, %c, %s, %p (plain, K, x), %pks / %pus, %pI4 %pi4 %pI6 %pi6 and %%; flags
 * `0 + - space`, a width and a precision; a format with anything else (or non-ASCII, non-printable
 * bytes) is refused (-EINVAL). Without `l`, integers are 32-bit as C's `int`.
 *
 * Deviation: the kernel prints plain %p hashed ("(____ptrval____)" early at boot, a keyed hash
 * later); tsbpf prints it like %px so that output is reproducible.
 */

export interface FormatArgs {
  readonly args: readonly bigint[];
  /** Reads a string for %s / %pks / %pus (undefined: unreadable, printed as the kernel does). */
  readString(addr: bigint, space: "kernel" | "user" | "compat"): string | undefined;
  /** Reads `len` bytes for %pI4 / %pI6 (undefined: unreadable). */
  readBytes(addr: bigint, len: number): Uint8Array | undefined;
}

export type FormatResult = { ok: true; text: string } | { ok: false; reason: string };

interface Spec {
  left: boolean;
  zero: boolean;
  plus: boolean;
  space: boolean;
  width: number;
  precision: number | undefined;
}

function pad(body: string, sign: string, spec: Spec, numeric: boolean): string {
  let digits = body;
  if (numeric && spec.precision !== undefined) digits = digits.padStart(spec.precision, "0");
  const len = sign.length + digits.length;
  if (len >= spec.width) return sign + digits;
  const fill = spec.width - len;
  if (spec.left) return sign + digits + " ".repeat(fill);
  if (spec.zero && numeric && spec.precision === undefined) return sign + "0".repeat(fill) + digits;
  return " ".repeat(fill) + sign + digits;
}

const hex = (b: number): string => b.toString(16).padStart(2, "0");

function ip(bytes: Uint8Array, kind: string): string {
  switch (kind) {
    case "I4":
      return Array.from(bytes).join(".");
    case "i4":
      return Array.from(bytes, (b) => String(b).padStart(3, "0")).join(".");
    case "I6": {
      const groups: string[] = [];
      for (let i = 0; i < 16; i += 2) groups.push(hex(bytes[i]!) + hex(bytes[i + 1]!));
      return groups.join(":");
    }
    default:
      return Array.from(bytes, hex).join("");
  }
}

export function formatPrintk(fmt: string, a: FormatArgs, maxArgs: number): FormatResult {
  let out = "";
  let argi = 0;
  const next = (): bigint | undefined => (argi < a.args.length ? a.args[argi++] : undefined);
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt.charCodeAt(i);
    if (ch > 0x7f || (ch < 0x20 && !(ch >= 0x09 && ch <= 0x0d))) {
      return { ok: false, reason: `format byte 0x${ch.toString(16)} at ${i} is not printable ASCII` };
    }
    if (fmt[i] !== "%") {
      out += fmt[i];
      continue;
    }
    if (fmt[i + 1] === "%") {
      out += "%";
      i++;
      continue;
    }
    const start = i;
    i++;
    const spec: Spec = {
      left: false,
      zero: false,
      plus: false,
      space: false,
      width: 0,
      precision: undefined,
    };
    for (; "0+- ".includes(fmt[i] ?? "x"); i++) {
      if (fmt[i] === "-") spec.left = true;
      else if (fmt[i] === "0") spec.zero = true;
      else if (fmt[i] === "+") spec.plus = true;
      else spec.space = true;
    }
    let w = "";
    for (; /[0-9]/.test(fmt[i] ?? ""); i++) w += fmt[i];
    spec.width = w ? Number(w) : 0;
    if (fmt[i] === ".") {
      let p = "";
      for (i++; /[0-9]/.test(fmt[i] ?? ""); i++) p += fmt[i];
      spec.precision = p ? Number(p) : 0;
    }
    if (argi >= maxArgs) return { ok: false, reason: `more than ${maxArgs} conversions` };
    const conv = fmt[i];
    if (conv === "p") {
      const v = BigInt.asUintN(64, next() ?? 0n);
      const m1 = fmt[i + 1] ?? "";
      const m2 = fmt[i + 2] ?? "";
      if ((m1 === "k" || m1 === "u") && m2 === "s") {
        i += 2;
        const s = a.readString(v, m1 === "k" ? "kernel" : "user");
        out += pad(s === undefined ? "(efault)" : s.slice(0, spec.precision), "", spec, false);
        continue;
      }
      if ((m1 === "i" || m1 === "I") && (m2 === "4" || m2 === "6")) {
        i += 2;
        const bytes = a.readBytes(v, m2 === "4" ? 4 : 16);
        out += pad(bytes ? ip(bytes, m1 + m2) : "(efault)", "", spec, false);
        continue;
      }
      if (m1 === "K" || m1 === "x" || m1 === "S" || m1 === "s" || m1 === "B") i++;
      else if (/[A-Za-z0-9]/.test(m1)) return { ok: false, reason: `unsupported pointer format %p${m1}` };
      out += pad(v.toString(16).padStart(16, "0"), "", spec, false);
      continue;
    }
    if (conv === "s") {
      const v = next() ?? 0n;
      const s = a.readString(BigInt.asUintN(64, v), "compat");
      out += pad(s === undefined ? "(efault)" : s.slice(0, spec.precision), "", spec, false);
      continue;
    }
    if (conv === "c") {
      const v = Number(BigInt.asUintN(8, next() ?? 0n));
      out += pad(String.fromCharCode(v), "", spec, false);
      continue;
    }
    let bits = 32;
    if (fmt[i] === "l") {
      bits = 64;
      i++;
      if (fmt[i] === "l") i++;
    }
    const c = fmt[i];
    if (c !== "d" && c !== "i" && c !== "u" && c !== "x" && c !== "X") {
      return { ok: false, reason: `unsupported conversion ${fmt.slice(start, i + 1)}` };
    }
    const raw = next() ?? 0n;
    if (c === "d" || c === "i") {
      const v = BigInt.asIntN(bits, raw);
      const sign = v < 0n ? "-" : spec.plus ? "+" : spec.space ? " " : "";
      out += pad((v < 0n ? -v : v).toString(), sign, spec, true);
    } else {
      const v = BigInt.asUintN(bits, raw);
      const body = c === "u" ? v.toString() : c === "x" ? v.toString(16) : v.toString(16).toUpperCase();
      out += pad(body, "", spec, true);
    }
  }
  return { ok: true, text: out };
}
