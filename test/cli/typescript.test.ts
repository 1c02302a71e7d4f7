import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const SAMPLE = "test/fixtures/compiler/samples/syscount.ts";
const tmp = mkdtempSync(join(tmpdir(), "tsbpf-cli-ts-"));

describe("tsbpf check / disasm / vm on TypeScript", () => {
  it("check accepts a DESIGN.md sample", async () => {
    const r = await runCli("check", SAMPLE);
    expect(r).toMatchObject({ status: 0, err: "" });
    expect(r.out).toMatch(/ok \(1 program, 1 map\)/);
  });

  it("check prints every diagnostic with location, code frame and exit 1", async () => {
    const bad = join(tmp, "bad.ts");
    writeFileSync(
      bad,
      [
        'import { tracepoint, type u32 } from "tsbpf";',
        'export const p = tracepoint("syscalls/sys_enter_openat", (ctx) => {',
        "  const x: u32 = 1.5;",
        "  class C {}",
        "  return 0;",
        "});",
        "",
      ].join("\n"),
    );
    const r = await runCli("check", bad);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(new RegExp(`${bad}:3:\\d+: error TSB\\d{4}: `));
    expect(r.err).toMatch(new RegExp(`${bad}:4:\\d+: error TSB\\d{4}: `));
    expect(r.err).toMatch(/> 3 \|/);
  });

  it("disasm interleaves the TypeScript lines", async () => {
    const r = await runCli("disasm", SAMPLE);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/Disassembly of section tracepoint\/syscalls\/sys_enter_openat:/);
    expect(r.out).toMatch(
      /; const pid: u32 = bpf\.getCurrentPidTgid\(\) >> 32;\s+\[syscount\.ts:7\]\n\s+0:\tcall 14/,
    );
  });

  it("vm compiles and runs the program in the sandbox", async () => {
    const r = await runCli("vm", SAMPLE);
    expect(r.status).toBe(0);
    expect(r.out.trim().split("\n").pop()).toBe("0x0000000000000000");
  });

  it("vm runs XDP on a packet file and prints the maps it changed", async () => {
    const r = await runCli(
      "vm",
      "test/fixtures/compiler/samples/xdp-proto.ts",
      "--packet",
      "examples/packets/ipv4-udp.hex",
    );
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines).toContain("perProto[17] = 1");
    expect(lines.pop()).toBe("0x0000000000000002");
  });

  it("vm refuses an unknown program name and lists the ones there are", async () => {
    const r = await runCli("vm", SAMPLE, "-p", "nope");
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/onOpenat/);
  });
});
