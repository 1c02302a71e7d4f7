import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { writeBits } from "./bits.js";
import { sizeOf } from "./build.js";
import { LayoutCode } from "./codes.js";
import { describeLayout, memberNames } from "./describe.js";
import type { Field, Layout } from "./types.js";

const utf8 = new TextEncoder();

export interface EncodeOptions {
  /** Name of the value in messages (`key`, `value`, `event`); default `value`. */
  readonly path?: string;
}

/**
 * Writes a JavaScript value as C data (the inverse of `decode`). Padding and unused CString bytes
 * are written as zero so equal values give equal bytes (map keys compare bytewise). A value that
 * does not fit — out of range, wrong kind, too long, missing or unknown field — is a diagnostic,
 * never a silent truncation; all problems are reported at once. On failure the bytes in `out` are
 * unspecified: encode into scratch space when that matters (`encodeToBytes` does).
 * Returns the number of bytes written.
 */
export function encode(
  layout: Layout,
  value: unknown,
  out: Uint8Array,
  offset = 0,
  options: EncodeOptions = {},
): Result<number> {
  const size = sizeOf(layout);
  const path = options.path ?? "value";
  if (offset < 0 || offset + size > out.length) {
    return fail(
      error(
        LayoutCode.BUFFER_TOO_SMALL,
        `${path}: ${describeLayout(layout)} needs ${size} bytes at offset ${offset}, the buffer has ${out.length}`,
      ),
    );
  }
  const diags: Diagnostic[] = [];
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  write(layout, value, out, view, offset, path, diags);
  return diags.length === 0 ? ok(size) : fail(...diags);
}

/** Encodes into a fresh zeroed buffer of the layout's size. */
export function encodeToBytes(
  layout: Layout,
  value: unknown,
  options: EncodeOptions = {},
): Result<Uint8Array> {
  const out = new Uint8Array(sizeOf(layout));
  const r = encode(layout, value, out, 0, options);
  return r.ok ? ok(out) : r;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Uint8Array) return "a Uint8Array";
  const t = typeof value;
  return t === "object" ? "an object" : `a ${t}`;
}

function wrongType(
  diags: Diagnostic[],
  path: string,
  layout: Layout,
  expected: string,
  value: unknown,
): void {
  diags.push(
    error(
      LayoutCode.WRONG_TYPE,
      `${path}: expected ${expected} for ${describeLayout(layout)}, got ${kindOf(value)}`,
    ),
  );
}

function intRange(size: number, signed: boolean): [bigint, bigint] {
  const bits = BigInt(size * 8);
  return signed ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
}

/** The integer a value stands for, or undefined after reporting why it cannot be one. */
function checkedInt(
  value: unknown,
  size: number,
  signed: boolean,
  bitSize: number,
  layout: Layout,
  path: string,
  diags: Diagnostic[],
): bigint | undefined {
  let v: bigint;
  if (typeof value === "number") {
    if (!Number.isInteger(value)) {
      diags.push(
        error(LayoutCode.NOT_INTEGER, `${path}: ${value} is not an integer (${describeLayout(layout)})`),
      );
      return undefined;
    }
    if (!Number.isSafeInteger(value)) {
      diags.push(
        error(
          LayoutCode.UNSAFE_NUMBER,
          `${path}: ${value} is beyond 2^53 and has lost precision as a number`,
          {
            hint: "pass a bigint (e.g. 1n << 60n) for 64-bit values",
          },
        ),
      );
      return undefined;
    }
    v = BigInt(value);
  } else if (typeof value === "bigint") {
    v = value;
  } else {
    wrongType(diags, path, layout, "a number or bigint", value);
    return undefined;
  }
  const [min, max] = bitSize === size * 8 ? intRange(size, signed) : bitRange(bitSize, signed);
  if (v < min || v > max) {
    const what =
      bitSize === size * 8 ? describeLayout(layout) : `${bitSize}-bit field of ${describeLayout(layout)}`;
    diags.push(error(LayoutCode.INT_RANGE, `${path}: ${v} does not fit ${what} (range ${min}..${max})`));
    return undefined;
  }
  return v;
}

function bitRange(bits: number, signed: boolean): [bigint, bigint] {
  const b = BigInt(bits);
  return signed ? [-(1n << (b - 1n)), (1n << (b - 1n)) - 1n] : [0n, (1n << b) - 1n];
}

