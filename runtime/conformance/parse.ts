import { error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import type { ConformanceCase } from "./case.js";
import { ConformanceCode } from "./codes.js";

/**
 * Reader for bpf_conformance `.data` files, following upstream's test parser rule by rule
 * (shared/conformance/README.md, "File format"): `#` starts a comment anywhere, a line containing
 * `--` is a section header whose keyword is found by substring in a fixed order, blank lines
 * are ignored, and a file needs a program plus a `result` or an `error`.
 */

type Section = "asm" | "result" | "mem" | "raw" | "noRegisterOffset" | "c" | "error";

/** Upstream tests the header keywords in this order, by substring (README step 3). */
const HEADER_KEYWORDS: ReadonlyArray<readonly [string, Section]> = [
  ["asm", "asm"],
  ["result", "result"],
  ["mem", "mem"],
  ["raw", "raw"],
  ["no register offset", "noRegisterOffset"],
  [" c", "c"],
  ["error", "error"],
];

interface Line {
  /** Text with the comment removed. */
  readonly text: string;
  /** 1-based line number in the file. */
  readonly line: number;
}

interface Token {
  readonly text: string;
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

function tokens(lines: readonly Line[]): Token[] {
  const out: Token[] = [];
  for (const l of lines) {
    for (const m of l.text.matchAll(/\S+/g)) out.push({ text: m[0], line: l.line, column: m.index + 1 });
  }
  return out;
}

const at = (file: string, t: { line: number; column?: number }) => ({
  location: { file, line: t.line, column: t.column ?? 1 },
});

/** Parses one `.data` file; `text` should be read as latin-1 (13 files hold a stray 0x7F byte). */
export function parseConformanceFile(text: string, file: string): Result<ConformanceCase> {
  const rawLines = text.split("\n");
  const sections = new Map<Section, { header: number; lines: Line[] }>();
  const diagnostics: Diagnostic[] = [];
  let current: Section | undefined;

  for (let i = 0; i < rawLines.length; i++) {
    let line = rawLines[i]!;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    const hash = line.indexOf("#");
    if (hash >= 0) line = line.slice(0, hash);
    const lineNo = i + 1;
    if (line.includes("--")) {
      const found = HEADER_KEYWORDS.find(([keyword]) => line.includes(keyword));
      if (!found) {
        diagnostics.push(
          error(
            ConformanceCode.UNKNOWN_SECTION,
            `unknown section header '${line.trim()}' (known: -- asm, -- result, -- mem, -- raw, -- error, -- c, -- no register offset)`,
            at(file, { line: lineNo, column: line.indexOf("--") + 1 }),
          ),
        );
        current = undefined;
        continue;
      }
      current = found[1];
      if (sections.has(current)) {
        diagnostics.push(
          error(
            ConformanceCode.DUPLICATE_SECTION,
            `section '-- ${found[0].trim()}' appears twice (first at line ${sections.get(current)!.header})`,
            at(file, { line: lineNo, column: line.indexOf("--") + 1 }),
          ),
        );
        continue;
      }
      sections.set(current, { header: lineNo, lines: [] });
      continue;
    }
    if (line.trim() === "" || current === undefined) continue;
    sections.get(current)!.lines.push({ text: line, line: lineNo });
  }
  if (diagnostics.length) return fail(...diagnostics);

  const asmSection = sections.get("asm");
  const rawSection = sections.get("raw");
  const resultSection = sections.get("result");
  const errorSection = sections.get("error");

  let asm: ConformanceCase["asm"];
  if (asmSection && asmSection.lines.length > 0) {
    const first = asmSection.lines[0]!.line;
    const last = asmSection.lines[asmSection.lines.length - 1]!.line;
    // Whole file lines (comments included) so the assembler's line numbers are the file's.
    asm = {
      text: rawLines
        .slice(first - 1, last)
        .map(stripCr)
        .join("\n"),
      firstLine: first,
    };
  }

  let raw: Uint8Array | undefined;
  if (rawSection) {
    const r = parseRaw(rawSection.lines, file);
    if (!r.ok) diagnostics.push(...r.diagnostics);
    else raw = r.value;
  }

  let mem: Uint8Array = new Uint8Array(0);
  const memSection = sections.get("mem");
  if (memSection) {
    const r = parseMemory(memSection.lines, file);
    if (!r.ok) diagnostics.push(...r.diagnostics);
    else mem = r.value;
  }

  let result: bigint | undefined;
  if (resultSection && resultSection.lines.length > 0) {
    const r = parseResult(resultSection.lines[resultSection.lines.length - 1]!, file);
    if (!r.ok) diagnostics.push(...r.diagnostics);
    else result = r.value;
  }

  let expectedError: string | undefined;
  if (errorSection) {
    const last = errorSection.lines[errorSection.lines.length - 1];
    expectedError = last ? last.text.trim() : "";
  }

  if (result === undefined && expectedError === undefined && !diagnostics.length) {
    diagnostics.push(
      error(
        ConformanceCode.NO_EXPECTATION,
        "the file has neither a '-- result' nor an '-- error' section, so there is nothing to check",
        at(file, { line: 1 }),
      ),
    );
  }
  const hasProgram =
    (raw !== undefined && raw.length > 0) || (asm !== undefined && hasInstruction(asmSection!));
  if (!hasProgram) {
    diagnostics.push(
      error(
        ConformanceCode.NO_PROGRAM,
        "the file has no program: '-- asm' holds no instruction and there is no '-- raw' section",
        at(file, { line: asmSection?.header ?? 1 }),
      ),
    );
  }
  if (diagnostics.length) return fail(...diagnostics);

  return ok({
    file,
    ...(asm ? { asm } : {}),
    ...(raw ? { raw } : {}),
    mem,
    ...(result !== undefined ? { result } : {}),
    ...(expectedError !== undefined ? { error: expectedError } : {}),
  });
}

const stripCr = (l: string) => (l.endsWith("\r") ? l.slice(0, -1) : l);

/** A line that is not a label (`name:`) is an instruction (README: labels end in `:`). */
function hasInstruction(section: { lines: readonly Line[] }): boolean {
  return section.lines.some((l) => {
    const first = l.text.trim().split(/\s+/)[0]!;
    return !first.endsWith(":");
  });
}

/** `-- result`: hex when it contains `0x`, else decimal; compared as an unsigned 64-bit number. */
function parseResult(line: Line, file: string): Result<bigint> {
  const text = line.text.trim();
  const column = line.text.indexOf(text) + 1;
  let value: bigint | undefined;
  if (/^0x[0-9a-f]+$/i.test(text)) value = BigInt(text);
  else if (/^-?[0-9]+$/.test(text)) value = BigInt(text);
  if (value === undefined || value >= 1n << 64n || value < -(1n << 63n)) {
    return fail(
      error(
        ConformanceCode.BAD_RESULT,
        `'-- result' must be a 64-bit number (0x hex or decimal), not '${text}'`,
        at(file, { line: line.line, column }),
      ),
    );
  }
  return ok(BigInt.asUintN(64, value));
}

/** `-- mem`: whitespace-separated two-digit hex bytes over any number of lines. */
function parseMemory(lines: readonly Line[], file: string): Result<Uint8Array> {
  const toks = tokens(lines);
  const bytes = new Uint8Array(toks.length);
  const diagnostics: Diagnostic[] = [];
  toks.forEach((t, i) => {
    if (/^[0-9a-f]{1,2}$/i.test(t.text)) bytes[i] = parseInt(t.text, 16);
    else
      diagnostics.push(
        error(
          ConformanceCode.BAD_MEMORY,
          `'-- mem' holds hex bytes such as '0a'; '${t.text}' is not one`,
          at(file, t),
        ),
      );
  });
  return diagnostics.length ? fail(...diagnostics) : ok(bytes);
}

/**
 * `-- raw`: either one 64-bit number per slot, the little-endian image of the slot
 * (`0x5566778800000018`, tests/lddw.data), or eight separate hex bytes per line
 * (`95 00 00 00 00 00 00 00`, negative/unused-*.data). A line of several two-digit tokens
 * without `0x` is the byte form.
 */
function parseRaw(lines: readonly Line[], file: string): Result<Uint8Array> {
  const out: number[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const line of lines) {
    const toks = tokens([line]);
    const byteForm = toks.length > 1 && toks.every((t) => /^[0-9a-f]{2}$/i.test(t.text));
    if (byteForm) {
      for (const t of toks) out.push(parseInt(t.text, 16));
      continue;
    }
    for (const t of toks) {
      let value: bigint | undefined;
      if (/^0x[0-9a-f]{1,16}$/i.test(t.text)) value = BigInt(t.text);
      else if (/^[0-9]+$/.test(t.text) && BigInt(t.text) < 1n << 64n) value = BigInt(t.text);
      if (value === undefined) {
        diagnostics.push(
          error(
            ConformanceCode.BAD_RAW,
            `'-- raw' holds 64-bit slot values ('0x5566778800000018') or lines of 8 hex bytes; '${t.text}' is neither`,
            at(file, t),
          ),
        );
        continue;
      }
      for (let b = 0n; b < 64n; b += 8n) out.push(Number((value >> b) & 0xffn));
    }
  }
  return diagnostics.length ? fail(...diagnostics) : ok(Uint8Array.from(out));
}
