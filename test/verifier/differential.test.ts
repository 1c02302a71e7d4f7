import { describe, expect, it } from "vitest";
import { assemble } from "../../runtime/asm/index.js";
import { verify } from "../../runtime/verifier/index.js";
import { generate, MAPS } from "./gen/programs.js";
import { kernelUnavailable, kernelVerdict } from "./kernel.js";

/**
 * tsbpf's verifier against the live kernel's on generated programs (seeded, so every run sees
 * the same programs). Soundness first: no program tsbpf accepts may be refused by the kernel.
 * Over-refusals are reported with both logs; only TSB4099 ("not modelled yet") may explain one.
 */

const why = kernelUnavailable();
if (why) console.log(`skipping the kernel differential test: ${why}`);

const SEED = 0x5eed;
const COUNT = Number(process.env.TSBPF_DIFF_COUNT ?? 1000);

describe.skipIf(why !== undefined)("verifier vs the Linux kernel", () => {
  const programs = generate(SEED, COUNT);
  const results = programs.map((p) => {
    const asm = assemble(p.source, { dialect: "llvm", file: p.name });
    if (!asm.ok)
      throw new Error(`${p.name}: generator produced bad assembler: ${asm.diagnostics[0]!.message}`);
    const ours = verify({ instructions: asm.value, type: p.type }, { maps: MAPS });
    const kernel = kernelVerdict(asm.value, p.type, MAPS, { logLevel: 4 });
    return { p, ours, kernel, insns: asm.value };
  });

  it("generates a mix of safe and hazardous programs over four program types", () => {
    const hazards = programs.filter((p) => p.hazard).length;
    expect(hazards).toBeGreaterThan(COUNT * 0.35);
    expect(hazards).toBeLessThan(COUNT * 0.65);
    expect(new Set(programs.map((p) => p.type)).size).toBe(4);
  });

  it("plants hazards the kernel actually refuses", () => {
    const refused = results.filter((r) => !r.kernel.accepted).length;
    expect(refused).toBeGreaterThan(COUNT * 0.3);
    expect(results.filter((r) => r.ours.accepted).length).toBeGreaterThan(COUNT * 0.3);
  });

  it("never accepts a program the kernel refuses", () => {
    const unsound = results.filter((r) => r.ours.accepted && !r.kernel.accepted);
    const report = unsound.map((r) => {
      const k = kernelVerdict(r.insns, r.p.type, MAPS, { logLevel: 1 });
      return `${r.p.name} (${r.p.type}, ${r.p.hazard ?? "no hazard"}):\n${r.p.source}\n--- kernel:\n${k.log.split("\n").slice(-6).join("\n")}`;
    });
    expect(report).toEqual([]);
  });

  it("agrees with the kernel's verdict on every program it models", () => {
    const over = results.filter((r) => !r.ours.accepted && r.kernel.accepted);
    const unexplained = over.filter((r) => r.ours.diagnostics[0]?.code !== "TSB4099");
    const report = unexplained.map(
      (r) =>
        `${r.p.name} (${r.p.type}, ${r.p.hazard ?? "no hazard"}): ${r.ours.diagnostics[0]?.message}\n${r.p.source}`,
    );
    console.log(
      `differential: ${results.length} programs, ${results.filter((r) => r.ours.accepted === r.kernel.accepted).length} verdicts agree, ${over.length} refused by tsbpf only (${over.length - unexplained.length} not modelled)`,
    );
    expect(report).toEqual([]);
  });

  it("reports processed instruction counts no higher than the kernel's on straight-line safe programs", () => {
    const straight = results.filter(
      (r) => r.ours.accepted && r.kernel.accepted && r.kernel.processed !== undefined,
    );
    const above = straight.filter(
      (r) => r.ours.processedInsns > r.kernel.processed! && !/L\d+:/.test(r.p.source),
    );
    expect(
      above.map((r) => `${r.p.name}: tsbpf ${r.ours.processedInsns} kernel ${r.kernel.processed}`),
    ).toEqual([]);
  });
});
