import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  describeOutcome,
  negativeHolds,
  runConformanceFile,
  runConformanceSuite,
} from "../../runtime/vm/conformance-runner.js";

/**
 * The public bpf_conformance suite (shared/conformance): all 313 programs must give the expected
 * 64-bit r0 in both tiers; every negative file must be refused (or, for the file whose expected
 * value is deliberately wrong, fail the comparison).
 */
const ROOT = resolve(import.meta.dirname, "../../../shared/conformance");
const present = existsSync(join(ROOT, "tests"));
if (!present) console.log(`conformance: skipped, ${ROOT} not found`);
const list = (sub: string) =>
  present
    ? readdirSync(join(ROOT, sub))
        .filter((f) => f.endsWith(".data"))
        .sort()
    : [];
const tests = list("tests");
const negatives = list("negative");

describe.skipIf(!present)("bpf_conformance tests/", () => {
  it("has the 313 files the README lists", () => {
    expect(tests.length).toBe(313);
  });
  for (const tier of ["interpreter", "js"] as const) {
    it.each(tests)(`%s (${tier})`, (file) => {
      const r = runConformanceFile(join(ROOT, "tests", file), [tier]);
      expect(r.outcome.kind, `${file}: ${describeOutcome(r.outcome)}`).toBe("pass");
    });
  }
});

describe.skipIf(!present)("bpf_conformance negative/", () => {
  it.each(negatives)("%s is not accepted", (file) => {
    const r = runConformanceFile(join(ROOT, "negative", file));
    expect(negativeHolds(r.outcome), describeOutcome(r.outcome)).toBe(true);
    if (file === "incorrect_return_value_high_bits.data") expect(r.outcome.kind).toBe("mismatch");
    else expect(r.outcome.kind).toBe("refused");
  });

  it("error.data is refused by the VM's uninitialised-register check", () => {
    const r = runConformanceFile(join(ROOT, "negative", "error.data"));
    expect(r.outcome.kind === "refused" && r.outcome.stage).toBe("load");
    expect(describeOutcome(r.outcome)).toContain("TSB0507");
  });
});

describe.skipIf(!present)("runConformanceSuite", () => {
  it("reports 313 passed, 0 failed and every negative rejected", () => {
    const report = runConformanceSuite(ROOT);
    expect(report.failures).toEqual([]);
    expect(`${report.passed} passed, ${report.failed} failed`).toBe("313 passed, 0 failed");
    expect(report.negative.failures).toEqual([]);
    expect(report.negative.rejected).toBe(negatives.length);
  });
});
