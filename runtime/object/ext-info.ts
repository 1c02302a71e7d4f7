import type { Btf, BtfExt, BtfExtSection } from "../btf/index.js";
import type { Instruction } from "../isa/index.js";
import type { PlacedFunction } from "./link.js";
import type { CoreRelocation, FuncInfo, LineInfo } from "./spec.js";

export interface ProgramDebugInfo {
  readonly lineInfo: LineInfo[];
  readonly funcInfo: FuncInfo[];
  readonly coreRelocations: CoreRelocation[];
}

/**
 * Maps one info area's records into a linked program (libbpf adjust_prog_btf_ext_info): a record
 * whose byte offset falls inside a placed function moves with it, becoming an index into the
 * program's instruction list. Records on the second slot of a lddw (none in valid input) are dropped.
 */
function mapRecords<T extends { insnOff: number }, U>(
  sections: ReadonlyArray<BtfExtSection<T>>,
  placed: readonly PlacedFunction[],
  make: (record: T, insn: number) => U,
): U[] {
  const out: Array<{ insn: number; value: U }> = [];
  for (const { fn, start } of placed) {
    const code = fn.section;
    const lo = code.slots[fn.first]! * 8;
    const hi = code.slots[fn.end]! * 8;
    for (const s of sections) {
      if (s.section !== code.section.name) continue;
      for (const r of s.records) {
        if (r.insnOff < lo || r.insnOff >= hi || r.insnOff % 8 !== 0) continue;
        const idx = code.insnAtSlot[r.insnOff / 8]!;
        if (idx < 0) continue;
        const insn = start + idx - fn.first;
        out.push({ insn, value: make(r, insn) });
      }
    }
  }
  // Stable sort keeps the producer's order for records on the same instruction.
  return out.sort((a, b) => a.insn - b.insn).map((e) => e.value);
}

export function programDebugInfo(ext: BtfExt, btf: Btf, placed: readonly PlacedFunction[]): ProgramDebugInfo {
  return {
    lineInfo: mapRecords(ext.lineInfo, placed, (r, insn) => ({
      insn,
      file: r.fileName,
      line: r.line,
      column: r.column,
      text: r.lineText,
    })),
    funcInfo: mapRecords(ext.funcInfo, placed, (r, insn) => {
      const t = btf.types[r.typeId];
      return { insn, name: t && t.kind === "func" ? t.name : "", typeId: r.typeId };
    }),
    coreRelocations: mapRecords(ext.coreRelos, placed, (r, insn) => ({
      insn,
      typeId: r.typeId,
      accessString: r.accessString,
      kind: r.kind,
    })),
  };
}

/** Puts each line-info position on the instruction it starts (InstructionMeta.source / sourceLine). */
export function withSourcePositions(
  instructions: Instruction[],
  lineInfo: readonly LineInfo[],
): Instruction[] {
  const out = instructions.slice();
  for (const li of lineInfo) {
    const insn = out[li.insn];
    if (!insn || li.line === 0) continue;
    out[li.insn] = {
      ...insn,
      meta: {
        ...insn.meta,
        source: { file: li.file, line: li.line, column: li.column },
        ...(li.text ? { sourceLine: li.text } : {}),
      },
    };
  }
  return out;
}
