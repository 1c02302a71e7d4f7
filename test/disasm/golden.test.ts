import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disassemble, slotPrefix } from "../../runtime/disasm/index.js";
import { decodeProgram, encodeProgram, slotIndex, type Instruction } from "../../runtime/isa/index.js";
import { llvmTool } from "./llvm-tools.js";
import { parseObjdumpListing, sectionBytes, type Listing } from "./objdump-listing.js";

/**
 * Golden test against llvm-objdump on real clang output. The C programs in
 * test/fixtures/disasm/*.c are compiled at the listed -mcpu; every code section is decoded and
 * disassembled, and each line must equal `llvm-objdump -d --no-show-raw-insn` (and, with
 * `alu32`, `--mattr=+alu32`), `<label>` annotations aside. The committed `*.objdump` listings
 * (with raw bytes) make the test meaningful without clang; with clang present the programs are
 * also compiled afresh and checked the same way. TSBPF_UPDATE_GOLDEN=1 rewrites the listings.
 *
 * LLVM 14 cannot compile -mcpu=v4, so v4.c is built with clang 19 and checked against
 * llvm-objdump 19 (`--no-print-imm-hex`, whose text is LLVM 14's for the older forms).
 * Where LLVM 14 without alu32 prints `<unknown>` or misreads a 32-bit atomic (fetch-add shown
 * as a plain add), the default text is the alu32 listing's.
 */

const DIR = resolve(import.meta.dirname, "../fixtures/disasm");
const FIXTURES: ReadonlyArray<{ name: string; cpu: string; llvm: number }> = [
  ...["tracepoint", "xdp", "tc", "socket_filter", "ringbuf", "loops"].flatMap((name) => [
    { name, cpu: "v1", llvm: 14 },
    { name, cpu: "v3", llvm: 14 },
  ]),
  { name: "atomics", cpu: "v3", llvm: 14 },
  { name: "v4", cpu: "v4", llvm: 19 },
];
const UPDATE = process.env.TSBPF_UPDATE_GOLDEN === "1";
const base = (f: { name: string; cpu: string }) => join(DIR, `${f.name}.${f.cpu}`);

/** Expected listing lines (slot prefix + text) for one section, with the LLVM 14 gaps filled from alu32. */
function expectedLines(listing: Listing, alu32: Listing, section: string, program: readonly Instruction[]) {
  const plain = listing.get(section)!;
  const wide = new Map(alu32.get(section)!.map((l) => [l.slot, l.text]));
  const slots = slotIndex(program);
  return plain.map((l, i) => {
    const insn = program[slots.indexOf(l.slot)] ?? program[i]!;
    const llvm14Gap = l.text === "<unknown>" || (insn.opcode === 0xc3 && insn.imm !== 0);
    return slotPrefix(l.slot) + (llvm14Gap ? wide.get(l.slot)! : l.text);
  });
}

function checkListings(
  listing: Listing,
  alu32: Listing,
  objectBytes?: (section: string) => Uint8Array,
): number {
  let checked = 0;
  expect(listing.size).toBeGreaterThan(0);
  for (const [section, listed] of listing) {
    const bytes = sectionBytes(listed);
    if (objectBytes) expect(objectBytes(section)).toEqual(bytes);
    const decoded = decodeProgram(bytes);
    if (!decoded.ok) throw new Error(`${section}: ${decoded.diagnostics.map((d) => d.message).join("; ")}`);
    const program = decoded.value;
    expect(encodeProgram(program)).toEqual(bytes);
    const ours = disassemble(program);
    expect(ours).toEqual(expectedLines(listing, alu32, section, program));
    const oursAlu32 = disassemble(program, { alu32: true });
    expect(oursAlu32).toEqual(alu32.get(section)!.map((l) => slotPrefix(l.slot) + l.text));
    checked += program.length;
  }
  return checked;
}

describe("committed llvm-objdump listings", () => {
  it.each(FIXTURES.map((f) => [`${f.name}.${f.cpu}`, f] as const))("%s", (_id, f) => {
    const plain = base(f) + ".objdump";
    if (!existsSync(plain) && UPDATE) return; // written by the live test below
    const n = checkListings(
      parseObjdumpListing(readFileSync(plain, "utf8")),
      parseObjdumpListing(readFileSync(base(f) + ".alu32.objdump", "utf8")),
    );
    expect(n).toBeGreaterThan(5);
  });
});

const multiarch = `/usr/include/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu`;
const tools = new Map(
  [14, 19].map((major) => [
    major,
    {
      clang: llvmTool("clang", major),
      objdump: llvmTool("llvm-objdump", major),
      objcopy: llvmTool("llvm-objcopy", major) ?? llvmTool("llvm-objcopy", 14),
    },
  ]),
);
for (const [major, t] of tools) {
  if (!t.clang || !t.objdump)
    console.log(
      `disasm: clang/llvm-objdump ${major} not found, live golden checks for LLVM ${major} skipped`,
    );
}
const work = mkdtempSync(join(tmpdir(), "tsbpf-disasm-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("fresh clang objects against llvm-objdump", () => {
  for (const f of FIXTURES) {
    const t = tools.get(f.llvm)!;
    it.skipIf(!t.clang || !t.objdump || !t.objcopy)(`${f.name}.${f.cpu} (clang ${f.llvm})`, () => {
      const obj = join(work, `${f.name}.${f.cpu}.o`);
      execFileSync(t.clang!, [
        "-O2",
        "-g",
        "-target",
        "bpf",
        `-mcpu=${f.cpu}`,
        `-I${multiarch}`,
        "-c",
        join(DIR, `${f.name}.c`),
        "-o",
        obj,
      ]);
      const hexFlag = f.llvm >= 15 ? ["--no-print-imm-hex"] : [];
      const objdump = (extra: string[]) =>
        execFileSync(t.objdump!, ["-d", ...hexFlag, ...extra, obj], { encoding: "utf8" }).replace(
          /^.*:\tfile format/m,
          `${f.name}.${f.cpu}.o:\tfile format`,
        );
      const plain = objdump([]);
      const alu32 = objdump(["--mattr=+alu32"]);
      const sectionOf = (section: string) => {
        const out = join(work, `${f.name}.${f.cpu}.${section.replace(/\W/g, "_")}.bin`);
        execFileSync(t.objcopy!, ["-O", "binary", `--only-section=${section}`, obj, out]);
        return new Uint8Array(readFileSync(out));
      };
      const n = checkListings(parseObjdumpListing(plain), parseObjdumpListing(alu32), sectionOf);
      expect(n).toBeGreaterThan(5);
      // The text without raw bytes is the same text (what the brief compares against).
      const noRaw = parseObjdumpListing(objdump(["--no-show-raw-insn"]));
      for (const [section, listed] of parseObjdumpListing(plain)) {
        expect(noRaw.get(section)!.map((l) => l.text)).toEqual(listed.map((l) => l.text));
      }
      if (UPDATE) {
        writeFileSync(base(f) + ".objdump", plain);
        writeFileSync(base(f) + ".alu32.objdump", alu32);
      }
    });
  }
});
