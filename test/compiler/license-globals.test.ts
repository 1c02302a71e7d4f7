import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../compiler/index.js";
import { buildObject } from "../../compiler/emit/index.js";
import { formatDiagnosticLine, unwrap } from "../../runtime/diag/diagnostic.js";
import { kernelAvailability, loadCollection } from "../../runtime/kernel/index.js";
import { decode } from "../../runtime/layout/index.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import { findTool, scratchDir } from "../support/tools.js";

/**
 * Issue #6 leftovers: the license is settable from the source (`license("…")`, which `tsbpf build`
 * writes to the `license` section and the kernel judges), and compile() reports each global's
 * section, offset and layout next to the maps' layouts.
 */

const IMPORTS = 'import { xdp, bpf, license, type u8, type u32, type u64 } from "tsbpf";\n';
const PRINTK = 'export const p = xdp(() => { bpf.tracePrintk("hi %d\\n", 1); return 2; });\n';

function compileOk(text: string) {
  const r = compileSource(IMPORTS + text, "test/fixtures/compiler/license.ts");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n"));
  return r.value;
}

function codes(text: string): string[] {
  const r = compileSource(IMPORTS + text, "test/fixtures/compiler/license.ts");
  return r.ok ? [] : r.diagnostics.map((d) => d.code);
}

describe("license from the source", () => {
  it.each([
    ['export const LICENSE = license("Dual MIT/GPL");', "Dual MIT/GPL"],
    ['const LICENSE = license("Dual BSD/GPL");', "Dual BSD/GPL"],
    ["", "GPL"],
  ])("%s → %s", (decl, want) => {
    const out = compileOk(decl + "\n" + PRINTK);
    expect(out.spec.license).toBe(want);
    expect(out.spec.programs.map((p) => p.license)).toEqual([want]);
  });

  it.each([
    ['export let LICENSE = license("GPL");', "declared with let"],
    ['const name = "GPL"; export const LICENSE = license(name);', "not a literal"],
    ['export const A = license("GPL"); export const B = license("GPL");', "declared twice"],
    ['export const LICENSE = license("");', "empty"],
    ['export const LICENSE = license("GPL\\u0000x");', "not printable"],
  ])("%s is TSB1020 (%s)", (decl) => {
    expect(codes(decl + "\n" + PRINTK)).toContain("TSB1020");
  });

  const dir = scratchDir();
  const build = (decl: string, name: string, license?: string, verify = true) => {
    const src = join(dir, `${name}.ts`);
    writeFileSync(src, IMPORTS + decl + "\n" + PRINTK);
    const out = join(dir, `${name}.bpf.o`);
    unwrap(buildObject(src, { out, verify, ...(license !== undefined ? { license } : {}) }));
    return out;
  };

  it("tsbpf's verifier refuses a GPL-only helper under a non-GPL license, as the kernel does", () => {
    const src = join(dir, "v-prop.ts");
    writeFileSync(src, IMPORTS + 'export const LICENSE = license("Proprietary");\n' + PRINTK);
    const r = buildObject(src, { out: join(dir, "v-prop.bpf.o") });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => d.message).join("\n")).toMatch(/GPL/);
  });

  it("tsbpf build writes it to the license section; --license overrides it", () => {
    const obj = build('export const LICENSE = license("Dual MIT/GPL");', "lic-dual");
    expect(unwrap(loadCollectionSpec(readFileSync(obj), { file: obj })).license).toBe("Dual MIT/GPL");
    const readelf = findTool("llvm-readelf");
    if (readelf)
      expect(execFileSync(readelf, ["--string-dump=license", obj], { encoding: "utf8" })).toContain(
        "Dual MIT/GPL",
      );
    const forced = build('export const LICENSE = license("Dual MIT/GPL");', "lic-forced", "Dual BSD/GPL");
    expect(unwrap(loadCollectionSpec(readFileSync(forced), { file: forced })).license).toBe("Dual BSD/GPL");
  });

  const kernel = kernelAvailability();
  if (!kernel.ok) console.log(`kernel license check skipped: ${kernel.reason}`);
  it.skipIf(!kernel.ok)(
    "the kernel accepts a GPL-compatible license and refuses GPL-only helpers without one",
    () => {
      const load = (decl: string, name: string) => {
        const obj = build(decl, name, undefined, false); // the kernel decides, not tsbpf's verifier
        const spec = unwrap(loadCollectionSpec(readFileSync(obj), { file: obj }));
        const loaded = loadCollection(spec);
        if (loaded.ok) loaded.value.close();
        return loaded;
      };
      expect(load('export const LICENSE = license("Dual MIT/GPL");', "k-dual").ok).toBe(true);
      const refused = load('export const LICENSE = license("Proprietary");', "k-prop");
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.message + (refused.log ?? "")).toMatch(/GPL/);
    },
  );
});

describe("globals' layouts in CompileOutput", () => {
  it("gives each global its section, offset and layout, matching the section bytes", () => {
    const out = compileOk(
      [
        "interface Config { port: u32; verbose: u8; limit: u64 }",
        "const config: Config = { port: 8080, verbose: 1, limit: 99 };",
        "let hits: u64 = 7;",
        "let flag: u8 = 0;",
        "let total: u32 = 0;",
        "export const p = xdp(() => { hits += 1; flag = 1; total += config.port; return config.verbose; });",
      ].join("\n"),
    );
    const g = out.layouts.globals;
    expect(Object.keys(g).sort()).toEqual(["config", "flag", "hits", "total"]);
    expect(g.hits).toMatchObject({ section: ".data", readOnly: false, layout: { kind: "int", size: 8 } });
    expect(g.flag).toMatchObject({ section: ".bss", layout: { kind: "int", size: 1 } });
    expect(g.total).toMatchObject({ section: ".bss", layout: { kind: "int", size: 4 } });
    expect(g.config!.section).toBe(".rodata");
    expect(g.config!.readOnly).toBe(true);
    expect(g.config!.layout.kind).toBe("struct");
    // each layout decodes the variable's initial value from its section's bytes
    const bytesOf = (name: string) => {
      const v = g[name]!;
      const sec = out.spec.data.find((d) => d.name === v.section)!;
      const info = sec.variables.find((x) => x.name === name)!;
      expect(info.offset).toBe(v.offset);
      return sec.bytes.subarray(v.offset);
    };
    expect(decode(g.hits!.layout, bytesOf("hits"))).toBe(7n);
    expect(decode(g.config!.layout, bytesOf("config"))).toEqual({
      port: 8080,
      verbose: 1,
      limit: 99n,
    });
    expect(g.flag!.offset).not.toBe(g.total!.offset);
  });

  it("is empty for a program without globals", () => {
    expect(compileOk(PRINTK).layouts.globals).toEqual({});
  });
});
