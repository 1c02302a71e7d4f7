import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../compiler/index.js";
import { actualMarkers, expectedMarkers } from "./harness.js";

/**
 * Golden bad programs: each file under test/fixtures/compiler/bad marks the diagnostics it must
 * produce with `// error TSBnnnn` on the offending line; the compiler must report exactly those
 * (code and line), all at once, each with a message, a location and no crash.
 */
const DIR = "test/fixtures/compiler/bad";
// .txt, so the repository's own type check and formatter leave these deliberately broken files alone
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort();

describe("bad programs", () => {
  it("has at least 40 golden cases", () => expect(files.length).toBeGreaterThanOrEqual(40));
  for (const f of files) {
    it(f, () => {
      const path = join(DIR, f);
      const text = readFileSync(path, "utf8");
      const r = compileSource(text, path.replace(/\.txt$/, ".ts"));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(actualMarkers(r.diagnostics)).toEqual(expectedMarkers(text));
      for (const d of r.diagnostics) {
        expect(d.message.length).toBeGreaterThan(10);
        expect(d.code).not.toBe("TSB3999");
      }
    });
  }
});
