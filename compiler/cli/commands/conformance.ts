import { runConformanceSuite } from "../../../runtime/vm/conformance-runner.js";
import type { Io } from "../report.js";

/**
 * `tsbpf conformance DIR`: runs the bpf_conformance suite (a folder with tests/ and negative/, or a
 * folder of .data files) through both VM tiers and ends with `N passed, M failed`.
 */
export function conformanceCommand(io: Io, dir: string, options: { verbose?: boolean }): number {
  const report = runConformanceSuite(dir);
  for (const f of report.failures) io.out(`FAIL ${f.file}${f.tier ? ` [${f.tier}]` : ""}: ${f.reason}`);
  for (const f of report.negative.failures) io.out(`FAIL (negative) ${f.file}: ${f.reason}`);
  const negatives = report.negative.rejected + report.negative.accepted;
  if (options.verbose || negatives > 0) {
    io.out(`negative files refused as required: ${report.negative.rejected} of ${negatives}`);
  }
  if (report.passed + report.failed === 0) {
    io.err(`tsbpf: no .data files under ${dir}`);
    return 1;
  }
  io.out(`${report.passed} passed, ${report.failed + report.negative.accepted} failed`);
  return report.failed + report.negative.accepted === 0 ? 0 : 1;
}
