import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function hasClang(): boolean {
  try {
    execFileSync("clang", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const CLANG = hasClang();
if (!CLANG) console.log("clang not found: skipping tests that load clang-built objects");

let dir: string | undefined;
const built = new Map<string, string>();

function clang(src: string, out: string): void {
  execFileSync("clang", [
    "-O2",
    "-g",
    "-target",
    "bpf",
    "-mcpu=v3",
    "-I/usr/include/x86_64-linux-gnu",
    "-c",
    src,
    "-o",
    out,
  ]);
}

/** examples/c/<name>.bpf.c built as the examples' README says; returns the object's path. */
export function exampleObject(name: string): string {
  let out = built.get(name);
  if (!out) {
    dir ??= mkdtempSync(join(tmpdir(), "tsbpf-testing-"));
    out = join(dir, `${name}.bpf.o`);
    clang(join(import.meta.dirname, "../../examples/c", `${name}.bpf.c`), out);
    built.set(name, out);
  }
  return out;
}

/** A C program given inline, built with -g; returns the object's path (the source sits beside it). */
export function cObject(name: string, source: string): string {
  dir ??= mkdtempSync(join(tmpdir(), "tsbpf-testing-"));
  const src = join(dir, `${name}.bpf.c`);
  const out = join(dir, `${name}.bpf.o`);
  writeFileSync(src, source);
  clang(src, out);
  return out;
}
