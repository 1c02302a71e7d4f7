import { error, type Diagnostic } from "../diag/diagnostic.js";
import { alignOf, isPowerOfTwo, sizeOf } from "./build.js";
import { LayoutCode } from "./codes.js";
import { describeLayout } from "./describe.js";
import type { Layout } from "./types.js";

/**
 * Checks a layout that came from outside (BTF, a JSON file): every member inside its aggregate,
 * ordinary struct members not overlapping, sizes and alignments sane. Layouts built with
 * `struct()` always pass. Returns every problem, not just the first.
 */
export function validateLayout(layout: Layout, path = "layout"): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bad = (where: string, message: string): void => {
    out.push(error(LayoutCode.INVALID_LAYOUT, `${where}: ${message}`));
  };
  const visit = (l: Layout, where: string): void => {
    switch (l.kind) {
      case "int":
        if (![1, 2, 4, 8].includes(l.size)) bad(where, `integer size ${l.size} is not 1, 2, 4 or 8`);
        return;
      case "bool":
      case "pointer":
        return;
      case "cstring":
        if (!Number.isInteger(l.length) || l.length < 1) bad(where, `CString length ${l.length} must be ≥ 1`);
        return;
      case "array":
        if (!Number.isInteger(l.length) || l.length < 0) bad(where, `array length ${l.length} must be ≥ 0`);
        visit(l.elem, `${where}[]`);
        return;
      case "opaque":
        if (!Number.isInteger(l.size) || l.size < 0) bad(where, `size ${l.size} must be ≥ 0`);
        if (!isPowerOfTwo(l.align)) bad(where, `alignment ${l.align} is not a power of two`);
        return;
      case "struct":
      case "union": {
        if (!Number.isInteger(l.size) || l.size < 0) bad(where, `size ${l.size} must be ≥ 0`);
        if (!isPowerOfTwo(l.align)) bad(where, `alignment ${l.align} is not a power of two`);
        const names = new Set<string>();
        let end = 0;
        for (const f of l.fields) {
          const at = `${where}.${f.name === "" ? "<anon>" : f.name}`;
          if (f.name !== "") {
            if (names.has(f.name)) bad(at, "duplicate member name");
            names.add(f.name);
          }
          if (!Number.isInteger(f.offset) || f.offset < 0) {
            bad(at, `offset ${f.offset} must be ≥ 0`);
            continue;
          }
          if (l.kind === "union" && f.offset !== 0) bad(at, "a union member must be at offset 0");
          if (f.bitSize !== undefined) {
            if (f.layout.kind !== "int" && f.layout.kind !== "bool")
              bad(at, "a bit-field must be an int or bool");
            const bitOffset = f.bitOffset ?? 0;
            if (!Number.isInteger(f.bitSize) || f.bitSize < 1 || f.bitSize > sizeOf(f.layout) * 8)
              bad(at, `bit-field width ${f.bitSize} does not fit ${describeLayout(f.layout)}`);
            if (!Number.isInteger(bitOffset) || bitOffset < 0) bad(at, `bit offset ${bitOffset} must be ≥ 0`);
            const lastBit = f.offset * 8 + bitOffset + f.bitSize;
            if (lastBit > l.size * 8)
              bad(at, `bit-field ends at bit ${lastBit}, past the ${l.size}-byte ${l.kind}`);
            continue;
          }
          visit(f.layout, at);
          const size = sizeOf(f.layout);
          if (f.offset + size > l.size)
            bad(at, `member ends at byte ${f.offset + size}, past the ${l.size}-byte ${l.kind}`);
          if (l.kind === "struct") {
            if (f.offset < end)
              bad(at, `member at offset ${f.offset} overlaps the previous member (ends at ${end})`);
            end = Math.max(end, f.offset + size);
          }
          if (f.offset % alignOf(f.layout) !== 0 && l.align >= alignOf(f.layout))
            bad(at, `offset ${f.offset} is not a multiple of the member's alignment ${alignOf(f.layout)}`);
        }
        return;
      }
    }
  };
  visit(layout, path);
  return out;
}
