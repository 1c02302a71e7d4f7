import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `tsbpf run` on the kernel loads every module statically reachable from the CLI and the kernel
 * session before it attaches: module loading is most of its launch time (issue #9). These are the
 * parts it must reach only through `await import()`, when another mode or an error needs them.
 */
const ROOT = resolve(import.meta.dirname, "../..");

const STATIC_IMPORT =
  /^(?:import|export)\s+(?!type\s)([^;]*?)\s*from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gms;

/** Files and packages reachable through value imports (type-only imports load nothing). */
function staticGraph(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(STATIC_IMPORT)) {
      const names = m[1];
      if (names !== undefined && /^\{[^}]*\}$/s.test(names.trim())) {
        const parts = names
          .trim()
          .slice(1, -1)
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        if (parts.every((p) => p.startsWith("type "))) continue;
      }
      const spec = (m[2] ?? m[3])!;
      if (!spec.startsWith(".")) {
        seen.add(`package:${spec}`);
        continue;
      }
      const js = resolve(dirname(file), spec);
      const ts = js.replace(/\.js$/, ".ts");
      visit(existsSync(ts) ? ts : js);
    }
  };
  for (const e of entries) visit(join(ROOT, e));
  return new Set([...seen].map((f) => (f.startsWith("package:") ? f : relative(ROOT, f))));
}

describe("tsbpf run imports before attaching", () => {
  const graph = staticGraph([
    "compiler/cli/main.ts",
    "compiler/cli/commands/run.ts",
    "runtime/run/kernel-session.ts",
  ]);

  it("reaches the kernel loader and the verifier (the test sees real edges)", () => {
    expect(graph.has("runtime/kernel/collection.ts")).toBe(true);
    expect(graph.has("runtime/verifier/index.ts")).toBe(true);
  });

  it.each([
    ["the VM", (f: string) => f.startsWith("runtime/vm/")],
    ["the sandbox", (f: string) => f.startsWith("runtime/sandbox/")],
    ["the replay mode", (f: string) => f === "runtime/run/vm-replay.ts"],
    [
      "the ELF and object readers (objects only)",
      (f: string) => /^runtime\/(elf\/(index|read)|object\/load)\.ts$/.test(f),
    ],
    ["the compiler", (f: string) => f.startsWith("compiler/") && !f.startsWith("compiler/cli/")],
    ["ts-morph", (f: string) => f === "package:ts-morph"],
    ["@babel/code-frame (diagnostics only)", (f: string) => f === "package:@babel/code-frame"],
  ])("does not load %s", (_what, matches) => {
    expect([...graph].filter(matches)).toEqual([]);
  });
});
