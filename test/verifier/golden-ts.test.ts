import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { writeObject } from "../../compiler/emit/index.js";
import { loadCollectionSpec, type CollectionSpec } from "../../runtime/object/index.js";
import { formatDiagnostic } from "../../runtime/testing/report.js";
import { verify, VerifierCode, type VerifyResult } from "../../runtime/verifier/index.js";
import { scratchDir } from "../support/tools.js";
import { ROOT, verifyOptionsFor } from "./corpus.js";
import { kernelUnavailable } from "./kernel.js";
import { kernelLoadObject, libbpfUnavailable } from "./libbpf.js";

/**
 * Golden rejections written in TypeScript: each golden-ts/NAME.ts compiles (the compiler has no
 * objection) but the verifier refuses it with the TSB4nnn diagnostic in golden-ts/NAME.expected —
 * file:line:col of the TypeScript source, a code frame and a hint — and the kernel refuses the
 * same object. Regenerate with TSBPF_UPDATE_GOLDEN=1 and review the diff.
 */

const DIR = join(import.meta.dirname, "golden-ts");
const update = process.env.TSBPF_UPDATE_GOLDEN === "1";
const why = kernelUnavailable() ?? libbpfUnavailable();
if (why) console.log(`skipping kernel cross-checks of the TypeScript golden rejections: ${why}`);

interface Case {
  readonly name: string;
  readonly source: string;
  readonly build: () => { spec: CollectionSpec; elf: string };
}

const cases: Case[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .map((f) => ({
    name: f.slice(0, -3),
    source: join(DIR, f),
    build: () => {
      // through the ELF writer and reader: the object the kernel gets, with its BTF line info
      const compiled = compile(join(DIR, f));
      if (!compiled.ok) throw new Error(`${f} does not compile: ${compiled.diagnostics[0]?.message}`);
      const bytes = writeObject(compiled.value, { debug: true, sourceName: f });
      if (!bytes.ok) throw new Error(`${f}: ${bytes.diagnostics[0]?.message}`);
      const elf = join(scratchDir(), `golden-ts-${f.slice(0, -3)}.o`);
      writeFileSync(elf, bytes.value);
      const spec = loadCollectionSpec(bytes.value, { file: f });
      if (!spec.ok) throw new Error(`${f}: ${spec.diagnostics[0]?.message}`);
      return { spec: spec.value, elf };
    },
  }));

/** The refusal as a person reads it, with the repository-relative path of the source. */
function render(r: VerifyResult): string {
  return r.diagnostics.map((d) => formatDiagnostic(d).replaceAll(`${ROOT}/`, "")).join("\n") + "\n";
}

describe("golden rejections of TypeScript programs", () => {
  it("has at least 30 of them", () => expect(cases.length).toBeGreaterThanOrEqual(30));

  for (const c of cases) {
    describe(c.name, () => {
      const built = c.build();
      const program = built.spec.programs[0]!;
      const ours = verify(program, { ...verifyOptionsFor(built.spec), logLevel: 0 });

      it("is refused with a TSB4nnn diagnostic at its TypeScript line, with a code frame and a hint", () => {
        expect(ours.accepted).toBe(false);
        const d = ours.diagnostics[0]!;
        expect(d.code).toMatch(/^TSB4\d\d\d$/);
        expect(d.code).not.toBe(VerifierCode.NOT_MODELLED);
        expect(d.location?.file).toBe(c.source);
        expect(d.hint ?? "").not.toBe("");
        const text = render(ours);
        expect(text).toMatch(new RegExp(`^> +${d.location!.line} \\|`, "m"));
        const file = join(DIR, `${c.name}.expected`);
        if (update || !existsSync(file)) writeFileSync(file, text);
        expect(text).toBe(readFileSync(file, "utf8"));
      });

      it.skipIf(why !== undefined)("is refused by the kernel too", () => {
        const k = kernelLoadObject(built.elf)?.find((v) => v.name === program.name);
        expect(k, "libbpf could not open the object").toBeDefined();
        expect(k!.accepted, k!.log.split("\n").slice(-4).join("\n")).toBe(false);
      });
    });
  }
});
