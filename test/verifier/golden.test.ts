import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble } from "../../runtime/asm/index.js";
import type { MapSpec } from "../../runtime/object/spec.js";
import { MapType, type ProgTypeName } from "../../runtime/uapi/bpf.js";
import { verify } from "../../runtime/verifier/index.js";
import { kernelUnavailable, kernelVerdict } from "./kernel.js";

/**
 * Golden rejections: each golden/NAME.s (LLVM assembler, first line `; type: TYPE`) must be refused
 * with the code, message and hint in golden/NAME.expected — and the kernel must refuse it too.
 * Regenerate with TSBPF_UPDATE_GOLDEN=1 and review the diff.
 */

const DIR = join(import.meta.dirname, "golden");
const MAPS: readonly MapSpec[] = [
  { name: "values", type: MapType.HASH, keySize: 4, valueSize: 8, maxEntries: 16, flags: 0 },
  { name: "events", type: MapType.RINGBUF, keySize: 0, valueSize: 0, maxEntries: 4096, flags: 0 },
];
const update = process.env.TSBPF_UPDATE_GOLDEN === "1";
const why = kernelUnavailable();
if (why) console.log(`skipping kernel cross-checks of the golden rejections: ${why}`);

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith(".s"))
  .map((f) => {
    const source = readFileSync(join(DIR, f), "utf8");
    const type = /^; type: (\w+)/.exec(source)?.[1] as ProgTypeName;
    const asm = assemble(source, { dialect: "llvm", file: f });
    if (!asm.ok) throw new Error(`${f}: ${asm.diagnostics[0]!.message}`);
    return { name: f.slice(0, -2), type, program: asm.value };
  });

describe("golden rejections", () => {
  it("has at least 30 of them", () => expect(cases.length).toBeGreaterThanOrEqual(30));

  for (const c of cases) {
    it(c.name, () => {
      const r = verify({ instructions: c.program, type: c.type }, { maps: MAPS });
      expect(r.accepted).toBe(false);
      const d = r.diagnostics[0]!;
      const logError = r.log.trimEnd().split("\n").slice(0, -1).slice(-2).join("\n");
      const text = [
        `${d.location ? `${d.location.line}:${d.location.column}` : `offset ${d.byteOffset}`}: ${d.code}: ${d.message}`,
        `hint: ${d.hint ?? ""}`,
        `log:`,
        logError,
        "",
      ].join("\n");
      const file = join(DIR, `${c.name}.expected`);
      if (update || !existsSync(file)) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, "utf8"));
    });

    it.skipIf(why !== undefined)(`${c.name}: the kernel refuses it too, with the same message`, () => {
      const k = kernelVerdict(c.program, c.type, MAPS, { logLevel: 1 });
      expect(k.accepted, k.log).toBe(false);
      const ours = verify({ instructions: c.program, type: c.type }, { maps: MAPS, logLevel: 1 });
      const message = ours.log.trimEnd().split("\n").slice(-2)[0]!;
      expect(k.log).toContain(message);
    });
  }
});
