import {
  array,
  cstring,
  int,
  struct,
  type Field,
  type IntSize,
  type Layout,
  type StructLayout,
} from "../../runtime/layout/index.js";
import {
  knownTracepoints,
  tracepointFormat,
  type TracepointField,
  type TracepointFormat,
} from "../../runtime/tracepoint/index.js";

/**
 * One mapping from tracefs field descriptions to DSL types, used both to generate the editor
 * declarations (stdlib/tracepoints.ts) and to type `ctx.field` in the compiler, so the two agree.
 * Record offsets come from the format, not from C layout rules: syscall records pad every
 * argument to 8 bytes (kernel: SYSCALL_DEFINE's trace_event fields).
 */

const INT_SIZES = new Set([1, 2, 4, 8]);

export function tracepointFieldLayout(f: TracepointField): Layout {
  if (f.dataLoc) return int(4, false, "DataLoc");
  if (f.arrayLength !== undefined && f.arrayLength > 0) {
    const elemSize = f.size / f.arrayLength;
    if (/^(unsigned )?char\b|^u8\b|^__u8\b/.test(f.ctype) && elemSize === 1) return cstring(f.arrayLength);
    if (INT_SIZES.has(elemSize)) return array(int(elemSize as IntSize, f.signed), f.arrayLength);
    return array(int(1, false), f.size);
  }
  if (f.ctype.includes("*")) return int(8, false, "Ptr");
  if (INT_SIZES.has(f.size)) return int(f.size as IntSize, f.signed);
  return array(int(1, false), f.size);
}

/** The record as a struct layout with the kernel's offsets. */
export function tracepointLayout(format: TracepointFormat): StructLayout {
  const fields: Field[] = format.fields.map((f) => ({
    name: f.name,
    offset: f.offset,
    layout: tracepointFieldLayout(f),
  }));
  const natural = struct([]); // for the empty-record alignment default
  const align = fields.reduce((a, f) => Math.max(a, alignOfField(f.layout)), natural.align);
  const size = Math.ceil(format.size / align) * align;
  return { kind: "struct", name: `trace_event_raw_${format.name}`, fields, size, align };
}

function alignOfField(l: Layout): number {
  if (l.kind === "int") return l.size;
  if (l.kind === "array") return alignOfField(l.elem);
  return 1;
}

function tsType(l: Layout): string {
  switch (l.kind) {
    case "int":
      return l.name ?? `${l.signed ? "i" : "u"}${l.size * 8}`;
    case "cstring":
      return `CString<${l.length}>`;
    case "array":
      return `FixedArray<${tsType(l.elem)}, ${l.length}>`;
    default:
      return "never";
  }
}

/** The text of stdlib/tracepoints.ts, from the Linux 6.18 snapshot of tracefs formats. */
export function tracepointDeclarations(): string {
  const lines: string[] = [
    "// Generated from runtime/tracepoint/formats.json (tracefs formats of Linux 6.18) by",
    "// compiler/frontend/tracepoint-types.ts; test/compiler/stdlib.test.ts checks it is current",
    "// (UPDATE_GOLDEN=1 regenerates it). Do not edit by hand.",
    'import type { CString, DataLoc, FixedArray, Ptr, i16, i32, i64, i8, u16, u32, u64, u8 } from "./types.js";',
    "",
    "/** Tracepoint records by `category/name`: what a tracepoint program's ctx holds. */",
    "export interface TracepointArgs {",
  ];
  for (const id of knownTracepoints().sort()) {
    const r = tracepointFormat(id, { live: false });
    if (!r.ok) continue;
    const body = r.value.fields
      .map((f) => `readonly ${f.name}: ${tsType(tracepointFieldLayout(f))}`)
      .join("; ");
    lines.push(`  "${id}": { ${body} };`);
  }
  lines.push("}", "");
  return lines.join("\n");
}
