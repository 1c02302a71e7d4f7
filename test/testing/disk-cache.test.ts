import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../compiler/index.js";
import {
  deserializeCompiled,
  readCompiled,
  serializeCompiled,
  writeCompiled,
} from "../../runtime/testing/disk-cache.js";
import { clearCompileCache, load } from "../../runtime/testing/index.js";
import { EXAMPLES } from "../examples/examples.js";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURES = [
  "test/testing/fixtures/latency.ts",
  "test/testing/fixtures/keyed.ts",
  "test/testing/fixtures/world.ts",
];

describe("the disk cache of compiled probes", () => {
  it.each([...EXAMPLES.map((n) => `examples/${n}/${n}.ts`), ...FIXTURES])(
    "gives back %s exactly as compiled",
    (file) => {
      const path = join(ROOT, file);
      const c = compileSource(readFileSync(path, "utf8"), path);
      if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join("\n"));
      const compiled = { spec: c.value.spec, layouts: { maps: c.value.layouts.maps } };
      expect(deserializeCompiled(serializeCompiled(compiled))).toStrictEqual(compiled);
    },
  );

  it("serves a later load without compiling, and compiles again when an imported module changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsbpf-disk-cache-"));
    const saved = process.env.TSBPF_CACHE_DIR;
    process.env.TSBPF_CACHE_DIR = join(dir, "cache");
    try {
      const probe = join(dir, "probe.ts");
      const consts = join(dir, "consts.ts");
      writeFileSync(consts, "export const RET = 2;\n");
      writeFileSync(
        probe,
        `import { ArrayMap, xdp, type u64 } from "tsbpf";
import { RET } from "./consts.ts";
export const hits = new ArrayMap<u64>({ maxEntries: 1 });
export const onPacket = xdp(() => {
  hits.increment(0);
  return RET;
});
`,
      );
      const frame = new Uint8Array(14);
      clearCompileCache();
      expect((await load(probe)).run("onPacket", frame).ret).toBe(2);
      const [entry] = readdirSync(join(dir, "cache"));
      expect(entry).toMatch(/\.json$/);
      const bytes = readFileSync(probe);
      const stored = readCompiled(probe, bytes)!;
      expect(stored.spec.programs.map((p) => p.name)).toEqual(["onPacket"]);
      // a marked entry (returning 3) proves that a new process's load reads the disk, not the compiler
      const marked = {
        ...stored,
        spec: {
          ...stored.spec,
          programs: stored.spec.programs.map((p) => ({
            ...p,
            instructions: p.instructions.map((i) =>
              i.opcode === 0xb7 && i.dst === 0 && i.imm === 2 ? { ...i, imm: 3 } : i,
            ),
          })),
        },
      };
      writeCompiled(probe, bytes, marked);
      clearCompileCache();
      expect((await load(probe)).run("onPacket", frame).ret).toBe(3);
      // the imported module changed: the entry no longer applies
      writeFileSync(consts, "export const RET = 1;\n");
      expect(readCompiled(probe, bytes)).toBeUndefined();
      clearCompileCache();
      expect((await load(probe)).run("onPacket", frame).ret).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.TSBPF_CACHE_DIR;
      else process.env.TSBPF_CACHE_DIR = saved;
    }
  });
});
