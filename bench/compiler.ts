/**
 * Compiler benchmark: tsbpf's code against clang -O2 (-mcpu=v3) on the same logic in C, both
 * compiled in this run — every example (examples/<name>/<name>.ts, C twin examples/c/<name>.bpf.c)
 * and every TypeScript twin of ../shared/bench (bench/programs/<name>.ts). Per program: static
 * instruction slots, instructions executed in tsbpf's VM (bench inputs; a TCP SYN frame or a
 * zeroed context for the examples, run twice so map updates take their second path too) and,
 * where the kernel is here, the verifier's "processed insns". `*` marks where ours > clang.
 * Then compile time: warm in-process compile per example (target ≤ 10 ms) and a cold
 * `tsbpf build` process next to a clang process. Prints; asserts nothing.
 * Run with `npm run bench -- compiler` (TSBPF_BENCH_NO_TIMES=1: the code table only;
 * TSBPF_BENCH_COMPILES=N: warm compiles per program, default 20). The cold column runs
 * bin/tsbpf.js, i.e. dist/: `npm run build` first.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compileSource } from "../compiler/index.js";
import { formatDiagnosticLine } from "../runtime/diag/diagnostic.js";
import { Op } from "../runtime/isa/index.js";
import { kernelAvailability, loadCollection } from "../runtime/kernel/index.js";
import { loadCollectionSpec, type CollectionSpec, type ProgramSpec } from "../runtime/object/index.js";
import { createSandbox, type RunInput } from "../runtime/sandbox/index.js";
import { printTable } from "./table.js";

const ROOT = process.cwd();
const BENCH = resolve(process.env.TSBPF_BENCH_DIR ?? "../shared/bench");
const TWINS = ["sum", "csum", "alu32", "alu64", "parse", "empty"];
const WARM_RUNS = Number(process.env.TSBPF_BENCH_COMPILES ?? 20);
const dir = mkdtempSync(join(tmpdir(), "tsbpf-bench-compiler-"));

interface Subject {
  readonly name: string;
  readonly ts: string;
  readonly c: string;
  /** Inputs for the VM runs; undefined: by program kind. */
  readonly input?: Uint8Array;
}

const examples: Subject[] = readdirSync(join(ROOT, "examples/c"))
  .filter((f) => f.endsWith(".bpf.c"))
  .map((f) => f.slice(0, -".bpf.c".length))
  .filter((n) => existsSync(join(ROOT, "examples", n, `${n}.ts`)))
  .sort()
  .map((n) => ({
    name: n,
    ts: join(ROOT, "examples", n, `${n}.ts`),
    c: join(ROOT, "examples/c", `${n}.bpf.c`),
  }));
const twins: Subject[] = existsSync(join(BENCH, "sum.c"))
  ? TWINS.map((n) => ({
      name: n,
      ts: join(ROOT, "bench/programs", `${n}.ts`),
      c: join(BENCH, `${n}.c`),
      input: new Uint8Array(readFileSync(join(BENCH, "pkt", `${n}.pkt`))),
    }))
  : [];
if (!twins.length) console.log(`${BENCH} not found: bench twins left out`);

function multiarch(): string {
  try {
    return `/usr/include/${execFileSync("gcc", ["-print-multiarch"], { encoding: "utf8" }).trim()}`;
  } catch {
    return "/usr/include/x86_64-linux-gnu";
  }
}
const CLANG_ARGS = ["-O2", "-g", "-target", "bpf", "-mcpu=v3", `-I${multiarch()}`, "-c"];

function clang(s: Subject): CollectionSpec {
  const out = join(dir, `${s.name}.clang.o`);
  execFileSync("clang", [...CLANG_ARGS, s.c, "-o", out]);
  const spec = loadCollectionSpec(new Uint8Array(readFileSync(out)), { file: out });
  if (!spec.ok) throw new Error(spec.diagnostics.map(formatDiagnosticLine).join("\n"));
  return spec.value;
}

function ours(s: Subject): CollectionSpec {
  const r = compileSource(readFileSync(s.ts, "utf8"), s.ts);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n"));
  return r.value.spec;
}

function slots(p: ProgramSpec): number {
  return p.instructions.reduce((n, i) => n + (i.opcode === Op.LDDW ? 2 : 1), 0);
}

/** Ethernet + IPv4 + TCP SYN 10.0.0.1:40000 → 10.0.0.2:80. */
function synFrame(): Uint8Array {
  const f = new Uint8Array(54);
  const v = new DataView(f.buffer);
  f.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1]);
  v.setUint16(12, 0x0800);
  f.set([0x45, 0], 14);
  v.setUint16(16, 40);
  f.set([64, 6], 22);
  f.set([10, 0, 0, 1, 10, 0, 0, 2], 26);
  v.setUint16(34, 40000);
  v.setUint16(36, 80);
  f.set([0x50, 0x02], 46);
  return f;
}

