import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";

/**
 * Tracepoint record layouts, as the kernel describes them in tracefs
 * `events/<category>/<name>/format`. A tracepoint program's context is a pointer to such a record
 * (kernel: perf_trace_buf_submit → trace_call_bpf), so the VM, the compiler's context types and the
 * test harness all build records from these descriptions.
 */
export interface TracepointField {
  readonly name: string;
  /** C type as tracefs prints it, e.g. `const char *`, `unsigned long`, `__data_loc char[]`. */
  readonly ctype: string;
  readonly offset: number;
  readonly size: number;
  readonly signed: boolean;
  /** Element count for array fields (`args[6]`), undefined for scalars. */
  readonly arrayLength?: number;
  /** `__data_loc` fields hold `(length << 16) | offset` of bytes stored after the fixed fields. */
  readonly dataLoc: boolean;
  /** One of the four `common_*` fields every record starts with. */
  readonly common: boolean;
}

export interface TracepointFormat {
  readonly category: string;
  readonly name: string;
  readonly id: number;
  readonly fields: readonly TracepointField[];
  /** Bytes of the fixed part of the record (end of the last field). */
  readonly size: number;
}

/** Tracepoint format diagnostics (TSB0401–TSB0409 are the verifier's; these are TSB0801–). */
export const TracepointCode = { FORMAT: "TSB0801", UNKNOWN: "TSB0802", VALUE: "TSB0803" } as const;

const FIELD_RE = /^\s*field:(.*?);\s*offset:(\d+);\s*size:(\d+);\s*signed:(\d+);/;

/** Parses the text of a tracefs `format` file. */
export function parseTracepointFormat(
  text: string,
  category: string,
  file = `${category}/format`,
): Result<TracepointFormat> {
  const diagnostics: Diagnostic[] = [];
  let name = "";
  let id = -1;
  const fields: TracepointField[] = [];
  let commonSection = true;
  let sawFormat = false;
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    const loc = { location: { file, line: index + 1, column: 1 } };
    if (line.startsWith("name:")) name = line.slice(5).trim();
    else if (line.startsWith("ID:")) id = Number(line.slice(3).trim());
    else if (line.startsWith("format:")) sawFormat = true;
    else if (line.trim() === "" && fields.length > 0) commonSection = false;
    else if (line.includes("field:")) {
      const m = FIELD_RE.exec(line);
      if (!m) {
        diagnostics.push(error(TracepointCode.FORMAT, `malformed field line: ${line.trim()}`, loc));
        return;
      }
      const decl = m[1]!.trim();
      const dataLoc = decl.startsWith("__data_loc");
      // The field name is the last identifier, optionally followed by [N] (or [] for data_loc).
      const nm = /([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[(\d*)\])?\s*$/.exec(decl);
      if (!nm) {
        diagnostics.push(error(TracepointCode.FORMAT, `cannot find the field name in "${decl}"`, loc));
        return;
      }
      const fieldName = nm[1]!;
      const ctype = decl.slice(0, nm.index).trim() + (nm[2] !== undefined ? `[${nm[2]}]` : "");
      const arrayLength = !dataLoc && nm[2] ? Number(nm[2]) : undefined;
      fields.push({
        name: fieldName,
        ctype,
        offset: Number(m[2]),
        size: Number(m[3]),
        signed: m[4] === "1",
        ...(arrayLength !== undefined ? { arrayLength } : {}),
        dataLoc,
        common: commonSection && fieldName.startsWith("common_"),
      });
    }
  });
  if (!name || !sawFormat)
    diagnostics.push(
      error(TracepointCode.FORMAT, `${file} is not a tracefs format file (no name:/format: lines)`),
    );
  if (!Number.isInteger(id) || id < 0)
    diagnostics.push(error(TracepointCode.FORMAT, `${file} has no valid ID: line`));
  if (diagnostics.length) return fail(...diagnostics);
  const size = fields.reduce((end, f) => Math.max(end, f.offset + f.size), 0);
  return ok({ category, name, id, fields, size });
}
