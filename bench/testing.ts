/**
 * tsbpf/testing benchmark: for each example, the time from `load()` to its first result and the
 * time per run, next to what the C workflow takes for the same: clang compiling the C twin
 * (examples/c/<name>.bpf.c), `bpftool prog loadall` putting it into the kernel and `bpftool prog
 * run` running it once (program types BPF_PROG_TEST_RUN runs; tracepoints and uprobes are only
 * loaded). Everything is measured in this run. Target: load-to-result faster than clang + bpftool.
 * Not a test; asserts nothing about speed. Run with `npm run bench -- testing`.
 *
 * Columns: load() + first run() in a test process that compiles the probe, the same with the
 * probe in the disk cache of compiled probes, and both again as whole fresh node processes (start,
 * import, load, run, exit), since clang and bpftool are timed as the processes a user runs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  clearCompileCache,
  cString,
  kernelSupport,
  load,
  packet,
  type LoadOptions,
  type RunEnv,
} from "../runtime/testing/index.js";
import { printTable } from "./table.js";

interface Case {
  readonly name: string;
  /** The program run, in the TypeScript example and (same name) in the C twin. */
  readonly program: string;
  readonly input: unknown;
  readonly env?: RunEnv;
  /** The frame `bpftool prog run` feeds a packet program. */
  readonly packet?: Uint8Array;
}

const PATH = 0x7ffd_0000_1000n;
const ip = packet.ethernet().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" });
const frame = (b: { build(): Uint8Array }) => b.build();
const udp = frame(ip.udp({ dport: 53 }).payload(32));
const syn = frame(ip.tcp({ dport: 443, flags: "S" }));

const CASES: readonly Case[] = [
  { name: "syscount", program: "on_sys_enter", input: { id: 0 }, env: { tgid: 42 } },
  {
    name: "opensnoop",
    program: "on_openat",
    input: { filename: PATH },
    env: { userMemory: [cString(PATH, "/etc/passwd")] },
  },
  { name: "exectrace", program: "on_exec", input: { pid: 7 }, env: { comm: "ls" } },
  { name: "syslatency", program: "on_enter", input: { id: 0 } },
  { name: "xdp_proto", program: "count_proto", input: udp, packet: udp },
  { name: "xdp_blocklist", program: "block_ipv4", input: udp, packet: udp },
  { name: "tc_flowstats", program: "flow_stats", input: syn, packet: syn },
  { name: "sockfilter_syn", program: "keep_syn", input: syn, packet: syn },
  { name: "uprobe_count", program: "count_calls", input: { args: [1n] } },
];

const ROOT = resolve(process.env.TSBPF_ROOT ?? ".");
const example = (name: string) => join(ROOT, "examples", name, `${name}.ts`);

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** load() then one run: ms until the first result. */
async function loadToResult(c: Case, options: LoadOptions = {}): Promise<number> {
  const t0 = process.hrtime.bigint();
  const probe = await load(example(c.name), options);
  probe.run(c.program, c.input as never, c.env);
  const dt = ms(t0);
  probe.close();
  return dt;
}

/** Median ns per run over 9 batches of about 10 ms, after a warm-up. */
function nsPerRun(once: () => void): number {
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) once();
    if (Number(process.hrtime.bigint() - t0) > 10e6) break;
    n *= 2;
  }
  const samples: number[] = [];
  for (let k = 0; k < 9; k++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) once();
    samples.push(Number(process.hrtime.bigint() - t0) / n);
  }
  return samples.sort((a, b) => a - b)[4]!;
}

/** A fresh node process importing tsbpf/testing, loading and running once, start to exit. */
function fresh(c: Case, cache: string): number {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [fileURLToPath(import.meta.url)], {
    env: {
      ...process.env,
      TSBPF_TESTING_BENCH_CHILD: c.name,
      TSBPF_ROOT: ROOT,
      TSBPF_CACHE_DIR: cache,
      TSBPF_CACHE: "1",
    },
    stdio: "ignore",
  });
  return ms(t0);
}

/** load() + run() in this process with the compiler loaded: compiling (no disk cache), or from the disk cache. */
async function inProcess(c: Case, cache: string | undefined): Promise<number> {
  clearCompileCache();
  if (cache) {
    delete process.env.TSBPF_CACHE;
    process.env.TSBPF_CACHE_DIR = cache;
  } else process.env.TSBPF_CACHE = "0";
  return loadToResult(c);
}

