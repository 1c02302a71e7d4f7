import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { formatDiagnosticLine } from "../diag/diagnostic.js";
import { conformanceProgram, parseConformanceFile, type ConformanceCase } from "../conformance/index.js";
import { conformanceHelpers } from "./conformance-helpers.js";
import { formatFault } from "./fault.js";
import { createVm, type Tier } from "./vm.js";

/**
 * Runs bpf_conformance `.data` cases the way the suite's userspace plugins do (conformance
 * README, "How a program is run"): r1 = address of a private writable copy of `-- mem` (0 when
 * there is none), r2 = its length, r10 = top of a 512-byte stack, helpers 0–5 of uBPF's plugin,
 * and all 64 bits of r0 compared with `-- result`.
 */

export type CaseOutcome =
  | { readonly kind: "pass"; readonly r0: bigint }
  | { readonly kind: "refused"; readonly stage: "parse" | "assemble" | "load"; readonly message: string }
  | { readonly kind: "fault"; readonly message: string }
  | { readonly kind: "mismatch"; readonly r0: bigint; readonly expected: bigint }
  | { readonly kind: "no-result"; readonly r0: bigint };

const TIERS: readonly Tier[] = ["interpreter", "js"];
const hex64 = (v: bigint) => "0x" + v.toString(16).padStart(16, "0");

/** Runs one parsed case in one tier. */
export function runConformanceCase(c: ConformanceCase, tier: Tier): CaseOutcome {
  const program = conformanceProgram(c);
  if (!program.ok) {
    return {
      kind: "refused",
      stage: "assemble",
      message: program.diagnostics.map(formatDiagnosticLine).join("\n"),
    };
  }
  const vm = createVm(program.value, {
    name: basename(c.file),
    helpers: conformanceHelpers,
    initialized: [1, 2, 10],
  });
  if (!vm.ok)
    return { kind: "refused", stage: "load", message: vm.diagnostics.map(formatDiagnosticLine).join("\n") };
  const mem = c.mem.slice();
  const r = vm.value.run({
    tier,
    setup: (memory) =>
      mem.length > 0 ? [memory.add(mem, { kind: "mem", name: "mem" }).address(0), mem.length] : [0, 0],
  });
  if (r.kind === "fault") return { kind: "fault", message: formatFault(r) };
  if (c.result === undefined) return { kind: "no-result", r0: r.r0 };
  const expected = BigInt.asUintN(64, c.result);
  return r.r0 === expected ? { kind: "pass", r0: r.r0 } : { kind: "mismatch", r0: r.r0, expected };
}

/** Parses and runs one file in every tier; the first tier that does not pass decides. */
export function runConformanceFile(
  path: string,
  tiers: readonly Tier[] = TIERS,
): { tier?: Tier; outcome: CaseOutcome } {
  const text = readFileSync(path, "latin1");
  const parsed = parseConformanceFile(text, path);
  if (!parsed.ok) {
    return {
      outcome: {
        kind: "refused",
        stage: "parse",
        message: parsed.diagnostics.map(formatDiagnosticLine).join("\n"),
      },
    };
  }
  let last: { tier?: Tier; outcome: CaseOutcome } = { outcome: { kind: "fault", message: "no tier ran" } };
  for (const tier of tiers) {
    last = { tier, outcome: runConformanceCase(parsed.value, tier) };
    if (last.outcome.kind !== "pass") return last;
  }
  return last;
}

export function describeOutcome(o: CaseOutcome): string {
  switch (o.kind) {
    case "pass":
      return `r0 = ${hex64(o.r0)}`;
    case "refused":
      return `refused at ${o.stage}: ${o.message}`;
    case "fault":
      return o.message;
    case "mismatch":
      return `r0 = ${hex64(o.r0)}, expected ${hex64(o.expected)}`;
    case "no-result":
      return `ran to r0 = ${hex64(o.r0)} but the file has no expected result`;
  }
}

export interface SuiteFailure {
  readonly file: string;
  readonly tier?: Tier;
  readonly reason: string;
}

export interface SuiteReport {
  /** Positive cases (`tests/`, or files with `-- result` elsewhere) that passed in every tier. */
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly SuiteFailure[];
  /**
   * Negative cases (`negative/`): each must be refused before it runs, or — when it has an
   * expected result — fail the comparison (incorrect_return_value_high_bits).
   */
  readonly negative: {
    readonly rejected: number;
    readonly accepted: number;
    readonly failures: readonly SuiteFailure[];
  };
}

function dataFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".data"))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Whether a negative case was handled as the suite requires. */
export function negativeHolds(o: CaseOutcome): boolean {
  return o.kind === "refused" || o.kind === "mismatch";
}

/**
 * Runs a conformance folder: either the suite's root (with `tests/` and `negative/`) or a folder
 * of `.data` files (all positive). Every positive case must pass in both tiers.
 */
export function runConformanceSuite(dir: string, tiers: readonly Tier[] = TIERS): SuiteReport {
  const hasTests = isDir(join(dir, "tests"));
  const positives = hasTests ? dataFiles(join(dir, "tests")) : dataFiles(dir);
  const negatives = hasTests ? dataFiles(join(dir, "negative")) : [];
  let passed = 0;
  const failures: SuiteFailure[] = [];
  for (const file of positives) {
    const r = runConformanceFile(file, tiers);
    if (r.outcome.kind === "pass") passed++;
    else
      failures.push({
        file: basename(file),
        ...(r.tier ? { tier: r.tier } : {}),
        reason: describeOutcome(r.outcome),
      });
  }
  let rejected = 0;
  const negFailures: SuiteFailure[] = [];
  for (const file of negatives) {
    // every tier must refuse or mismatch; a refusal at parse/assemble/load happens before tiers differ
    let holds = true;
    let reason = "";
    for (const tier of tiers) {
      const r = runConformanceFile(file, [tier]);
      if (!negativeHolds(r.outcome)) {
        holds = false;
        reason = `${tier}: accepted: ${describeOutcome(r.outcome)}`;
        break;
      }
      if (r.outcome.kind === "refused") break;
    }
    if (holds) rejected++;
    else negFailures.push({ file: basename(file), reason });
  }
  return {
    passed,
    failed: failures.length,
    failures,
    negative: { rejected, accepted: negFailures.length, failures: negFailures },
  };
}
