import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

/**
 * `tsbpf disasm X.o` against `llvm-objdump -dr --no-show-raw-insn X.o` on objects tsbpf did not
 * write: the committed ELF fixtures, and the C twins of the examples compiled now by clang.
 */
const which = (tool: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
};
const haveObjdump = which("llvm-objdump");
const haveClang = which("clang");
if (!haveObjdump)
  console.log("disasm-objects: llvm-objdump not installed; object listing comparison skipped");
if (!haveClang) console.log("disasm-objects: clang not installed; examples/c objects not built");

const FIXTURES = join(import.meta.dirname, "../fixtures/objects");
const fixtureObjects = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".o"))
  .map((f) => join(FIXTURES, f));

const tmp = mkdtempSync(join(tmpdir(), "tsbpf-objdump-"));
const multiarch = (() => {
  try {
    return execFileSync("gcc", ["-print-multiarch"], { encoding: "utf8" }).trim();
  } catch {
    return "x86_64-linux-gnu";
  }
})();
const EXAMPLES_C = join(import.meta.dirname, "../../examples/c");
const exampleObjects = haveClang
  ? readdirSync(EXAMPLES_C)
      .filter((f) => f.endsWith(".bpf.c"))
      .flatMap((f) =>
        ["v3", "v2"].map((cpu) => {
          const out = join(tmp, f.replace(/\.c$/, `.${cpu}.o`));
          execFileSync("clang", [
            "-O2",
            "-g",
            "-target",
            "bpf",
            `-mcpu=${cpu}`,
            `-I/usr/include/${multiarch}`,
            "-c",
            join(EXAMPLES_C, f),
            "-o",
            out,
          ]);
          return out;
        }),
      )
  : [];

describe.skipIf(!haveObjdump)("tsbpf disasm on objects matches llvm-objdump -dr", () => {
  it.each([...fixtureObjects, ...exampleObjects])("%s", async (object) => {
    const expected = execFileSync("llvm-objdump", ["-dr", "--no-show-raw-insn", object], {
      encoding: "utf8",
    });
    const r = await runCli("disasm", object);
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    // llvm-objdump 14 cannot decode ISA v4 (sdiv, movsx, ldxs, bswap, gotol) and prints
    // `<unknown>`; those lines are checked against LLVM's v4 spellings in test/disasm.
    const ours = r.out.trimEnd().split("\n");
    const theirs = expected.trimEnd().split("\n");
    expect(ours.length).toBe(theirs.length);
    const comparable = ours.map((line, i) => (theirs[i]!.endsWith("\t<unknown>") ? theirs[i]! : line));
    expect(comparable).toEqual(theirs);
    for (const [i, line] of theirs.entries())
      if (line.endsWith("\t<unknown>")) expect(ours[i]).not.toMatch(/unknown/);
  });
});