function write(
  layout: Layout,
  value: unknown,
  out: Uint8Array,
  view: DataView,
  at: number,
  path: string,
  diags: Diagnostic[],
): void {
  switch (layout.kind) {
    case "int": {
      const v = checkedInt(value, layout.size, layout.signed, layout.size * 8, layout, path, diags);
      if (v === undefined) return;
      writeInt(view, at, layout.size, v);
      return;
    }
    case "pointer": {
      const v = checkedInt(value, 8, false, 64, layout, path, diags);
      if (v !== undefined) view.setBigUint64(at, v, true);
      return;
    }
    case "bool":
      if (typeof value !== "boolean") return wrongType(diags, path, layout, "a boolean", value);
      out[at] = value ? 1 : 0;
      return;
    case "cstring": {
      if (typeof value !== "string") return wrongType(diags, path, layout, "a string", value);
      const bytes = utf8.encode(value);
      if (bytes.includes(0)) {
        diags.push(
          error(
            LayoutCode.STRING_HAS_NUL,
            `${path}: string contains a NUL character, which would end it early`,
          ),
        );
        return;
      }
      if (bytes.length > layout.length - 1) {
        diags.push(
          error(
            LayoutCode.STRING_TOO_LONG,
            `${path}: string of ${bytes.length} bytes does not fit ${describeLayout(layout)} (at most ${layout.length - 1} bytes and the NUL)`,
          ),
        );
        return;
      }
      out.set(bytes, at);
      out.fill(0, at + bytes.length, at + layout.length);
      return;
    }
    case "opaque":
      writeBytes(layout, layout.size, value, out, at, path, diags);
      return;
    case "array": {
      const elem = layout.elem;
      if (elem.kind === "int" && elem.size === 1 && !elem.signed && value instanceof Uint8Array) {
        writeBytes(layout, layout.length, value, out, at, path, diags);
        return;
      }
      if (!Array.isArray(value)) return wrongType(diags, path, layout, "an array", value);
      if (value.length !== layout.length) {
        diags.push(
          error(
            LayoutCode.ARRAY_LENGTH,
            `${path}: ${describeLayout(layout)} needs ${layout.length} elements, got ${value.length}`,
          ),
        );
        return;
      }
      const step = sizeOf(elem);
      for (let i = 0; i < layout.length; i++)
        write(elem, value[i], out, view, at + i * step, `${path}[${i}]`, diags);
      return;
    }
    case "struct":
    case "union": {
      if (
        typeof value !== "object" ||
        value === null ||
        Array.isArray(value) ||
        value instanceof Uint8Array
      ) {
        return wrongType(diags, path, layout, "an object", value);
      }
      const obj = value as Record<string, unknown>;
      const known = new Set(memberNames(layout.fields));
      for (const key of Object.keys(obj)) {
        if (!known.has(key)) {
          diags.push(
            error(LayoutCode.UNKNOWN_FIELD, `${path}: ${describeLayout(layout)} has no field '${key}'`, {
              hint: `fields are: ${[...known].join(", ")}`,
            }),
          );
        }
      }
      out.fill(0, at, at + layout.size);
      writeFields(layout.kind, layout.fields, obj, out, view, at, path, diags);
      return;
    }
  }
}

function writeFields(
  kind: "struct" | "union",
  fields: readonly Field[],
  obj: Record<string, unknown>,
  out: Uint8Array,
  view: DataView,
  at: number,
  path: string,
  diags: Diagnostic[],
): void {
  if (kind === "union") {
    // C can only initialise one member of a union meaningfully; more would overwrite each other.
    const present = fields.filter((f) => hasMember(f, obj));
    if (present.length !== 1) {
      const names = memberNames(fields).join(", ");
      diags.push(
        error(
          LayoutCode.UNION_MEMBER,
          `${path}: a union value must set exactly one of its members (${names}), got ${present.length}`,
        ),
      );
      return;
    }
    writeField(present[0]!, obj, out, view, at, path, diags);
    return;
  }
  for (const f of fields) {
    if (f.name === "" && f.layout.kind !== "struct" && f.layout.kind !== "union") continue; // unnamed padding
    if (f.name !== "" && !(f.name in obj)) {
      diags.push(
        error(LayoutCode.MISSING_FIELD, `${path}: missing field '${f.name}' (${describeLayout(f.layout)})`),
      );
      continue;
    }
    writeField(f, obj, out, view, at, path, diags);
  }
}

function hasMember(f: Field, obj: Record<string, unknown>): boolean {
  if (f.name !== "") return f.name in obj;
  if (f.layout.kind === "struct" || f.layout.kind === "union")
    return memberNames(f.layout.fields).some((n) => n in obj);
  return false;
}

function writeField(
  f: Field,
  obj: Record<string, unknown>,
  out: Uint8Array,
  view: DataView,
  at: number,
  path: string,
  diags: Diagnostic[],
): void {
  if (f.name === "") {
    if (f.layout.kind === "struct" || f.layout.kind === "union") {
      writeFields(f.layout.kind, f.layout.fields, obj, out, view, at + f.offset, path, diags);
    }
    return;
  }
  const value = obj[f.name];
  const where = `${path}.${f.name}`;
  if (f.bitSize === undefined) {
    write(f.layout, value, out, view, at + f.offset, where, diags);
    return;
  }
  const l = f.layout;
  let v: bigint | undefined;
  if (l.kind === "bool") {
    if (typeof value !== "boolean") return wrongType(diags, where, l, "a boolean", value);
    v = value ? 1n : 0n;
  } else if (l.kind === "int") {
    v = checkedInt(value, l.size, l.signed, f.bitSize, l, where, diags);
  }
  if (v !== undefined) writeBits(out, at + f.offset, f.bitOffset ?? 0, f.bitSize, v);
}

function writeBytes(
  layout: Layout,
  length: number,
  value: unknown,
  out: Uint8Array,
  at: number,
  path: string,
  diags: Diagnostic[],
): void {
  if (!(value instanceof Uint8Array)) return wrongType(diags, path, layout, "a Uint8Array", value);
  if (value.length !== length) {
    diags.push(
      error(
        LayoutCode.ARRAY_LENGTH,
        `${path}: ${describeLayout(layout)} needs ${length} bytes, got ${value.length}`,
      ),
    );
    return;
  }
  out.set(value, at);
}

function writeInt(view: DataView, at: number, size: number, v: bigint): void {
  switch (size) {
    case 1:
      view.setUint8(at, Number(BigInt.asUintN(8, v)));
      return;
    case 2:
      view.setUint16(at, Number(BigInt.asUintN(16, v)), true);
      return;
    case 4:
      view.setUint32(at, Number(BigInt.asUintN(32, v)), true);
      return;
    default:
      view.setBigUint64(at, BigInt.asUintN(64, v), true);
  }
}
