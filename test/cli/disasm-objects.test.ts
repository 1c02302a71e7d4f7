import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clangBpf, findTool, requireTool } from "../support/tools.js";
import { runCli } from "./run-cli.js";

/**
 * `tsbpf disasm X.o` against `llvm-objdump -dr --no-show-raw-insn X.o` on objects tsbpf did not
 * write: the committed ELF fixtures, and the C twins of the examples compiled now by clang.
 */
const haveObjdump = requireTool("llvm-objdump", "the object listing comparison");
const haveClang = requireTool("clang", "building examples/c objects");
const haveObjdump19 = findTool("llvm-objdump-19") !== undefined;

const FIXTURES = join(import.meta.dirname, "../fixtures/objects");
const fixtureObjects = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".o"))
  .map((f) => join(FIXTURES, f));

const EXAMPLES_C = join(import.meta.dirname, "../../examples/c");
const exampleObjects = haveClang
  ? readdirSync(EXAMPLES_C)
      .filter((f) => f.endsWith(".bpf.c"))
      .flatMap((f) => (["v3", "v2"] as const).map((cpu) => clangBpf(join(EXAMPLES_C, f), { cpu })))
  : [];

async function compareWith(tool: string, object: string, hexToDecimal: boolean): Promise<void> {
  let expected = execFileSync(tool, ["-dr", "--no-show-raw-insn", object], { encoding: "utf8" });
  if (hexToDecimal) {
    expected = expected.replace(/(?<![0-9a-f])0x([0-9a-f]+)(?![0-9a-f:])/g, (_, h: string) =>
      BigInt("0x" + h).toString(),
    );
  }
  const r = await runCli("disasm", object);
  expect(r.err).toBe("");
  expect(r.status).toBe(0);
  expect(r.out.trimEnd()).toBe(expected.trimEnd());
}

const objects = [...fixtureObjects, ...exampleObjects];
const isV4 = (o: string) => /\.v4\.o$/.test(o);
if (!haveObjdump19) console.log("disasm-objects: llvm-objdump-19 not installed; ISA v4 objects not compared");

describe.skipIf(!haveObjdump)("tsbpf disasm on objects matches llvm-objdump -dr", () => {
  it.each(objects.filter((o) => !isV4(o)))("%s", (object) => compareWith("llvm-objdump", object, false));
});

// llvm-objdump 14 cannot print ISA v4 (it shows sdiv as `/=`, movsx as a plain move, bswap and
// sign-extending loads as <unknown>), so v4 objects are compared with LLVM 19's listing, whose
// only other difference is that it prints immediates and offsets in hex.
describe.skipIf(!haveObjdump19)("tsbpf disasm on ISA v4 objects matches llvm-objdump-19 -dr", () => {
  it.each(objects.filter(isV4))("%s", (object) => compareWith("llvm-objdump-19", object, true));
});
