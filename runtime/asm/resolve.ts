import { error, type Diagnostic } from "../diag/diagnostic.js";
import { width, type Instruction } from "../isa/index.js";
import { AsmCode } from "./codes.js";
import type { AsmItem } from "./items.js";

/**
 * Gives labels their slot numbers and fills jump fields with `target − (slot + 1)`, counted in
 * 8-byte slots with `lddw` taking two (RFC 9669 §4.3: the offset is relative to the next
 * instruction). A label after the last instruction names the end of the program.
 */
export function resolveLabels(items: readonly AsmItem[]): {
  program: Instruction[];
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const labels = new Map<string, { slot: number; line: number }>();
  let slot = 0;
  for (const item of items) {
    if (item.kind === "insn") {
      slot += width(item.insn);
      continue;
    }
    const previous = labels.get(item.name);
    if (previous) {
      diagnostics.push(
        error(AsmCode.DUPLICATE_LABEL, `label '${item.name}' is already defined at line ${previous.line}`, {
          location: item.location,
        }),
      );
      continue;
    }
    labels.set(item.name, { slot, line: item.location.line });
  }

  const program: Instruction[] = [];
  slot = 0;
  for (const item of items) {
    if (item.kind === "label") continue;
    let insn = item.insn;
    const t = item.target;
    if (t) {
      const label = labels.get(t.label);
      if (!label) {
        diagnostics.push(
          error(AsmCode.UNDEFINED_LABEL, `jump to undefined label '${t.label}'`, { location: t.location }),
        );
      } else {
        const distance = label.slot - (slot + 1);
        const fits =
          t.field === "off" ? distance >= -32768 && distance <= 32767 : distance === (distance | 0);
        if (!fits) {
          diagnostics.push(
            error(
              AsmCode.TARGET_RANGE,
              `label '${t.label}' is ${distance} slots away, too far for the 16-bit jump offset`,
              { location: t.location, hint: "use 'gotol' / 'ja32', whose distance is 32 bits" },
            ),
          );
        } else {
          insn = { ...insn, [t.field]: distance };
        }
      }
    }
    program.push({ ...insn, meta: { source: item.location } });
    slot += width(insn);
  }
  return { program, diagnostics };
}
