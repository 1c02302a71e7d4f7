import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

/**
 * The reference tools tests compare against (clang, llvm-objdump, bpftool, ...): found once, by
 * running them, so a test can skip with a clear reason where a machine lacks one.
 */

const found = new Map<string, string | undefined>();

/** A tool that runs (`name --version` succeeds), optionally of one LLVM major version. */
export function findTool(name: string, major?: number): string | undefined {
  const key = `${name}@${major ?? ""}`;
  if (found.has(key)) return found.get(key);
  const candidates = major ? [`${name}-${major}`, `/usr/lib/llvm-${major}/bin/${name}`, name] : [name];
  let result: string | undefined;
  for (const c of candidates) {
    if (c.startsWith("/") && !existsSync(c)) continue;
    const r = spawnSync(c, ["--version"], { encoding: "utf8" });
    if (r.error || r.status !== 0) continue;
    if (major && !new RegExp(`(LLVM|clang) version ${major}\\.`).test(r.stdout)) continue;
    result = c;
    break;
  }
  found.set(key, result);
  return result;
}

/** Prints why tests that need `tool` are skipped, once per file; returns whether it is there. */
export function requireTool(tool: string, why: string, major?: number): boolean {
  const ok = findTool(tool, major) !== undefined;
  if (!ok) console.log(`${tool}${major ? `-${major}` : ""} not installed: skipping ${why}`);
  return ok;
}

/** `/usr/include/<multiarch>`, where `asm/types.h` lives for `#include <linux/bpf.h>`. */
export function multiarchInclude(): string {
  const r = spawnSync("gcc", ["-print-multiarch"], { encoding: "utf8" });
  const triple =
    r.status === 0 && r.stdout.trim()
      ? r.stdout.trim()
      : `${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu`;
  return `/usr/include/${triple}`;
}

let workDir: string | undefined;

/** A fresh temporary folder for this test process's build products. */
export function scratchDir(): string {
  workDir ??= mkdtempSync(join(tmpdir(), "tsbpf-test-"));
  return workDir;
}

export interface ClangOptions {
  /** -mcpu (default v3). */
  readonly cpu?: "v1" | "v2" | "v3" | "v4";
  /** LLVM major version of the clang to use (default: plain `clang`). */
  readonly major?: number;
  readonly out?: string;
  /** Run from this folder (with a relative source name, objects hold no absolute paths). */
  readonly cwd?: string;
  readonly extraFlags?: readonly string[];
}

/** `clang -O2 -g -target bpf -mcpu=… -c source`: the object's path. Throws with clang's stderr on failure. */
export function clangBpf(source: string, options: ClangOptions = {}): string {
  const clang = findTool("clang", options.major);
  if (!clang) throw new Error(`clang${options.major ? `-${options.major}` : ""} is not installed`);
  const cpu = options.cpu ?? "v3";
  const out = options.out ?? join(scratchDir(), basename(source).replace(/\.c$/, `.${cpu}.o`));
  try {
    execFileSync(
      clang,
      [
        "-O2",
        "-g",
        "-target",
        "bpf",
        `-mcpu=${cpu}`,
        `-I${multiarchInclude()}`,
        ...(options.extraFlags ?? []),
        "-c",
        source,
        "-o",
        out,
      ],
      { stdio: ["ignore", "ignore", "pipe"], ...(options.cwd ? { cwd: options.cwd } : {}) },
    );
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`clang failed on ${source}:\n${stderr}`);
  }
  return out;
}
