/**
 * Verifier benchmark: tsbpf's verification time and processed instructions next to the kernel's
 * (the "verification time" and "processed N insns" of its log, loading through libbpf) on the same
 * objects: the reference loops of shared/bench, the C examples and the clang test objects, and
 * tsbpf's TypeScript examples (the kernel's numbers for those come from the test loader).
 * Not a test: prints a table, asserts nothing. Needs clang, libbpf.so.1 and root for the kernel
 * columns (they print "-" otherwise). Node 20 cannot run TypeScript directly, so compile first:
 *   npx tsc --ignoreConfig --outDir node_modules/.cache/tsbpf-bench --rootDir . --module nodenext \
 *     --moduleResolution nodenext --target es2022 --skipLibCheck --types node bench/verifier.ts
 *   echo '{"type":"module"}' > node_modules/.cache/tsbpf-bench/package.json
 *   TSBPF_BENCH_DIR=../shared/bench node node_modules/.cache/tsbpf-bench/bench/verifier.js
 * (inside the repository so the compiled copy finds node_modules; TSBPF_BENCH_RUNS sets the runs).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadCollectionSpec } from "../runtime/object/index.js";
import { verify } from "../runtime/verifier/index.js";
import { corpus, ROOT, verifyOptionsFor, type CorpusEntry } from "../test/verifier/corpus.js";
import { kernelUnavailable, kernelVerdictSpec } from "../test/verifier/kernel.js";
import { kernelLoadObject, libbpfUnavailable } from "../test/verifier/libbpf.js";

const BENCH = resolve(process.env.TSBPF_BENCH_DIR ?? join(ROOT, "../shared/bench"));
const RUNS = Number(process.env.TSBPF_BENCH_RUNS ?? 5);

function benchLoops(): CorpusEntry[] {
  if (!existsSync(BENCH)) return [];
  const out = mkdtempSync(join(tmpdir(), "tsbpf-vbench-"));
  const entries: CorpusEntry[] = [];
  for (const f of readdirSync(BENCH).sort()) {
    if (!f.endsWith(".c")) continue;
    const obj = join(out, f.replace(/\.c$/, ".o"));
    const r = spawnSync(
      "clang",
      ["-O2", "-g", "-target", "bpf", "-mcpu=v3", "-c", join(BENCH, f), "-o", obj],
      {
        encoding: "utf8",
      },
    );
    if (r.status !== 0) continue;
    const spec = loadCollectionSpec(new Uint8Array(readFileSync(obj)), { file: f });
    if (spec.ok) entries.push({ name: `bench/${f}`, origin: "object", spec: spec.value, elf: obj });
  }
  return entries;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const kernelWhy = kernelUnavailable() ?? libbpfUnavailable();
if (kernelWhy) console.log(`kernel columns unavailable: ${kernelWhy}`);

const entries = [...benchLoops(), ...corpus().filter((e): e is CorpusEntry => typeof e !== "string")];
const rows: string[][] = [["program", "tsbpf ms", "tsbpf insns", "kernel ms", "kernel insns", "insns ratio"]];
for (const e of entries) {
  const kernel = !kernelWhy && e.elf ? kernelLoadObject(e.elf) : undefined;
  for (const p of e.spec.programs) {
    const times: number[] = [];
    let processed = 0;
    let accepted = false;
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      const r = verify(p, verifyOptionsFor(e.spec));
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      processed = r.processedInsns;
      accepted = r.accepted;
    }
    let kMs: number | undefined;
    let kInsns: number | undefined;
    if (!kernelWhy) {
      if (e.elf) {
        const k = kernel?.find((v) => v.name === p.name);
        kMs = k?.timeUs !== undefined ? k.timeUs / 1000 : undefined;
        kInsns = k?.processed;
      } else {
        const k = kernelVerdictSpec(p, e.spec, { logLevel: 4 });
        kMs = k.timeUs !== undefined ? k.timeUs / 1000 : undefined;
        kInsns = k.processed;
      }
    }
    rows.push([
      `${e.name}:${p.name}${accepted ? "" : " (refused)"}`,
      median(times).toFixed(2),
      String(processed),
      kMs !== undefined ? kMs.toFixed(2) : "-",
      kInsns !== undefined ? String(kInsns) : "-",
      kInsns ? (processed / kInsns).toFixed(2) : "-",
    ]);
  }
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows)
  console.log(r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join("  "));
