import { describe, expect, it } from "vitest";
import type { CollectionSpec } from "../../runtime/object/index.js";
import { kernelAvailability, loadCollection } from "../../runtime/kernel/index.js";
import { clangTwin, HAVE_CLANG } from "./clang.js";
import { EXAMPLES } from "./examples.js";
import { buildExample } from "./harness.js";

/**
 * The Linux verifier accepts every compiled example (BPF_PROG_LOAD through runtime/kernel), and
 * the instructions it processed are printed next to those of clang's build of the C twin.
 */
const avail = kernelAvailability();
if (!avail.ok) console.log(`kernel tests skipped: ${avail.reason}`);

/** "processed N insns" of each program, by section (log level 4: statistics only). */
function processed(spec: CollectionSpec): Map<string, number> {
  const loaded = loadCollection(spec, { logLevel: 4 });
  if (!loaded.ok) throw new Error(loaded.message);
  try {
    const out = new Map<string, number>();
    for (const p of spec.programs) {
      const log = loaded.value.program(p.name)!.log;
      const m = /processed (\d+) insns/.exec(log);
      out.set(p.section, m ? Number(m[1]) : NaN);
    }
    return out;
  } finally {
    loaded.value.close();
  }
}

describe.skipIf(!avail.ok)("the kernel verifier accepts the examples", () => {
  const rows: string[] = [];
  for (const name of EXAMPLES) {
    it(name, () => {
      const out = buildExample(name);
      const ours = processed(out.spec);
      expect([...ours.keys()]).toEqual(out.spec.programs.map((p) => p.section));
      const theirs = HAVE_CLANG ? processed(clangTwin(name)) : new Map<string, number>();
      for (const [section, n] of ours)
        rows.push(
          `${name.padEnd(15)} ${section.padEnd(37)} ${String(n).padStart(5)} ${String(theirs.get(section) ?? "-").padStart(6)}`,
        );
    });
  }
  it("prints verifier-processed instructions against clang's", () => {
    console.log(["example         section                               tsbpf  clang", ...rows].join("\n"));
    expect(rows.length).toBeGreaterThanOrEqual(EXAMPLES.length);
  });
});
