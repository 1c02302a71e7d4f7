import { slotIndex, type Instruction } from "../isa/instruction.js";
import type { ProgramSpec } from "../object/spec.js";
import { HOST_LITTLE_ENDIAN } from "./attr.js";

/** func_info and line_info records for BPF_PROG_LOAD, or why there are none. */
export interface KernelExtInfo {
  readonly funcInfo?: Uint8Array;
  readonly lineInfo?: Uint8Array;
}

/**
 * Builds struct bpf_func_info (insn_off, type_id) and struct bpf_line_info (insn_off,
 * file_name_off, line_off, line_col) records. The kernel counts insn_off in 8-byte slots, not in
 * instructions, and names strings by offset in the BTF string section loaded as prog_btf_fd, so
 * each file and line text is looked up in `strings`; func_info is left out unless every entry has a type id (the kernel needs one per subprogram,
 * kernel: check_btf_func).
 */
export function buildExtInfo(
  program: ProgramSpec,
  instructions: readonly Instruction[],
  strings: ReadonlyMap<string, number>,
): KernelExtInfo {
  const slots = slotIndex(instructions);
  const result: { funcInfo?: Uint8Array; lineInfo?: Uint8Array } = {};
  const funcs = program.funcInfo ?? [];
  if (funcs.length > 0 && funcs.every((f) => f.typeId !== undefined && f.typeId > 0)) {
    const bytes = new Uint8Array(funcs.length * 8);
    const v = new DataView(bytes.buffer);
    funcs.forEach((f, i) => {
      v.setUint32(i * 8, slots[f.insn]!, HOST_LITTLE_ENDIAN);
      v.setUint32(i * 8 + 4, f.typeId!, HOST_LITTLE_ENDIAN);
    });
    result.funcInfo = bytes;
  }
  const lines = program.lineInfo ?? [];
  // The kernel wants line info for the first instruction and every subprogram start, in strictly
  // increasing order (kernel: check_btf_line); dropping some lines could break that, so a line
  // whose strings are unknown drops them all.
  const usable =
    lines.length > 0 &&
    lines[0]!.insn === 0 &&
    lines.every(
      (l, i) => strings.has(l.file) && strings.has(l.text) && (i === 0 || l.insn > lines[i - 1]!.insn),
    );
  if (usable && result.funcInfo) {
    const bytes = new Uint8Array(lines.length * 16);
    const v = new DataView(bytes.buffer);
    lines.forEach((l, i) => {
      v.setUint32(i * 16, slots[l.insn]!, HOST_LITTLE_ENDIAN);
      v.setUint32(i * 16 + 4, strings.get(l.file)!, HOST_LITTLE_ENDIAN);
      v.setUint32(i * 16 + 8, strings.get(l.text)!, HOST_LITTLE_ENDIAN);
      // BPF_LINE_INFO_LINE_NUM / _LINE_COL: line in the high 22 bits, column in the low 10.
      v.setUint32(i * 16 + 12, ((l.line << 10) | (l.column & 0x3ff)) >>> 0, HOST_LITTLE_ENDIAN);
    });
    result.lineInfo = bytes;
  }
  return result;
}
