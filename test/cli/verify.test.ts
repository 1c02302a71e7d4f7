import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const OBJECTS = join(import.meta.dirname, "../fixtures/objects");
const GOLDEN = join(import.meta.dirname, "../verifier/golden");

describe("tsbpf verify", () => {
  it("accepts a DESIGN.md sample compiled from TypeScript", async () => {
    const r = await runCli("verify", "test/fixtures/compiler/samples/xdp-proto.ts");
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/accepted \(processed \d+ insns/);
  });

  it("accepts a clang-built object, program by program", async () => {
    const r = await runCli("verify", join(OBJECTS, "xdp_parse.v3.o"));
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/accepted/);
  });

  it("refuses a golden bad program with a TSB4 diagnostic and exit 1", async () => {
    const file = join(GOLDEN, "ctx-modified.s");
    const r = await runCli("verify", "--type", "xdp", file);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(new RegExp(`${file}:3:1: error TSB4014: .*dereference of modified ctx ptr`));
    expect(r.err).toMatch(/> 3 \| r0 = \*\(u32 \*\)\(r1 \+ 0\)/);
    expect(r.err).toMatch(/hint: /);
  });

  it("needs --type for raw programs", async () => {
    const r = await runCli("verify", "examples/asm/count.s");
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/--type/);
  });

  it("prints the kernel-style log on request", async () => {
    const r = await runCli("verify", "--type", "socket", "--log", "1", "examples/asm/count.s");
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/processed \d+ insns \(limit 1000000\)/);
  });
});