function inputFor(p: ProgramSpec, packet: Uint8Array | undefined): RunInput {
  const s = p.section;
  if (packet || /^(xdp|tc|tcx|classifier|socket|cgroup_skb)/.test(s)) return { packet: packet ?? synFrame() };
  if (s.startsWith("tracepoint/") || s.startsWith("tp/")) return { fields: {} };
  if (s.startsWith("raw_tracepoint/") || s.startsWith("raw_tp/")) return { args: [0, 0] };
  if (/^(uprobe|uretprobe|kprobe|kretprobe)/.test(s)) return { args: [1] };
  return { registers: [] };
}

/** Instructions executed per program (by section), the program run twice on the same input. */
function executed(spec: CollectionSpec, packet: Uint8Array | undefined): Map<string, number | undefined> {
  const out = new Map<string, number | undefined>();
  const sb = createSandbox(spec);
  if (!sb.ok) return out;
  for (const p of spec.programs) {
    let n = 0;
    for (let k = 0; k < 2; k++) {
      const r = sb.value.run(p.name, inputFor(p, packet));
      n = r.fault ? NaN : n + r.insns;
    }
    out.set(p.section, Number.isNaN(n) ? undefined : n);
  }
  return out;
}

const kernel = kernelAvailability();
if (!kernel.ok) console.log(`verifier column left empty: ${kernel.reason}`);

function processed(spec: CollectionSpec): Map<string, number | undefined> {
  const out = new Map<string, number | undefined>();
  if (!kernel.ok) return out;
  const loaded = loadCollection(spec, { logLevel: 4 });
  if (!loaded.ok) return out;
  try {
    for (const p of spec.programs) {
      const m = /processed (\d+) insns/.exec(loaded.value.program(p.name)?.log ?? "");
      out.set(p.section, m ? Number(m[1]) : undefined);
    }
  } finally {
    loaded.value.close();
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall ms of three runs of a command; undefined when it fails (printed once). */
function timeProcess(cmd: string, args: string[]): number | undefined {
  const samples: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = process.hrtime.bigint();
    try {
      execFileSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    } catch (e) {
      const why = (e as { stderr?: Buffer }).stderr?.toString().trim().split("\n")[0] ?? String(e);
      console.log(`${[cmd, ...args].join(" ")} failed: ${why}`);
      return undefined;
    }
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(samples);
}

const cell = (a: number | undefined, b: number | undefined): [string, string] => [
  a === undefined ? "-" : `${a}${b !== undefined && a > b ? "*" : ""}`,
  b === undefined ? "-" : String(b),
];

const rows: string[][] = [
  ["program", "section", "static", "clang", "executed", "clang", "verifier", "clang", "ratio"],
];
let worse = 0;
const totals = [0, 0];
for (const s of [...examples, ...twins]) {
  const a = ours(s);
  const b = clang(s);
  const [ea, eb, va, vb] = [executed(a, s.input), executed(b, s.input), processed(a), processed(b)];
  for (const p of a.programs) {
    const twin = b.programs.find((q) => q.section === p.section);
    const sa = slots(p);
    const sb = twin ? slots(twin) : undefined;
    const row = [
      ...cell(sa, sb),
      ...cell(ea.get(p.section), eb.get(p.section)),
      ...cell(va.get(p.section), vb.get(p.section)),
    ];
    if (row.some((c) => c.endsWith("*"))) worse++;
    totals[0]! += sa;
    totals[1]! += sb ?? 0;
    rows.push([s.name, p.section, ...row, sb ? (sa / sb).toFixed(2) : "-"]);
  }
}
rows.push([
  "total",
  "",
  String(totals[0]),
  String(totals[1]),
  "",
  "",
  "",
  "",
  (totals[0]! / totals[1]!).toFixed(2),
]);
printTable(rows);
console.log(`${worse} row(s) with ours > clang (*)`);

const tsbpf = join(ROOT, "bin/tsbpf.js");
if (process.env.TSBPF_BENCH_NO_TIMES) process.exit(0);
const timeRows: string[][] = [["program", "warm ms", "cold tsbpf build ms", "cold clang ms", "ratio"]];
for (const s of [...examples, ...twins]) {
  const text = readFileSync(s.ts, "utf8");
  compileSource(text, s.ts); // warm-up: the shared project parses stdlib and lib files once
  const warm: number[] = [];
  for (let k = 0; k < WARM_RUNS; k++) {
    const t = process.hrtime.bigint();
    compileSource(text, s.ts);
    warm.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const ms = median(warm);
  const cold = timeProcess(process.execPath, [tsbpf, "build", s.ts, "-o", join(dir, `${s.name}.ts.o`)]);
  const clangMs = timeProcess("clang", [...CLANG_ARGS, s.c, "-o", join(dir, `${s.name}.t.o`)]);
  timeRows.push([
    s.name,
    `${ms.toFixed(2)}${ms > 10 ? "*" : ""}`,
    cold?.toFixed(0) ?? "failed",
    clangMs?.toFixed(0) ?? "failed",
    cold && clangMs ? (cold / clangMs).toFixed(2) : "-",
  ]);
}
printTable(timeRows);
console.log("warm: median of in-process compiles after a warm-up (* over the 10 ms target)");
