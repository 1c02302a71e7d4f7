import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { BtfCode } from "./codes.js";
import { BTF_MAGIC, BTF_VERSION } from "./kinds.js";
import type { BtfStringTable } from "./strings.js";
import type { BtfTypeId } from "./types.js";

/**
 * `.BTF.ext` (kernel Documentation/bpf/btf.rst §4.2, libbpf btf_ext__new): per ELF section,
 * func_info, line_info and CO-RE relocation records. In an object file `insnOff` is a byte offset
 * into that ELF section (libbpf divides by 8 when it hands them to the kernel).
 */

export interface BtfExtFuncInfo {
  readonly insnOff: number;
  /** The BTF FUNC type of the function starting there. */
  readonly typeId: BtfTypeId;
}

export interface BtfExtLineInfo {
  readonly insnOff: number;
  readonly fileName: string;
  /** The source line's text (may be "" when the producer left it out). */
  readonly lineText: string;
  readonly line: number;
  readonly column: number;
}

/** struct bpf_core_relo: kept as read; applying CO-RE relocations is the loader's job. */
export interface BtfExtCoreRelo {
  readonly insnOff: number;
  readonly typeId: BtfTypeId;
  /** Access string such as "0:1:2" (bpf_core_relo.access_str_off). */
  readonly accessString: string;
  /** enum bpf_core_relo_kind. */
  readonly kind: number;
}

export interface BtfExtSection<T> {
  /** The ELF section the records are for (e.g. "xdp", ".text"). */
  readonly section: string;
  readonly records: readonly T[];
}

export interface BtfExt {
  readonly funcInfo: ReadonlyArray<BtfExtSection<BtfExtFuncInfo>>;
  readonly lineInfo: ReadonlyArray<BtfExtSection<BtfExtLineInfo>>;
  readonly coreRelos: ReadonlyArray<BtfExtSection<BtfExtCoreRelo>>;
}

export interface ReadBtfExtOptions {
  /** Added to byte offsets in diagnostics (the `.BTF.ext` section's file offset). */
  readonly baseOffset?: number;
}

const MIN_REC = { func: 8, line: 16, core: 16 } as const;

/**
 * Reads `.BTF.ext`. Names (sections, files, source lines, access strings) are offsets into the
 * `.BTF` string table, hence `strings`. Record sizes larger than this reader knows are accepted
 * and the known prefix read, as libbpf does for forward compatibility.
 */
export function readBtfExt(
  bytes: Uint8Array,
  strings: BtfStringTable,
  options: ReadBtfExtOptions = {},
): Result<BtfExt> {
  const base = options.baseOffset ?? 0;
  if (bytes.length < 8) {
    return fail(
      error(BtfCode.BAD_EXT, `.BTF.ext of ${bytes.length} bytes has no header`, { byteOffset: base }),
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let le = true;
  if (view.getUint16(0, true) !== BTF_MAGIC) {
    if (view.getUint16(0, false) !== BTF_MAGIC) {
      return fail(error(BtfCode.BAD_EXT, `.BTF.ext magic is not 0xeb9f`, { byteOffset: base }));
    }
    le = false;
  }
  if (bytes[2] !== BTF_VERSION) {
    return fail(error(BtfCode.BAD_EXT, `.BTF.ext version ${bytes[2]} is not 1`, { byteOffset: base + 2 }));
  }
  const hdrLen = view.getUint32(4, le);
  // struct btf_ext_header: 8 bytes + func/line info (16); core_relo adds 8 more (32).
  if (hdrLen < 24 || hdrLen > bytes.length) {
    return fail(
      error(
        BtfCode.BAD_EXT,
        `.BTF.ext hdr_len ${hdrLen} is below 24 or past the ${bytes.length}-byte section`,
        {
          byteOffset: base + 4,
        },
      ),
    );
  }
  const diagnostics: Diagnostic[] = [];
  const str = (off: number, at: number): string => {
    const s = strings.at(off);
    if (s !== undefined) return s;
    diagnostics.push(
      error(BtfCode.BAD_STRING, `.BTF.ext string offset ${off} is outside the .BTF string section`, {
        byteOffset: base + at,
      }),
    );
    return "";
  };

  /** One info area: rec_size, then {sec_name_off, num_info, records[num_info]} until its end. */
  function area<T>(
    what: string,
    headerAt: number,
    minRec: number,
    record: (p: number) => T,
  ): Array<BtfExtSection<T>> {
    const off = view.getUint32(headerAt, le);
    const len = view.getUint32(headerAt + 4, le);
    if (len === 0) return [];
    const start = hdrLen + off;
    if (off > bytes.length - hdrLen || len > bytes.length - start) {
      diagnostics.push(
        error(BtfCode.BAD_EXT, `.BTF.ext ${what} ${off}+${len} lies past the section`, {
          byteOffset: base + headerAt,
        }),
      );
      return [];
    }
    if (len < 4) {
      diagnostics.push(
        error(BtfCode.BAD_EXT, `.BTF.ext ${what} has no record size`, { byteOffset: base + start }),
      );
      return [];
    }
    const recSize = view.getUint32(start, le);
    if (recSize < minRec || recSize % 4 !== 0) {
      diagnostics.push(
        error(BtfCode.BAD_EXT, `.BTF.ext ${what} record size ${recSize} is below ${minRec} or unaligned`, {
          byteOffset: base + start,
        }),
      );
      return [];
    }
    const end = start + len;
    const out: Array<BtfExtSection<T>> = [];
    let p = start + 4;
    while (p < end) {
      if (end - p < 8) {
        diagnostics.push(
          error(BtfCode.BAD_EXT, `.BTF.ext ${what}: section header cut short`, { byteOffset: base + p }),
        );
        break;
      }
      const section = str(view.getUint32(p, le), p);
      const n = view.getUint32(p + 4, le);
      p += 8;
      if (n === 0 || n > Math.floor((end - p) / recSize)) {
        diagnostics.push(
          error(
            BtfCode.BAD_EXT,
            `.BTF.ext ${what} for '${section}': ${n} records of ${recSize} bytes do not fit`,
            {
              byteOffset: base + p - 4,
            },
          ),
        );
        break;
      }
      const records: T[] = new Array(n);
      for (let i = 0; i < n; i++, p += recSize) records[i] = record(p);
      out.push({ section, records });
    }
    return out;
  }

  const funcInfo = area("func_info", 8, MIN_REC.func, (p) => ({
    insnOff: view.getUint32(p, le),
    typeId: view.getUint32(p + 4, le),
  }));
  const lineInfo = area("line_info", 16, MIN_REC.line, (p) => {
    const lineCol = view.getUint32(p + 12, le);
    return {
      insnOff: view.getUint32(p, le),
      fileName: str(view.getUint32(p + 4, le), p + 4),
      lineText: str(view.getUint32(p + 8, le), p + 8),
      // BPF_LINE_INFO_LINE_NUM / BPF_LINE_INFO_LINE_COL: line in the top 22 bits, column in the low 10.
      line: lineCol >>> 10,
      column: lineCol & 0x3ff,
    };
  });
  const coreRelos =
    hdrLen >= 32
      ? area("core_relo", 24, MIN_REC.core, (p) => ({
          insnOff: view.getUint32(p, le),
          typeId: view.getUint32(p + 4, le),
          accessString: str(view.getUint32(p + 8, le), p + 8),
          kind: view.getUint32(p + 12, le),
        }))
      : [];
  if (diagnostics.length) return fail(...diagnostics.slice(0, 64));
  return ok({ funcInfo, lineInfo, coreRelos });
}
