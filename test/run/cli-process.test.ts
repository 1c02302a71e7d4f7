import { execFileSync, spawn } from "node:child_process";
import { closeSync, openSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scratchDir } from "../support/tools.js";
import { kernelObjects, kernelSkipReason, leakedObjects } from "./session-harness.js";

/**
 * `tsbpf run` as a user runs it: a separate node process, stopped by --duration or by SIGINT.
 * bin/tsbpf.js runs dist/, which is only as new as the last build, so the sources are compiled
 * here into a cache folder inside the repository (node_modules resolves from there) and a small
 * launcher runs that build's main() exactly as bin/tsbpf.js does.
 */
const skip = kernelSkipReason();
if (skip) console.log(`skipping tsbpf run subprocess tests on the live kernel: ${skip}`);

const OUT = resolve("node_modules/.cache/tsbpf-run-cli-test");
let launcher = "";

function runFor(
  args: string[],
  stopAfterMs: number | undefined,
): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [launcher, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
      // Ctrl-C once attached, after the probe has seen some activity
      if (stopAfterMs !== undefined && /Attached/.test(err) && !child.killed)
        setTimeout(() => {
          for (let i = 0; i < 5; i++) closeSync(openSync("/etc/hostname", "r"));
          child.kill("SIGINT");
        }, stopAfterMs);
    });
    child.on("close", (code, signal) => done({ code, signal, out, err }));
  });
}

describe.skipIf(skip !== undefined)("tsbpf run in its own process", () => {
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [resolve("node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", OUT],
      {
        stdio: "pipe",
      },
    );
    writeFileSync(join(OUT, "package.json"), '{"type":"module"}\n');
    launcher = join(scratchDir(), "tsbpf-launcher.mjs");
    writeFileSync(
      launcher,
      `const { main } = await import(${JSON.stringify(join(OUT, "compiler/cli/main.js"))});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
    );
  }, 120_000);

  it("--duration 2s: attaches, prints the counts table at exit and exits 0", async () => {
    const r = await runFor(["run", "examples/syscount/syscount.ts", "--duration", "2s"], undefined);
    expect(r.err).toMatch(/^Attached 1 program: tracepoint raw_syscalls\/sys_enter\. Ctrl-C to stop\.$/m);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/@counts:\n +key +value\n( +\d+ +\d+\n)+/);
  });

  it("Ctrl-C detaches, prints the final maps and exits 0", async () => {
    const before = kernelObjects();
    const r = await runFor(["run", "examples/syscount/syscount.ts", "--json", "--interval", "200ms"], 600);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; final?: boolean; entries?: unknown[] });
    expect(lines.filter((l) => l.final === false).length).toBeGreaterThan(0); // interval prints
    const last = lines.at(-1)!;
    expect(last).toMatchObject({ type: "map", final: true });
    expect(last.entries!.length).toBeGreaterThan(0);
    // nothing of the probe is left in the kernel (release is deferred a little)
    let leaked = leakedObjects(before, ["on_sys_enter", "counts"]);
    for (let i = 0; i < 20 && leaked.length; i++) {
      await new Promise((r2) => setTimeout(r2, 100));
      leaked = leakedObjects(before, ["on_sys_enter", "counts"]);
    }
    expect(leaked).toEqual([]);
  });

  it("a refused probe exits 1 with a coded diagnostic", async () => {
    const r = await runFor(["run", "examples/xdp_proto/xdp_proto.ts", "--iface", "tsbpf-none0"], undefined);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error TSB5005: no network interface named 'tsbpf-none0'/);
  });
});
