import { sizeOf } from "./build.js";
import type { Field, Layout } from "./types.js";

/** A short C-like name for messages: `u32`, `CString<16>`, `u8[4]`, `struct event`, `void *`. */
export function describeLayout(layout: Layout): string {
  switch (layout.kind) {
    case "int":
      return layout.name ?? `${layout.signed ? "i" : "u"}${layout.size * 8}`;
    case "bool":
      return "bool";
    case "cstring":
      return `CString<${layout.length}>`;
    case "array":
      return `${describeLayout(layout.elem)}[${layout.length}]`;
    case "pointer":
      return layout.target ? `${describeLayout(layout.target)} *` : "void *";
    case "opaque":
      return layout.name ?? `opaque<${layout.size}>`;
    case "struct":
    case "union":
      return layout.name
        ? `${layout.kind} ${layout.name}`
        : `${layout.kind} { ${layout.fields.length} fields }`;
  }
}

/** Where a path such as `hdr.addrs[2].port` lives inside a layout. */
export interface Located {
  readonly offset: number;
  readonly layout: Layout;
  readonly bitOffset?: number;
  readonly bitSize?: number;
}

/**
 * Resolves a member path (dots for fields, `[i]` for array elements) to its byte offset and
 * layout — what the compiler needs for `e.comm` or `hdr.addrs[2]`. Anonymous members are searched
 * through, as C does. Undefined when the path does not exist.
 */
export function locate(layout: Layout, path: string): Located | undefined {
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let cur: Located = { offset: 0, layout };
  for (const part of parts) {
    if (part.startsWith("[")) {
      const index = Number(part.slice(1, -1));
      const l = cur.layout;
      if (l.kind === "array" && index < l.length) {
        cur = { offset: cur.offset + index * sizeOf(l.elem), layout: l.elem };
      } else if (l.kind === "cstring" && index < l.length) {
        cur = { offset: cur.offset + index, layout: { kind: "int", size: 1, signed: true, name: "char" } };
      } else return undefined;
      continue;
    }
    if (cur.layout.kind !== "struct" && cur.layout.kind !== "union") return undefined;
    const found = findField(cur.layout.fields, part);
    if (!found) return undefined;
    cur = {
      offset: cur.offset + found.offset,
      layout: found.field.layout,
      ...(found.field.bitSize !== undefined
        ? { bitOffset: found.field.bitOffset ?? 0, bitSize: found.field.bitSize }
        : {}),
    };
  }
  return cur;
}

function findField(fields: readonly Field[], name: string): { field: Field; offset: number } | undefined {
  for (const f of fields) {
    if (f.name === name) return { field: f, offset: f.offset };
    if (f.name === "" && (f.layout.kind === "struct" || f.layout.kind === "union")) {
      const inner = findField(f.layout.fields, name);
      if (inner) return { field: inner.field, offset: f.offset + inner.offset };
    }
  }
  return undefined;
}

/** Property names a struct or union value has, with anonymous aggregates flattened (C11 §6.7.2.1). */
export function memberNames(fields: readonly Field[]): string[] {
  const names: string[] = [];
  for (const f of fields) {
    if (f.name !== "") names.push(f.name);
    else if (f.layout.kind === "struct" || f.layout.kind === "union")
      names.push(...memberNames(f.layout.fields));
  }
  return names;
}
