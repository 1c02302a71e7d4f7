import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildObject, defaultOutput, EmitCode } from "../../compiler/emit/index.js";
import { DiagnosticCode } from "../../compiler/index.js";
import { readElf, sectionByName } from "../../runtime/elf/index.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";

/**
 * `buildObject`, what `tsbpf build` runs: the object lands at the default or given path, and
 * every failure — missing input, compile errors, an output that cannot be written — is one
 * diagnostic with a code while the output path keeps what it had and no temporary file remains.
 */
const SAMPLE = resolve(import.meta.dirname, "../fixtures/compiler/samples/syscount.ts");

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "tsbpf-build-"));
}

describe("buildObject", () => {
  it("writes probe.bpf.o beside probe.ts by default, and it reads back", () => {
    const dir = freshDir();
    const entry = join(dir, "probe.ts");
    copyFileSync(SAMPLE, entry);
    const r = buildObject(entry);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
    expect(r.value.out).toBe(join(dir, "probe.bpf.o"));
    const bytes = new Uint8Array(readFileSync(r.value.out));
    expect(bytes.length).toBe(r.value.size);
    const spec = loadCollectionSpec(bytes);
    expect(spec.ok && spec.value.programs.map((p) => p.name)).toEqual(["onOpenat"]);
    expect(readdirSync(dir).sort()).toEqual(["probe.bpf.o", "probe.ts"]);
  });

  it("verifies the object as written: globals and BPF-to-BPF calls pass without warnings", () => {
    const dir = freshDir();
    const entry = join(dir, "probe.ts");
    writeFileSync(
      entry,
      `import { rawTracepoint, u64 } from "tsbpf";
let seen: u64 = 0;
let last: u64 = 7;
/** @noinline */
function mix(a: u64, b: u64): u64 {
  return a * 31 + b;
}
export const p = rawTracepoint("sys_enter", (ctx) => {
  seen += 1;
  last = mix(ctx.arg(0), last);
  return 0;
});
`,
    );
    const r = buildObject(entry);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
    expect(r.warnings ?? []).toEqual([]);
    const spec = loadCollectionSpec(new Uint8Array(readFileSync(r.value.out)));
    expect(spec.ok && spec.value.data.map((d) => d.name).sort()).toEqual([".bss", ".data"]);
  });

  it("writes to -o, replacing what was there, and strips .BTF.ext without debug", () => {
    const dir = freshDir();
    const out = join(dir, "x.o");
    writeFileSync(out, "old");
    const r = buildObject(SAMPLE, { out, debug: false });
    expect(r.ok).toBe(true);
    const elf = readElf(new Uint8Array(readFileSync(out)));
    if (!elf.ok) throw new Error(elf.diagnostics[0]!.message);
    expect(sectionByName(elf.value, ".BTF")).toBeDefined();
    expect(sectionByName(elf.value, ".BTF.ext")).toBeUndefined();
    expect(readdirSync(dir)).toEqual(["x.o"]);
  });

  it("writes the same bytes for the same program", () => {
    const dir = freshDir();
    const [a, b] = ["a.o", "b.o"].map((n) => {
      const r = buildObject(SAMPLE, { out: join(dir, n) });
      if (!r.ok) throw new Error(r.diagnostics[0]!.message);
      return readFileSync(r.value.out);
    });
    expect(a!.equals(b!)).toBe(true);
  });

  it("names the default output after the entry file", () => {
    expect(defaultOutput("dir/probe.ts")).toBe(join("dir", "probe.bpf.o"));
    expect(defaultOutput("probe.mts")).toBe("probe.bpf.o");
  });

  const failures: Array<[string, (dir: string) => { entry: string; out: string }, string]> = [
    [
      "a missing input file",
      (dir) => ({ entry: join(dir, "nope.ts"), out: join(dir, "out.o") }),
      DiagnosticCode.FILE,
    ],
    [
      "a program with a compile error",
      (dir) => {
        const entry = join(dir, "bad.ts");
        writeFileSync(
          entry,
          'import { xdp } from "tsbpf";\nexport const p = xdp((ctx) => { const x = 1.5; return 0; });\n',
        );
        return { entry, out: join(dir, "out.o") };
      },
      DiagnosticCode.FLOAT,
    ],
    [
      "an output in a folder that does not exist",
      (dir) => ({ entry: SAMPLE, out: join(dir, "missing", "out.o") }),
      EmitCode.OUTPUT,
    ],
    [
      "an output under a regular file",
      (dir) => {
        writeFileSync(join(dir, "file"), "");
        return { entry: SAMPLE, out: join(dir, "file", "out.o") };
      },
      EmitCode.OUTPUT,
    ],
    [
      "an output that is a folder",
      (dir) => {
        mkdirSync(join(dir, "folder"));
        return { entry: SAMPLE, out: join(dir, "folder") };
      },
      EmitCode.BAD_OUTPUT_PATH,
    ],
    [
      "an output that is the input",
      (dir) => {
        const entry = join(dir, "probe.ts");
        copyFileSync(SAMPLE, entry);
        return { entry, out: entry };
      },
      EmitCode.BAD_OUTPUT_PATH,
    ],
  ];
  for (const [what, setup, code] of failures) {
    it(`fails with ${code} on ${what}, leaving no file behind`, () => {
      const dir = freshDir();
      const { entry, out } = setup(dir);
      const before = readdirSync(dir).sort();
      const beforeOut =
        existsSync(out) && !readdirSync(dir).includes("folder") ? readFileSync(out) : undefined;
      const r = buildObject(entry, { out });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.diagnostics.map((d) => d.code)).toContain(code);
      expect(r.diagnostics.every((d) => d.message.length > 0)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(before);
      if (beforeOut) expect(readFileSync(out)).toEqual(beforeOut);
    });
  }
});
