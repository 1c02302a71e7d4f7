import { error, fail, ok, type Result } from "../diag/diagnostic.js";
import { ElfCode } from "./codes.js";
import {
  EM_BPF,
  ELF64_EHDR_SIZE,
  ELF64_SHDR_SIZE,
  ELF_MAGIC,
  ELFCLASS64,
  ELFDATA2LSB,
  EV_CURRENT,
} from "./constants.js";

/** e_ident and the fixed-size ELF64 header fields, before section numbering is resolved. */
export interface RawElfHeader {
  readonly type: number;
  readonly machine: number;
  readonly version: number;
  readonly entry: number;
  readonly flags: number;
  readonly shoff: number;
  readonly shentsize: number;
  /** e_shnum as stored (0 may mean "extended", see sections.ts). */
  readonly shnum: number;
  /** e_shstrndx as stored (SHN_XINDEX may mean "extended"). */
  readonly shstrndx: number;
}

/** A 64-bit field as a safe number, or undefined when it exceeds 2^53 - 1. */
export function u64(view: DataView, at: number): number | undefined {
  const v = view.getBigUint64(at, true);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(v);
}

export function huge(field: string, at: number) {
  return error(ElfCode.HUGE_VALUE, `${field} at byte ${at} does not fit in 2^53 (a corrupt 64-bit field)`, {
    byteOffset: at,
  });
}

/** Reads and checks the ELF64 header (gABI "ELF Header"): magic, class, data, version, machine. */
export function readHeader(bytes: Uint8Array, view: DataView): Result<RawElfHeader> {
  if (bytes.length < 4 || ELF_MAGIC.some((b, i) => bytes[i] !== b)) {
    return fail(
      error(ElfCode.NOT_ELF, "not an ELF file: the first bytes are not 0x7f 'E' 'L' 'F'", { byteOffset: 0 }),
    );
  }
  if (bytes.length < ELF64_EHDR_SIZE) {
    return fail(
      error(ElfCode.TRUNCATED, `ELF header cut short: ${bytes.length} of ${ELF64_EHDR_SIZE} bytes`, {
        byteOffset: bytes.length,
      }),
    );
  }
  if (bytes[4] !== ELFCLASS64) {
    return fail(
      error(ElfCode.NOT_ELF, `ELF class ${bytes[4]} is not ELFCLASS64 (2); BPF objects are 64-bit`, {
        byteOffset: 4,
      }),
    );
  }
  if (bytes[5] !== ELFDATA2LSB) {
    return fail(
      error(
        ElfCode.NOT_ELF,
        `ELF data encoding ${bytes[5]} is not little-endian (1); big-endian BPF objects are not supported`,
        { byteOffset: 5, hint: "compile with -target bpfel (or -target bpf on a little-endian host)" },
      ),
    );
  }
  if (bytes[6] !== EV_CURRENT) {
    return fail(error(ElfCode.NOT_ELF, `ELF ident version ${bytes[6]} is not 1`, { byteOffset: 6 }));
  }
  const machine = view.getUint16(18, true);
  if (machine !== EM_BPF) {
    return fail(
      error(ElfCode.WRONG_MACHINE, `ELF machine ${machine} is not EM_BPF (${EM_BPF}): not a BPF object`, {
        byteOffset: 18,
        hint: "compile with clang -target bpf",
      }),
    );
  }
  const ehsize = view.getUint16(52, true);
  if (ehsize !== ELF64_EHDR_SIZE) {
    return fail(
      error(ElfCode.ENTRY_SIZE, `e_ehsize is ${ehsize}, not ${ELF64_EHDR_SIZE}`, { byteOffset: 52 }),
    );
  }
  const entry = u64(view, 24);
  if (entry === undefined) return fail(huge("e_entry", 24));
  const shoff = u64(view, 40);
  if (shoff === undefined) return fail(huge("e_shoff", 40));
  const shentsize = view.getUint16(58, true);
  const shnum = view.getUint16(60, true);
  if ((shnum !== 0 || shoff !== 0) && shentsize !== ELF64_SHDR_SIZE) {
    return fail(
      error(ElfCode.ENTRY_SIZE, `e_shentsize is ${shentsize}, not ${ELF64_SHDR_SIZE}`, { byteOffset: 58 }),
    );
  }
  return ok({
    type: view.getUint16(16, true),
    machine,
    version: view.getUint32(20, true),
    entry,
    flags: view.getUint32(48, true),
    shoff,
    shentsize,
    shnum,
    shstrndx: view.getUint16(62, true),
  });
}
