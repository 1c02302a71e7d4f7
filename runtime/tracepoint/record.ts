import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { TracepointCode, type TracepointField, type TracepointFormat } from "./format.js";

/** A value for one record field: integers, byte strings, or arrays of integers (`args[6]`). */
export type FieldValue = number | bigint | string | Uint8Array | ReadonlyArray<number | bigint>;

export interface RecordEnv {
  /** Fills `common_pid` (the kernel stores the current task's pid there). */
  readonly pid?: number;
}

function writeInt(view: DataView, offset: number, size: number, value: bigint): void {
  switch (size) {
    case 1:
      view.setUint8(offset, Number(BigInt.asUintN(8, value)));
      return;
    case 2:
      view.setUint16(offset, Number(BigInt.asUintN(16, value)), true);
      return;
    case 4:
      view.setUint32(offset, Number(BigInt.asUintN(32, value)), true);
      return;
    case 8:
      view.setBigUint64(offset, BigInt.asUintN(64, value), true);
      return;
  }
}

/**
 * Accepts both the signed and the unsigned reading of the width: tracefs marks pointer-sized
 * syscall arguments unsigned while callers naturally pass negative numbers (dfd = -100), and the
 * kernel stores the same bits either way.
 */
function fits(value: bigint, size: number): boolean {
  const bits = BigInt(size * 8);
  return value >= -(1n << (bits - 1n)) && value <= (1n << bits) - 1n;
}

/**
 * Lays out a tracepoint record the way the kernel fills it: `common_type` = the event id,
 * `common_pid` = pid, every named field at its offset; `__data_loc` strings/bytes appended after
 * the fixed part with `(length << 16) | offset` in the field. Unknown field names and values that
 * do not fit their field are diagnostics.
 */
export function buildTracepointRecord(
  format: TracepointFormat,
  values: Readonly<Record<string, FieldValue>>,
  env: RecordEnv = {},
): Result<Uint8Array> {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map<string, TracepointField>(format.fields.map((f) => [f.name, f]));
  for (const key of Object.keys(values)) {
    if (!byName.has(key)) {
      const names = format.fields.filter((f) => !f.common).map((f) => f.name);
      diagnostics.push(
        error(
          TracepointCode.VALUE,
          `${format.category}/${format.name} has no field "${key}" (fields: ${names.join(", ")})`,
        ),
      );
    }
  }
  // Dynamic data goes after the fixed fields, 4-byte aligned like the kernel's __dynamic_array.
  const tail: Uint8Array[] = [];
  let tailSize = 0;
  const dataLocs = new Map<string, { offset: number; length: number }>();
  const fixedEnd = (format.size + 3) & ~3;
  for (const f of format.fields) {
    if (!f.dataLoc || values[f.name] === undefined) continue;
    const v = values[f.name]!;
    const bytes =
      typeof v === "string" ? new TextEncoder().encode(v + "\0") : v instanceof Uint8Array ? v : undefined;
    if (!bytes) {
      diagnostics.push(error(TracepointCode.VALUE, `field ${f.name} (${f.ctype}) takes a string or bytes`));
      continue;
    }
    dataLocs.set(f.name, { offset: fixedEnd + tailSize, length: bytes.length });
    tail.push(bytes);
    tailSize += (bytes.length + 3) & ~3;
  }
  const record = new Uint8Array(fixedEnd + tailSize);
  const view = new DataView(record.buffer);
  for (const f of format.fields) {
    let v: FieldValue | undefined = values[f.name];
    if (f.name === "common_type" && v === undefined) v = format.id;
    if (f.name === "common_pid" && v === undefined) v = env.pid ?? 0;
    if (v === undefined) continue;
    if (f.dataLoc) {
      const loc = dataLocs.get(f.name);
      if (loc) view.setUint32(f.offset, (loc.length << 16) | loc.offset, true);
      continue;
    }
    if (f.arrayLength !== undefined) {
      const elem = f.size / f.arrayLength;
      if (v instanceof Uint8Array && elem === 1) {
        record.set(v.subarray(0, f.size), f.offset);
        continue;
      }
      if (!Array.isArray(v) || v.length > f.arrayLength) {
        diagnostics.push(
          error(TracepointCode.VALUE, `field ${f.name} takes up to ${f.arrayLength} integers`),
        );
        continue;
      }
      (v as ReadonlyArray<number | bigint>).forEach((x, i) =>
        writeInt(view, f.offset + i * elem, elem, BigInt(x)),
      );
      continue;
    }
    if (typeof v === "string" || v instanceof Uint8Array || Array.isArray(v)) {
      if (f.ctype.startsWith("char[") || /char\s*\[/.test(f.ctype)) {
        const bytes = typeof v === "string" ? new TextEncoder().encode(v) : (v as Uint8Array);
        record.set(bytes.subarray(0, f.size - 1), f.offset);
        continue;
      }
      diagnostics.push(error(TracepointCode.VALUE, `field ${f.name} (${f.ctype}) takes an integer`));
      continue;
    }
    const n = BigInt(v as number | bigint);
    if (!fits(n, f.size)) {
      diagnostics.push(
        error(TracepointCode.VALUE, `value ${n} does not fit field ${f.name} (${f.size} bytes)`),
      );
      continue;
    }
    writeInt(view, f.offset, f.size, n);
  }
  tail.reduce((at, bytes) => (record.set(bytes, at), at + ((bytes.length + 3) & ~3)), fixedEnd);
  return diagnostics.length ? fail(...diagnostics) : ok(record);
}
