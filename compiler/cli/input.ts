import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { error, fail, ok, type Result } from "../../runtime/diag/diagnostic.js";
import type { Instruction } from "../../runtime/isa/instruction.js";
import { decodeProgram } from "../../runtime/isa/decode.js";
import { assemble } from "../../runtime/asm/index.js";
import {
  conformanceProgram,
  parseConformanceFile,
  type ConformanceCase,
} from "../../runtime/conformance/index.js";

/** CLI input-file diagnostics (TSB0001–TSB0009). */
export const InputCode = { UNREADABLE: "TSB0001", UNKNOWN_KIND: "TSB0002" } as const;

export type InputKind = "elf" | "raw" | "conformance" | "asm" | "typescript";

/** Reads a file's bytes, or a diagnostic saying why it cannot be read. */
export function readInput(path: string): Result<Uint8Array> {
  try {
    return ok(new Uint8Array(readFileSync(path)));
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    return fail(error(InputCode.UNREADABLE, `cannot read ${path}: ${reason}`));
  }
}

/** Decides what a file holds from its first bytes and its extension. */
export function inputKind(path: string, bytes: Uint8Array): InputKind {
  if (bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) return "elf";
  const ext = extname(path).toLowerCase();
  if (ext === ".data") return "conformance";
  if (ext === ".ts" || ext === ".mts") return "typescript";
  if (ext === ".s" || ext === ".asm" || ext === ".S") return "asm";
  return "raw";
}

/** Picks the assembler dialect of a text: bpf_conformance uses `%rN` registers, LLVM uses `rN`. */
export function detectDialect(text: string): "llvm" | "conformance" {
  return /%r\d/.test(text) ? "conformance" : "llvm";
}

/** A raw bytecode file, a `.data` conformance file or an assembler source, as instructions. */
export interface FlatProgram {
  readonly kind: "raw" | "conformance" | "asm";
  readonly instructions: Instruction[];
  /** Conformance case when the input was a `.data` file (memory and expected result). */
  readonly conformance?: ConformanceCase;
}

export function readFlatProgram(
  path: string,
  bytes: Uint8Array,
  kind: "raw" | "conformance" | "asm",
  dialect?: "llvm" | "conformance",
): Result<FlatProgram> {
  if (kind === "raw") {
    const r = decodeProgram(bytes);
    return r.ok ? ok({ kind, instructions: r.value }) : r;
  }
  const text = Buffer.from(bytes).toString("latin1");
  if (kind === "conformance") {
    const parsed = parseConformanceFile(text, path);
    if (!parsed.ok) return parsed;
    const program = conformanceProgram(parsed.value);
    return program.ok ? ok({ kind, instructions: program.value, conformance: parsed.value }) : program;
  }
  const r = assemble(text, { dialect: dialect ?? detectDialect(text), file: path });
  return r.ok ? ok({ kind, instructions: r.value }) : r;
}
