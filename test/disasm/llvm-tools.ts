import { findTool } from "../support/tools.js";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** A tool of exactly this LLVM major version (`llvm-objdump-19`, `/usr/lib/llvm-19/bin/...`). */
export function llvmTool(name: string, major: number): string | undefined {
  return findTool(name, major);
}

/**
 * Disassembles one instruction per input line with llvm-mc (the same BPF instruction printer as
 * llvm-objdump). Returns, per line, the printed text or undefined when llvm-mc could not decode it.
 */
export function llvmMcDisassemble(
  mc: string,
  lines: readonly Uint8Array[],
  args: readonly string[] = [],
): (string | undefined)[] {
  const input =
    lines.map((b) => Array.from(b, (x) => "0x" + x.toString(16).padStart(2, "0")).join(" ")).join("\n") +
    "\n";
  const r = spawnSync(mc, ["--disassemble", "-triple=bpfel", ...args], {
    input,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`${mc} failed: ${r.stderr}`);
  const failed = new Set<number>();
  for (const m of r.stderr.matchAll(/<stdin>:(\d+):\d+: warning: invalid instruction encoding/g))
    failed.add(Number(m[1]) - 1);
  const texts = r.stdout
    .split("\n")
    .filter((l) => l.startsWith("\t") && l.trim() !== ".text")
    .map((l) => l.slice(1));
  const out: (string | undefined)[] = [];
  let k = 0;
  for (let i = 0; i < lines.length; i++) out.push(failed.has(i) ? undefined : texts[k++]);
  if (k !== texts.length)
    throw new Error(`llvm-mc printed ${texts.length} instructions for ${k} decodable lines`);
  return out;
}
