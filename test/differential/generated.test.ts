import { describe, expect, it } from "vitest";
import { disassemble } from "../../runtime/disasm/index.js";
import { formOf, OP_FORMS, type Instruction } from "../../runtime/isa/index.js";
import { kernelAvailability } from "../../runtime/kernel/index.js";
import type { Tier } from "../../runtime/vm/index.js";
import { batchProgram, unitProgram } from "./gen/program.js";
import { runBatchInKernel, runBatchInVm, type BatchOutcome, type Outcome } from "./run-batch.js";

/**
 * Issue #4's differential acceptance point: at least 1000 generated programs (ALU/ALU32, JMP/JMP32,
 * stack, atomics, calls, 64-bit immediates) compute the same 64-bit r0 in tsbpf's VM — on both
 * tiers — as in the live kernel under BPF_PROG_TEST_RUN.
 *
 * Programs are run in batches: each is a subprogram of one BPF_PROG_TYPE_SYSCALL program that
 * stores every program's whole r0 in its context (the kernel copies a syscall program's context
 * back), so both halves are compared without a second run, and one load verifies many programs.
 * The same batch instructions run in the VM. TSBPF_DIFF_SEED and TSBPF_DIFF_PROGRAMS vary the set.
 */
const avail = kernelAvailability();
if (!avail.ok) console.log(`generated-program differential test skipped: ${avail.reason}`);

const SEED = Number(process.env.TSBPF_DIFF_SEED ?? 0x7b5f);
const PROGRAMS = Number(process.env.TSBPF_DIFF_PROGRAMS ?? 1000);
/** Units per kernel load: small enough for the VM's JS tier (8192 slots) to take the batch. */
const BATCH = 16;
const seeds = Array.from({ length: PROGRAMS }, (_, i) => (SEED * 100_003 + i) >>> 0);
const TIERS: readonly Tier[] = ["interpreter", "js"];

const hex = (v: bigint) => `0x${v.toString(16).padStart(16, "0")}`;

function listing(seed: number): string {
  return disassemble(unitProgram(seed)).join("\n");
}

function unwrap(o: Outcome<BatchOutcome>, what: string): BatchOutcome {
  if (!o.ok) throw new Error(`${what}: ${o.error}`);
  return o.value;
}

/** When the kernel refuses a batch, the first unit it refuses alone, with the verifier's words. */
function explainRejection(batch: readonly number[], error: string): string {
  for (const seed of batch) {
    const alone = runBatchInKernel(batchProgram([seed]), 1);
    if (!alone.ok) {
      return `the kernel refuses generated program seed ${seed} (a generator bug):\n${alone.error
        .split("\n")
        .slice(-15)
        .join("\n")}\n${listing(seed)}`;
    }
  }
  return `the kernel refuses the batch but none of its programs alone:\n${error.slice(-3000)}`;
}

describe.skipIf(!avail.ok)("generated programs: VM against the kernel", () => {
  it(`${PROGRAMS} programs return the same 64-bit r0`, { timeout: 120_000 }, () => {
    const agreed = new Map<Tier, number>(TIERS.map((t) => [t, 0]));
    const ran = new Map<Tier, number>(TIERS.map((t) => [t, 0]));
    const disagreements: string[] = [];
    let batches = 0;
    for (let start = 0; start < seeds.length; start += BATCH) {
      const batch = seeds.slice(start, start + BATCH);
      const program = batchProgram(batch);
      const kernel = runBatchInKernel(program, batch.length);
      if (!kernel.ok) throw new Error(explainRejection(batch, kernel.error));
      batches++;
      for (const tier of TIERS) {
        const vm = unwrap(runBatchInVm(program, batch.length, tier), `VM (${tier}) on seeds ${batch[0]}…`);
        ran.set(tier, ran.get(tier)! + batch.length);
        // retval is the batch's r0 truncated to u32 (struct bpf_attr test.retval)
        expect(Number(BigInt.asUintN(32, vm.r0)), "batch retval").toBe(Number(kernel.value.r0));
        batch.forEach((seed, i) => {
          const want = kernel.value.values[i]!;
          const got = vm.values[i]!;
          if (want === got) agreed.set(tier, agreed.get(tier)! + 1);
          else if (disagreements.length < 3)
            disagreements.push(
              `seed ${seed} (${tier}): kernel ${hex(want)}, VM ${hex(got)}\n${listing(seed)}`,
            );
        });
      }
    }
    console.log(
      `generated programs: ${PROGRAMS} programs in ${batches} kernel loads; agreed: ` +
        TIERS.map((t) => `${agreed.get(t)}/${ran.get(t)} (${t})`).join(", "),
    );
    expect(disagreements.join("\n\n")).toBe("");
    for (const t of TIERS) expect(agreed.get(t)).toBe(PROGRAMS);
  });
});

describe("the generator", () => {
  /** Forms a program without helpers, maps or packets cannot have. */
  const OUT_OF_SCOPE = new Set(["ldabs", "ldind", "callx"]);
  const isHelperOrKfunc = (f: (typeof OP_FORMS)[number]) => f.kind === "call" && f.select?.src !== 1;

  it("covers every instruction form of ALU, JMP, stack memory, atomics and local calls", () => {
    const seen = new Set<string>();
    const key = (i: Pick<Instruction, "opcode" | "off" | "imm" | "src">) => {
      const f = formOf(i);
      return f ? `${f.opcode}/${f.mnemonic}` : `? ${i.opcode}`;
    };
    for (const seed of seeds.slice(0, 300)) for (const i of unitProgram(seed)) seen.add(key(i));
    const missing = OP_FORMS.filter((f) => !OUT_OF_SCOPE.has(f.kind) && !isHelperOrKfunc(f))
      .map((f) => `${f.opcode}/${f.mnemonic}`)
      .filter((k) => !seen.has(k));
    expect(missing).toEqual([]);
    expect([...seen].filter((k) => k.startsWith("?"))).toEqual([]);
  });

  it("is deterministic", () => {
    expect(batchProgram(seeds.slice(0, 4))).toEqual(batchProgram(seeds.slice(0, 4)));
    expect(unitProgram(seeds[0]!)).not.toEqual(unitProgram(seeds[1]!));
  });
});
