/**
 * Verifier benchmark: tsbpf's verification time, processed instructions and peak states next to
 * the kernel's on the same objects — its "verification time" and bpf_prog_info.verified_insns
 * (the log's "processed N insns" where the program is loaded from a spec) — for the reference
 * loops of ../shared/bench (where the kernel takes 23–65 ms), the C examples, the clang test
 * objects and tsbpf's TypeScript examples. The ratio columns are tsbpf / kernel (target: time
 * within 2x, insns never above 1). Not a test: prints a table, asserts nothing. Needs clang,
 * libbpf.so.1 and root for the kernel columns (they print "-" otherwise).
 * Run: `npm run bench -- verifier` (TSBPF_BENCH_RUNS sets the runs per program, default 5;
 * TSBPF_BENCH_DIR another folder of reference loops).
 */
import { verify } from "../runtime/verifier/index.js";
import { corpus, verifyOptionsFor, type CorpusEntry } from "../test/verifier/corpus.js";
import { kernelUnavailable, kernelVerdictSpec } from "../test/verifier/kernel.js";
import { kernelLoadObject, libbpfUnavailable } from "../test/verifier/libbpf.js";

const RUNS = Number(process.env.TSBPF_BENCH_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const kernelWhy = kernelUnavailable() ?? libbpfUnavailable();
if (kernelWhy) console.log(`kernel columns unavailable: ${kernelWhy}`);

const entries = corpus().filter((e): e is CorpusEntry => typeof e !== "string");
// the reference loops first: they are the ones the targets are about
entries.sort((a, b) => Number(b.name.startsWith("bench/")) - Number(a.name.startsWith("bench/")));
const rows: string[][] = [
  [
    "program",
    "tsbpf ms",
    "tsbpf insns",
    "peak states",
    "kernel ms",
    "kernel insns",
    "time ratio",
    "insns ratio",
  ],
];
const fmt = (x: number | undefined, digits = 2) => (x !== undefined ? x.toFixed(digits) : "-");
for (const e of entries) {
  const kernel = !kernelWhy && e.elf ? kernelLoadObject(e.elf) : undefined;
  for (const p of e.spec.programs) {
    const times: number[] = [];
    let processed = 0;
    let peak = 0;
    let accepted = false;
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      const r = verify(p, { ...verifyOptionsFor(e.spec), logLevel: 0 });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      processed = r.processedInsns;
      peak = r.peakStates;
      accepted = r.accepted;
    }
    let kMs: number | undefined;
    let kInsns: number | undefined;
    if (!kernelWhy) {
      if (e.elf) {
        const k = kernel?.find((v) => v.name === p.name);
        kMs = k?.timeUs !== undefined ? k.timeUs / 1000 : undefined;
        kInsns = k?.verifiedInsns ?? k?.processed;
      } else {
        const k = kernelVerdictSpec(p, e.spec, { logLevel: 4 });
        kMs = k.timeUs !== undefined ? k.timeUs / 1000 : undefined;
        kInsns = k.processed;
      }
    }
    const ms = median(times);
    rows.push([
      `${e.name}:${p.name}${accepted ? "" : " (refused)"}`,
      ms.toFixed(2),
      String(processed),
      String(peak),
      fmt(kMs),
      kInsns !== undefined ? String(kInsns) : "-",
      kMs ? fmt(ms / kMs, 1) : "-",
      kInsns ? fmt(processed / kInsns) : "-",
    ]);
  }
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows)
  console.log(r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join("  "));
