import { readFileSync } from "node:fs";
import { type KernelResult, success, usageError } from "./errors.js";

/** ELF constants (include/uapi/linux/elf.h). */
const SHT_SYMTAB = 2;
const SHT_DYNSYM = 11;
const STT_FUNC = 2;
const STT_GNU_IFUNC = 10;
const PT_LOAD = 1;
const PF_X = 1;

/** A function symbol of an executable or shared library, and where its code is in the file. */
export interface ElfFunction {
  readonly name: string;
  /** st_value: the virtual address the symbol table gives. */
  readonly address: bigint;
  readonly size: bigint;
  /** Byte offset of the code in the file: what the uprobe PMU takes as `probe_offset`. */
  readonly fileOffset: number;
}

/**
 * Finds `symbol` in a 64-bit little-endian ELF file's .symtab (then .dynsym) and turns its address
 * into a file offset through the executable PT_LOAD segment that holds it — what libbpf's
 * elf_find_func_offset does before attaching a uprobe (the kernel's uprobe_register takes an
 * inode and an offset, not an address).
 */
export function findElfFunction(path: string, symbol: string): KernelResult<ElfFunction> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return usageError(`cannot read ${path}: ${(e as Error).message}`, 2);
  }
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46)
    return usageError(`${path} is not an ELF file`, 8);
  if (bytes[4] !== 2 || bytes[5] !== 1)
    return usageError(`${path} is not a 64-bit little-endian ELF file`, 8);
  const shoff = Number(bytes.readBigUInt64LE(0x28));
  const shentsize = bytes.readUInt16LE(0x3a);
  const shnum = bytes.readUInt16LE(0x3c);
  const phoff = Number(bytes.readBigUInt64LE(0x20));
  const phentsize = bytes.readUInt16LE(0x36);
  const phnum = bytes.readUInt16LE(0x38);
  const sections = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return {
      type: bytes.readUInt32LE(at + 4),
      offset: Number(bytes.readBigUInt64LE(at + 24)),
      size: Number(bytes.readBigUInt64LE(at + 32)),
      link: bytes.readUInt32LE(at + 40),
      entsize: Number(bytes.readBigUInt64LE(at + 56)),
    };
  });
  const found = [SHT_SYMTAB, SHT_DYNSYM]
    .flatMap((type) => sections.filter((s) => s.type === type))
    .map((table) => lookup(bytes, table, sections[table.link], symbol))
    .find((s) => s !== undefined);
  if (!found) return usageError(`${path} has no function symbol '${symbol}' (is the binary stripped?)`, 2);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (bytes.readUInt32LE(at) !== PT_LOAD || !(bytes.readUInt32LE(at + 4) & PF_X)) continue;
    const offset = bytes.readBigUInt64LE(at + 8);
    const vaddr = bytes.readBigUInt64LE(at + 16);
    const memsz = bytes.readBigUInt64LE(at + 40);
    if (found.address >= vaddr && found.address < vaddr + memsz)
      return success({ name: symbol, ...found, fileOffset: Number(found.address - vaddr + offset) });
  }
  return usageError(`${path}: '${symbol}' is not inside an executable segment`, 8);
}

function lookup(
  bytes: Buffer,
  table: { offset: number; size: number; entsize: number },
  strings: { offset: number; size: number } | undefined,
  symbol: string,
): { address: bigint; size: bigint } | undefined {
  if (!strings || table.entsize < 24) return undefined;
  const want = Buffer.from(`${symbol}\0`);
  for (let at = table.offset; at + 24 <= table.offset + table.size; at += table.entsize) {
    const type = bytes[at + 4]! & 0xf;
    if (type !== STT_FUNC && type !== STT_GNU_IFUNC) continue;
    if (bytes.readUInt16LE(at + 6) === 0) continue; // undefined: imported from another object
    const name = strings.offset + bytes.readUInt32LE(at);
    if (bytes.compare(want, 0, want.length, name, name + want.length) !== 0) continue;
    return { address: bytes.readBigUInt64LE(at + 8), size: bytes.readBigUInt64LE(at + 16) };
  }
  return undefined;
}
