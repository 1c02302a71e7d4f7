import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Op } from "../../runtime/isa/index.js";
import { loadCollectionSpec, type CollectionSpec, type ProgramSpec } from "../../runtime/object/index.js";
import { ROOT } from "./harness.js";

/** clang on the examples' C twins (examples/c/<name>.bpf.c), as the examples' README builds them. */

function probe(): boolean {
  try {
    execFileSync("clang", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const HAVE_CLANG = probe();

let dir: string | undefined;

export function clangTwin(name: string): CollectionSpec {
  dir ??= mkdtempSync(join(tmpdir(), "tsbpf-twins-"));
  const out = join(dir, `${name}.o`);
  execFileSync("clang", [
    "-O2",
    "-g",
    "-target",
    "bpf",
    "-mcpu=v3",
    "-I/usr/include/x86_64-linux-gnu",
    "-c",
    join(ROOT, "examples/c", `${name}.bpf.c`),
    "-o",
    out,
  ]);
  const spec = loadCollectionSpec(readFileSync(out), { file: out });
  if (!spec.ok) throw new Error(spec.diagnostics.map((d) => d.message).join("\n"));
  return spec.value;
}

/** Instruction slots (a lddw takes two), the count llvm-objdump's numbering and the kernel's insn_cnt use. */
export function slots(p: ProgramSpec): number {
  return p.instructions.reduce((n, i) => n + (i.opcode === Op.LDDW ? 2 : 1), 0);
}
