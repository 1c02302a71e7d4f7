import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import { requireTool } from "../support/tools.js";
import { runCli } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "tsbpf-build-"));
const SAMPLES = "test/fixtures/compiler/samples";
const haveObjdump = requireTool("llvm-objdump", "reading built objects with llvm-objdump");

describe("tsbpf build", () => {
  it.each(readdirSync(SAMPLES).filter((f) => f.endsWith(".ts")))(
    "builds %s into an object tsbpf reads back",
    async (f) => {
      const out = join(tmp, f.replace(/\.ts$/, ".bpf.o"));
      const r = await runCli("build", join(SAMPLES, f), "-o", out);
      expect(r.status).toBe(0);
      expect(r.out).toMatch(/wrote .*\.bpf\.o \(\d+ bytes\)/);
      const spec = loadCollectionSpec(readFileSync(out));
      expect(spec.ok).toBe(true);
      if (haveObjdump) execFileSync("llvm-objdump", ["-d", out], { stdio: "pipe" });
    },
  );

  it("refuses a program with errors and writes nothing", async () => {
    const bad = join(tmp, "bad.ts");
    writeFileSync(
      bad,
      'import { xdp } from "tsbpf";\nexport const p = xdp((ctx) => { const f = 1.5; return 2; });\n',
    );
    const out = join(tmp, "bad.bpf.o");
    const r = await runCli("build", bad, "-o", out);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/error TSB\d{4}/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("refuses an unwritable output with one clear message", async () => {
    const r = await runCli("build", join(SAMPLES, "syscount.ts"), "-o", "/nonexistent-dir/x.bpf.o");
    expect(r.status).toBe(1);
    expect(r.err.trim().split("\n")[0]).toMatch(/error TSB\d{4}: .*nonexistent-dir/);
  });

  it("--no-debug leaves out .BTF.ext", async () => {
    const out = join(tmp, "nodebug.bpf.o");
    expect((await runCli("build", join(SAMPLES, "syscount.ts"), "-o", out, "--no-debug")).status).toBe(0);
    const spec = loadCollectionSpec(readFileSync(out));
    expect(spec.ok && spec.value.btfExt).toBeUndefined();
  });

  it("--debug (the default) writes .BTF.ext; the last of --debug/--no-debug wins", async () => {
    const out = join(tmp, "debug.bpf.o");
    const args = ["build", join(SAMPLES, "syscount.ts"), "-o", out];
    expect((await runCli(...args, "--no-debug", "--debug")).status).toBe(0);
    const withInfo = loadCollectionSpec(readFileSync(out));
    expect(withInfo.ok && withInfo.value.btfExt).toBeDefined();
    expect((await runCli(...args, "--debug", "--no-debug")).status).toBe(0);
    const without = loadCollectionSpec(readFileSync(out));
    expect(without.ok && without.value.btfExt).toBeUndefined();
  });
});