function timed(file: string, args: readonly string[]): { ms: number; out: string } {
  const t0 = process.hrtime.bigint();
  const out = execFileSync(file, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return { ms: ms(t0), out };
}

interface CTimes {
  clang: number;
  load: number;
  /** One `bpftool prog run` (packet programs). */
  run?: number;
  /** The kernel's own average ns per run over 100,000 repeats. */
  kernelNs?: number;
}

/** clang, bpftool prog loadall and bpftool prog run on the C twin, as separate commands. */
function cWorkflow(c: Case, dir: string): CTimes {
  const obj = join(dir, `${c.name}.o`);
  const src = join(ROOT, "examples/c", `${c.name}.bpf.c`);
  const clang = timed("clang", [
    ...["-O2", "-g", "-target", "bpf", "-mcpu=v3", "-I/usr/include/x86_64-linux-gnu"],
    ...["-c", src, "-o", obj],
  ]).ms;
  const pin = `/sys/fs/bpf/tsbpf-bench-${process.pid}-${c.name}`;
  try {
    const loaded = timed("bpftool", ["prog", "loadall", obj, pin]).ms;
    if (!c.packet) return { clang, load: loaded };
    const data = join(dir, `${c.name}.pkt`);
    writeFileSync(data, c.packet);
    const once = timed("bpftool", ["prog", "run", "pinned", `${pin}/${c.program}`, "data_in", data]);
    const many = timed("bpftool", [
      ...["prog", "run", "pinned", `${pin}/${c.program}`],
      ...["data_in", data, "repeat", "100000"],
    ]).out;
    const avg = /duration \(average\): (\d+)ns/.exec(many);
    return { clang, load: loaded, run: once.ms, ...(avg ? { kernelNs: Number(avg[1]) } : {}) };
  } finally {
    rmSync(pin, { recursive: true, force: true });
  }
}

const f = (n: number | undefined, digits = 1) => (n === undefined ? "-" : n.toFixed(digits));

async function main(): Promise<void> {
  const kernel = await kernelSupport();
  const tools = (() => {
    try {
      execFileSync("clang", ["--version"], { stdio: "ignore" });
      execFileSync("bpftool", ["version"], { stdio: "ignore" });
      return kernel.ok ? undefined : kernel.reason;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  })();
  if (tools) console.log(`clang + bpftool columns not measured: ${tools}`);
  const dir = mkdtempSync(join(tmpdir(), "tsbpf-testing-bench-"));
  const cache = join(dir, "cache");
  // one load first: the in-process columns measure a process that has the compiler loaded
  await inProcess(CASES[0]!, undefined);
  const rows: string[][] = [
    [
      "example",
      "load→result ms",
      "cached ms",
      "fresh process ms",
      "fresh cached ms",
      "clang ms",
      "bpftool load+run ms",
      "clang+bpftool ms",
      "load/C",
      "cached/C",
      "fresh cached/C",
      "VM µs/run",
      "kernel-backend µs/run",
      "bpftool ns/run",
    ],
  ];
  const ratios: Array<[number, number]> = [];
  for (const c of CASES) {
    const freshMs = fresh(c, cache); // compiles and fills the disk cache
    const freshCachedMs = fresh(c, cache);
    const compiledMs = await inProcess(c, undefined);
    const cachedMs = await inProcess(c, cache);
    const vm = await load(example(c.name));
    const vmNs = nsPerRun(() => vm.run(c.program, c.input as never, c.env));
    let kernelUs: number | undefined;
    if (c.packet && !tools) {
      const k = await load(example(c.name), { backend: "kernel" });
      kernelUs = nsPerRun(() => k.run(c.program, c.input as never)) / 1e3;
      k.close();
    }
    const ct = tools ? undefined : cWorkflow(c, dir);
    const cTotal = ct ? ct.clang + ct.load + (ct.run ?? 0) : undefined;
    if (cTotal) ratios.push([compiledMs / cTotal, freshCachedMs / cTotal]);
    const ratio = (x: number) => (cTotal ? (x / cTotal).toFixed(2) : "-");
    rows.push([
      c.name,
      f(compiledMs),
      f(cachedMs),
      f(freshMs),
      f(freshCachedMs),
      f(ct?.clang),
      ct ? `${f(ct.load)}${ct.run === undefined ? " (load only)" : ` + ${f(ct.run)}`}` : "-",
      f(cTotal),
      ratio(compiledMs),
      ratio(cachedMs),
      ratio(freshCachedMs),
      f(vmNs / 1e3, 2),
      f(kernelUs, 2),
      ct?.kernelNs === undefined ? "-" : String(ct.kernelNs),
    ]);
  }
  rmSync(dir, { recursive: true, force: true });
  printTable(rows);
  console.log(
    [
      "load→result: load() + first run() in a test process (compiler loaded, nothing cached: it compiles);",
      "cached: the same with the probe in the disk cache (no compile); fresh process: node start, import,",
      "load(), run(), exit, compiling; fresh cached: the same with the disk cache filled. C: clang -O2 -g,",
      "bpftool prog loadall, one bpftool prog run, each a process (tracepoints and uprobes cannot be",
      "test-run: load only). VM µs/run: probe.run() on tsbpf's VM; kernel-backend: probe.run() through",
      "BPF_PROG_TEST_RUN; bpftool ns/run: the kernel's own average over 100,000 repeats.",
    ].join("\n"),
  );
  const geo = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
  if (ratios.length) {
    const compiling = ratios.map(([a]) => a);
    const freshCached = ratios.map(([, b]) => b);
    console.log(
      `load→result / (clang + bpftool): geometric mean ${geo(compiling).toFixed(2)} (target < 1), ` +
        `faster in ${compiling.filter((r) => r < 1).length} of ${compiling.length}; ` +
        `fresh cached process / (clang + bpftool): ${geo(freshCached).toFixed(2)}`,
    );
  }
}

const child = CASES.find((c) => c.name === process.env.TSBPF_TESTING_BENCH_CHILD);
if (child) {
  const probe = await load(example(child.name));
  probe.run(child.program, child.input as never, child.env);
} else {
  await main();
}
