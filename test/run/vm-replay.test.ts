import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

/**
 * `tsbpf run --vm --input` on recorded inputs, against committed golden output (text and JSON
 * lines). UPDATE_GOLDEN=1 rewrites the goldens; review the diff.
 */
const FIXTURES = "test/run/fixtures";
const GOLDEN = "test/run/golden";
const update = process.env.UPDATE_GOLDEN === "1";

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (update || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    if (!update) throw new Error(`wrote missing golden ${file}; check it and run again`);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("tsbpf run --vm --input: recorded inputs through the VM", () => {
  it.each(["syscount", "exectrace", "xdp_proto", "tc_flowstats", "syslatency"])("%s (text)", async (name) => {
    const r = await runCli(
      "run",
      `examples/${name}/${name}.ts`,
      "--vm",
      "--input",
      join(FIXTURES, `${name}.jsonl`),
    );
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    golden(`${name}.txt`, r.out);
  });

  it.each(["syscount", "exectrace", "syslatency"])("%s (JSON lines)", async (name) => {
    const r = await runCli(
      "run",
      `examples/${name}/${name}.ts`,
      "--vm",
      "--json",
      "--input",
      join(FIXTURES, `${name}.jsonl`),
    );
    expect(r.status).toBe(0);
    for (const line of r.out.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
    golden(`${name}.jsonl.txt`, r.out);
  });

  it("counts the same as the inputs say (not only the golden)", async () => {
    const r = await runCli(
      "run",
      "examples/syscount/syscount.ts",
      "--vm",
      "--json",
      "--input",
      join(FIXTURES, "syscount.jsonl"),
    );
    const map = JSON.parse(r.out.trim().split("\n").at(-1)!) as {
      entries: Array<{ key: number; value: number }>;
    };
    // syscount.jsonl: pid 42 three times then once, pid 7 once, pid 1000 five times
    expect(Object.fromEntries(map.entries.map((e) => [e.key, e.value]))).toEqual({ 7: 1, 42: 4, 1000: 5 });
  });

  it("-p leaves the other programs' inputs out", async () => {
    const r = await runCli(
      "run",
      "examples/syslatency/syslatency.ts",
      "--vm",
      "-p",
      "on_enter",
      "--json",
      "--input",
      join(FIXTURES, "syslatency.jsonl"),
    );
    expect(r.status).toBe(0);
    const start = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { name: string; entries?: unknown[] })
      .find((l) => l.name === "start");
    expect(start?.entries).toHaveLength(5); // entered, never exited
  });

  it("reports every bad line of an input file with its line number", async () => {
    const r = await runCli(
      "run",
      "examples/syscount/syscount.ts",
      "--vm",
      "--input",
      join(FIXTURES, "bad.jsonl"),
    );
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/bad\.jsonl:2:1: error TSB5011: not JSON/);
    expect(r.err).toMatch(/bad\.jsonl:3:1: error TSB5011: unknown key\(s\) colour/);
    expect(r.err).not.toMatch(/bad\.jsonl:1:/);
  });

  it("says which program an input is for when the probe has several", async () => {
    const input = join(FIXTURES, "syscount.jsonl"); // its later lines name no program
    const r = await runCli("run", "examples/syslatency/syslatency.ts", "--vm", "--input", input);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/TSB5011: .*has no program on_sys_enter/);
  });

  it("needs --input with --vm, and refuses bad durations", async () => {
    expect((await runCli("run", "examples/syscount/syscount.ts", "--vm")).err).toMatch(
      /TSB5010: --vm replays/,
    );
    const d = await runCli("run", "examples/syscount/syscount.ts", "--duration", "ten");
    expect(d.status).toBe(1);
    expect(d.err).toMatch(/TSB5010: --duration ten is not a duration/);
  });
});
