import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import type { BtfExt, BtfExtSection } from "./ext.js";
import { BTF_MAGIC, BTF_VERSION } from "./kinds.js";
import { BtfWriteCode } from "./write.js";
import type { BtfStringWriter } from "./write-strings.js";

/**
 * Serialises `.BTF.ext` (kernel Documentation/bpf/btf.rst §4.2, libbpf btf_ext__new): a 32-byte
 * header, then func_info, line_info and CO-RE relocation areas, each `rec_size` followed by one
 * {sec_name_off, num_info, records} block per ELF section. Record offsets are byte offsets into
 * that ELF section, as in an object file. Section names, file names, source lines and access
 * strings go into `strings` — the `.BTF` string table, so write `.BTF` after this.
 */

/** struct btf_ext_header with the core_relo fields (clang and libbpf ≥ 0.1 write 32). */
const EXT_HEADER_SIZE = 32;
const FUNC_REC = 8;
const LINE_REC = 16;
const CORE_REC = 16;
/** BPF_LINE_INFO_LINE_NUM / _COL: the line in the top 22 bits, the column in the low 10. */
const MAX_LINE = (1 << 22) - 1;
const MAX_COLUMN = (1 << 10) - 1;

function checkSections<T extends { insnOff: number }>(
  what: string,
  sections: ReadonlyArray<BtfExtSection<T>>,
  out: Diagnostic[],
  strictlyIncreasing: boolean,
): void {
  for (const s of sections) {
    let prev = -1;
    for (const r of s.records) {
      if (!Number.isInteger(r.insnOff) || r.insnOff < 0 || r.insnOff % 8 !== 0) {
        out.push(
          error(
            BtfWriteCode.BAD_EXT,
            `${what} for '${s.section}': offset ${r.insnOff} is not an instruction's byte offset`,
          ),
        );
      } else if (strictlyIncreasing ? r.insnOff <= prev : r.insnOff < prev) {
        // kernel check_btf_line / check_btf_func: records sorted by instruction offset.
        out.push(
          error(BtfWriteCode.BAD_EXT, `${what} for '${s.section}': offset ${r.insnOff} follows ${prev}`),
        );
      }
      prev = r.insnOff;
    }
  }
}

export function writeBtfExt(ext: BtfExt, strings: BtfStringWriter): Result<Uint8Array> {
  const problems: Diagnostic[] = [];
  checkSections("func_info", ext.funcInfo, problems, true);
  checkSections("line_info", ext.lineInfo, problems, true);
  checkSections("core_relo", ext.coreRelos, problems, false);
  if (problems.length) return fail(...problems.slice(0, 64));

  const area = <T>(
    sections: ReadonlyArray<BtfExtSection<T>>,
    recSize: number,
    write: (view: DataView, p: number, r: T) => void,
  ): Uint8Array => {
    const used = sections.filter((s) => s.records.length > 0);
    if (used.length === 0) return new Uint8Array(0);
    let size = 4;
    for (const s of used) size += 8 + recSize * s.records.length;
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    view.setUint32(0, recSize, true);
    let p = 4;
    for (const s of used) {
      view.setUint32(p, strings.add(s.section), true);
      view.setUint32(p + 4, s.records.length, true);
      p += 8;
      for (const r of s.records) {
        write(view, p, r);
        p += recSize;
      }
    }
    return out;
  };

  const funcs = area(ext.funcInfo, FUNC_REC, (v, p, r) => {
    v.setUint32(p, r.insnOff, true);
    v.setUint32(p + 4, r.typeId, true);
  });
  const lines = area(ext.lineInfo, LINE_REC, (v, p, r) => {
    v.setUint32(p, r.insnOff, true);
    v.setUint32(p + 4, strings.add(r.fileName), true);
    v.setUint32(p + 8, strings.add(r.lineText), true);
    const line = Math.min(Math.max(r.line, 0), MAX_LINE);
    const column = Math.min(Math.max(r.column, 0), MAX_COLUMN);
    v.setUint32(p + 12, ((line << 10) | column) >>> 0, true);
  });
  const core = area(ext.coreRelos, CORE_REC, (v, p, r) => {
    v.setUint32(p, r.insnOff, true);
    v.setUint32(p + 4, r.typeId, true);
    v.setUint32(p + 8, strings.add(r.accessString), true);
    v.setUint32(p + 12, r.kind, true);
  });

  const out = new Uint8Array(EXT_HEADER_SIZE + funcs.length + lines.length + core.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, BTF_MAGIC, true);
  out[2] = BTF_VERSION;
  out[3] = 0;
  view.setUint32(4, EXT_HEADER_SIZE, true);
  view.setUint32(8, 0, true);
  view.setUint32(12, funcs.length, true);
  view.setUint32(16, funcs.length, true);
  view.setUint32(20, lines.length, true);
  view.setUint32(24, funcs.length + lines.length, true);
  view.setUint32(28, core.length, true);
  out.set(funcs, EXT_HEADER_SIZE);
  out.set(lines, EXT_HEADER_SIZE + funcs.length);
  out.set(core, EXT_HEADER_SIZE + funcs.length + lines.length);
  return ok(out);
}
