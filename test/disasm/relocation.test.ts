import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BPF_RELOCATION_NAMES, disassemble, formatRelocation } from "../../runtime/disasm/index.js";
import { decodeProgram, slotIndex } from "../../runtime/isa/index.js";
import { llvmTool } from "./llvm-tools.js";
import { parseObjdumpListing, sectionBytes } from "./objdump-listing.js";

/**
 * Relocation lines as `llvm-objdump -dr` prints them. The relocation entries come from
 * `llvm-readelf -r` (independent of objdump); attached to the decoded instructions as
 * `meta.reloc`, `disassemble(…, { relocations: true, showRawInsn: true })` must reproduce the
 * `--mattr=+alu32` objdump listing line for line (alu32 so LLVM 14 decodes every atomic).
 */

const DIR = resolve(import.meta.dirname, "../fixtures/disasm");
const UPDATE = process.env.TSBPF_UPDATE_GOLDEN === "1";
const TYPE_NUMBER = new Map(Object.entries(BPF_RELOCATION_NAMES).map(([n, name]) => [name, Number(n)]));

/** `llvm-readelf -r` rows per relocated section (`.relxdp` → `xdp`). */
function readelfRelocations(text: string): Map<string, { offset: number; type: string; symbol: string }[]> {
  const out = new Map<string, { offset: number; type: string; symbol: string }[]>();
  let current: { offset: number; type: string; symbol: string }[] | undefined;
  for (const line of text.split("\n")) {
    const head = /^Relocation section '\.rel(.+)' at offset/.exec(line);
    if (head) {
      current = [];
      out.set(head[1]!, current);
      continue;
    }
    const row = /^([0-9a-f]{16})\s+[0-9a-f]{16}\s+(R_BPF_\w+)\s+[0-9a-f]{16}\s+(\S+)$/.exec(line);
    if (row && current) current.push({ offset: parseInt(row[1]!, 16), type: row[2]!, symbol: row[3]! });
  }
  return out;
}

/** The instruction and relocation lines of one section of an `objdump -dr` listing, annotations removed. */
function objdumpSectionLines(listing: string, section: string): string[] {
  const lines: string[] = [];
  let inside = false;
  for (const line of listing.split("\n")) {
    const header = /^Disassembly of section (.+):$/.exec(line);
    if (header) {
      inside = header[1] === section;
      continue;
    }
    if (!inside) continue;
    if (/^ *\d+:\t/.test(line)) lines.push(line.replace(/ <[^<>]+>$/, ""));
    else if (line.startsWith("\t\t")) lines.push(line);
  }
  return lines;
}

function check(listing: string, readelf: string): number {
  const relocs = readelfRelocations(readelf);
  let count = 0;
  for (const [section, listed] of parseObjdumpListing(listing)) {
    const decoded = decodeProgram(sectionBytes(listed));
    if (!decoded.ok) throw new Error(decoded.diagnostics.map((d) => d.message).join("; "));
    const slots = slotIndex(decoded.value);
    const program = decoded.value.map((insn, i) => {
      const r = (relocs.get(section) ?? []).find((x) => x.offset === slots[i]! * 8);
      if (!r) return insn;
      count++;
      return { ...insn, meta: { reloc: { symbol: r.symbol, type: TYPE_NUMBER.get(r.type)! } } };
    });
    expect(disassemble(program, { relocations: true, showRawInsn: true, alu32: true })).toEqual(
      objdumpSectionLines(listing, section),
    );
  }
  return count;
}

describe("formatRelocation", () => {
  it.each([
    [{ offset: 0x10, type: 1, symbol: "counts" }, "\t\t0000000000000010:  R_BPF_64_64\tcounts"],
    [{ offset: 0x70, type: 10, symbol: ".text" }, "\t\t0000000000000070:  R_BPF_64_32\t.text"],
    [{ offset: 0, type: "R_BPF_64_ABS64", symbol: "x" }, "\t\t0000000000000000:  R_BPF_64_ABS64\tx"],
    [{ offset: 8, type: 1, symbol: "m", addend: 16 }, "\t\t0000000000000008:  R_BPF_64_64\tm+0x10"],
  ] as const)("%j", (r, line) => {
    expect(formatRelocation(r)).toBe(line);
  });
});

const COMMITTED = ["loops.v3", "tracepoint.v1"];

describe("committed llvm-objdump -dr listings", () => {
  it.each(COMMITTED)("%s", (id) => {
    const dr = join(DIR, `${id}.dr.objdump`);
    if (!existsSync(dr) && UPDATE) return;
    const n = check(readFileSync(dr, "utf8"), readFileSync(join(DIR, `${id}.readelf`), "utf8"));
    expect(n).toBeGreaterThan(0);
  });
});

const clang = llvmTool("clang", 14);
const objdump = llvmTool("llvm-objdump", 14);
const readelf = llvmTool("llvm-readelf", 14);
const live = Boolean(clang && objdump && readelf);
if (!live)
  console.log("disasm: clang/llvm-objdump/llvm-readelf 14 not found, live relocation checks skipped");
const work = mkdtempSync(join(tmpdir(), "tsbpf-reloc-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const multiarch = `/usr/include/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu`;

describe("fresh clang objects against llvm-objdump -dr", () => {
  for (const name of ["tracepoint", "xdp", "tc", "socket_filter", "ringbuf", "loops", "atomics"]) {
    for (const cpu of name === "atomics" ? ["v3"] : ["v1", "v3"]) {
      it.skipIf(!live)(`${name}.${cpu}`, () => {
        const obj = join(work, `${name}.${cpu}.o`);
        execFileSync(clang!, [
          "-O2",
          "-g",
          "-target",
          "bpf",
          `-mcpu=${cpu}`,
          `-I${multiarch}`,
          "-c",
          join(DIR, `${name}.c`),
          "-o",
          obj,
        ]);
        const listing = execFileSync(objdump!, ["-dr", "--mattr=+alu32", obj], { encoding: "utf8" }).replace(
          /^.*:\tfile format/m,
          `${name}.${cpu}.o:\tfile format`,
        );
        const rel = execFileSync(readelf!, ["-r", obj], { encoding: "utf8" });
        check(listing, rel);
        const id = `${name}.${cpu}`;
        if (UPDATE && COMMITTED.includes(id)) {
          writeFileSync(join(DIR, `${id}.dr.objdump`), listing);
          const code = [...parseObjdumpListing(listing).keys()];
          const blocks = rel
            .split(/\n(?=Relocation section)/)
            .filter((b) => code.some((s) => b.includes(`'.rel${s}'`)));
          writeFileSync(join(DIR, `${id}.readelf`), blocks.join("\n").trim() + "\n");
        }
      });
    }
  }
});
