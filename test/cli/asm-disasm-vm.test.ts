import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const CONFORMANCE = join(import.meta.dirname, "../../../shared/conformance");
const tmp = mkdtempSync(join(tmpdir(), "tsbpf-cli-"));

describe("tsbpf asm / disasm / vm", () => {
  it("assembles the README example, disassembles it and runs it", async () => {
    const bin = join(tmp, "count.bin");
    const asm = await runCli("asm", "examples/asm/count.s", "-o", bin);
    expect(asm).toMatchObject({ status: 0, err: "" });
    expect(readFileSync(bin).length).toBe(6 * 8);
    const dis = await runCli("disasm", bin);
    expect(dis.out.split("\n")[4]).toBe("       4:\tif r1 <= 10 goto -3");
    const vm = await runCli("vm", bin);
    expect(vm.status).toBe(0);
    expect(vm.out.trim().split("\n").pop()).toBe("0x0000000000000037");
  });

  it("re-assembles its own disassembly to the same bytes", async () => {
    const bin = join(tmp, "lddw.bin");
    expect((await runCli("asm", join(CONFORMANCE, "tests/lddw2.data"), "-o", bin)).status).toBe(0);
    const listing = join(tmp, "lddw.s");
    writeFileSync(listing, (await runCli("disasm", bin)).out);
    const again = join(tmp, "lddw2.bin");
    expect((await runCli("asm", listing, "-o", again)).status).toBe(0);
    expect(readFileSync(again)).toEqual(readFileSync(bin));
  });

  it("runs a conformance file with its memory and checks its result", async () => {
    const r = await runCli("vm", join(CONFORMANCE, "tests/ldxh-all.data"), "--tier", "interpreter");
    expect(r.status).toBe(0);
    expect(r.out.trim().split("\n").pop()).toMatch(/^0x[0-9a-f]{16}$/);
  });

  it("runs XDP bytecode on a packet given as hex text", async () => {
    const src = join(tmp, "len.s");
    writeFileSync(src, "r2 = *(u32 *)(r1 + 4)\nr1 = *(u32 *)(r1 + 0)\nr2 -= r1\nr0 = r2\nexit\n");
    const bin = join(tmp, "len.bin");
    expect((await runCli("asm", src, "-o", bin)).status).toBe(0);
    const pkt = join(tmp, "pkt.txt");
    writeFileSync(pkt, "00 11 22 33 44 55 66\n77 88 99\n");
    const r = await runCli("vm", bin, "--packet", pkt);
    expect(r.out.trim().split("\n").pop()).toBe("0x000000000000000a");
  });

  it("reports a VM fault as an error with pc and region, not a stack trace", async () => {
    const src = join(tmp, "oob.s");
    writeFileSync(src, "r0 = *(u64 *)(r10 + 8)\nexit\n");
    const bin = join(tmp, "oob.bin");
    expect((await runCli("asm", src, "-o", bin)).status).toBe(0);
    const r = await runCli("vm", bin);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/pc 0/);
    expect(r.err).toMatch(/stack/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("conformance: 313 passed, 0 failed", async () => {
    const r = await runCli("conformance", CONFORMANCE);
    expect(r.status).toBe(0);
    expect(r.out.trim().split("\n").pop()).toBe("313 passed, 0 failed");
  });
});

describe("bad input", () => {
  const negatives = readdirSync(join(CONFORMANCE, "negative")).filter((f) => f.endsWith(".data"));

  it.each(negatives)("tsbpf asm refuses negative/%s with a located message", async (name) => {
    const r = await runCli("asm", join(CONFORMANCE, "negative", name), "-o", join(tmp, "neg.bin"));
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/error TSB\d{4}: /);
    expect(r.err).not.toMatch(/\n\s+at .*\.[jt]s:\d+/);
  });

  it.each(negatives)("tsbpf vm refuses negative/%s", async (name) => {
    const r = await runCli("vm", join(CONFORMANCE, "negative", name));
    expect(r.status).toBe(1);
    expect(r.err).not.toMatch(/\n\s+at .*\.[jt]s:\d+/);
  });

  it.each([
    ["missing file", ["disasm", "/nonexistent/x.bin"], 1, /cannot read/],
    ["missing -o", ["asm", "examples/asm/count.s"], 2, /output/],
    ["unknown command", ["frobnicate"], 2, /unknown command/],
    ["bad budget", ["vm", "examples/asm/count.s", "--budget", "lots"], 2, /budget/],
  ])("%s", async (_, argv, status, message) => {
    const r = await runCli(...(argv as string[]));
    expect(r.status).toBe(status);
    expect(r.err).toMatch(message as RegExp);
  });

  it("stops a runaway program at the budget", async () => {
    const src = join(tmp, "spin.s");
    writeFileSync(src, "r0 = 0\nloop:\nr0 += 1\ngoto loop\n");
    const r = await runCli("vm", src, "--budget", "1000");
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/budget/);
  });
});
