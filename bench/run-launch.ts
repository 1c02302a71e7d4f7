/**
 * `npm run bench -- run-launch`: the `tsbpf run` experience against bpftrace and libbpf, measured
 * side by side in one run (timings are printed, never asserted):
 *
 * 1. launch → attached: wall time from starting `tsbpf run` until it reports its program attached,
 *    against bpftrace on the same probe (a raw_syscalls/sys_enter per-process count) until its
 *    BEGIN probe prints, which bpftrace fires once every probe is attached. Warm runs: the
 *    second and later launches, median of several.
 * 2. ring-buffer throughput: records per second that tsbpf's consumer (mmap + epoll, decoding each
 *    record into its declared type) takes from a ring buffer, against a C consumer on libbpf's
 *    ring_buffer__poll (bench/c/ringbuf_consumer.c), with the same probe fed by the same
 *    generator (bench/c/getppid_loop.c) on the other core.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../compiler/cli/main.js";
import { attachTracepoint } from "../runtime/kernel/attach.js";
import { kernelAvailability } from "../runtime/kernel/availability.js";
import { loadCollection } from "../runtime/kernel/collection.js";
import { Epoll } from "../runtime/kernel/epoll.js";
import { KernelRingbufReader } from "../runtime/kernel/ringbuf-reader.js";
import { ensureBpffs } from "../runtime/kernel/tracefs.js";
import { decodeRecord } from "../runtime/run/kernel-session.js";
import { readProbeSource } from "../runtime/testing/source.js";
import { printTable } from "./table.js";

const here = dirname(fileURLToPath(import.meta.url));
/** The repository: this file runs from node_modules/.cache/tsbpf-bench/bench/. */
const repo = resolve(here, "../../../..");
const scratch = mkdtempSync(join(tmpdir(), "tsbpf-bench-run-"));
const LAUNCHES = 5;
const SECONDS = 2;

function have(tool: string, args = ["--version"]): boolean {
  const r = spawnSync(tool, args, { stdio: "ignore" });
  return !r.error && r.status === 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Starts `cmd`, resolves with ms until `ready` matches its output, then stops it with SIGINT. */
function timeToReady(cmd: string, args: string[], ready: RegExp): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
    let seen = "";
    let took: number | undefined;
    const look = (d: Buffer): void => {
      seen += d.toString();
      if (took === undefined && ready.test(seen)) {
        took = performance.now() - started;
        // a SIGINT that lands while bpftrace is still starting its event loop can be lost:
        // repeat it until the process is gone (SIGKILL after 5 s; the kernel then releases all)
        let tries = 0;
        const stop = (): void => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill(++tries > 10 ? "SIGKILL" : "SIGINT");
          setTimeout(stop, 500);
        };
        stop();
      }
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
    child.on("close", () =>
      took !== undefined ? done(took) : fail(new Error(`${cmd} never got ready:\n${seen}`)),
    );
  });
}

async function launchSection(): Promise<void> {
  console.log("launch → attached (raw_syscalls/sys_enter, count per process), median of warm launches");
  // the launcher runs this build's CLI exactly as bin/tsbpf.js runs dist/
  const launcher = join(scratch, "tsbpf.mjs");
  writeFileSync(
    launcher,
    `const { main } = await import(${JSON.stringify(resolve(here, "../compiler/cli/main.js"))});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  void main; // imported so that this build compiles the CLI
  const tsbpfArgs = [launcher, "run", "examples/syscount/syscount.ts"];
  const bt = 'tracepoint:raw_syscalls:sys_enter { @[pid] = count(); } BEGIN { printf("attached\\n"); }';
  const haveBpftrace = have("bpftrace");
  const ours: number[] = [];
  const theirs: number[] = [];
  // one cold launch each first (compile caches, page cache), not counted
  await timeToReady(process.execPath, tsbpfArgs, /Attached/);
  if (haveBpftrace) await timeToReady("bpftrace", ["-e", bt], /attached/);
  for (let i = 0; i < LAUNCHES; i++) {
    ours.push(await timeToReady(process.execPath, tsbpfArgs, /Attached/));
    if (haveBpftrace) theirs.push(await timeToReady("bpftrace", ["-e", bt], /attached/));
  }
  const rows = [["", "median ms", "min ms", "vs bpftrace"]];
  const b = haveBpftrace ? median(theirs) : NaN;
  rows.push([
    "tsbpf run",
    median(ours).toFixed(0),
    Math.min(...ours).toFixed(0),
    haveBpftrace ? `${(median(ours) / b).toFixed(2)}x` : "-",
  ]);
  if (haveBpftrace) rows.push(["bpftrace", b.toFixed(0), Math.min(...theirs).toFixed(0), "1.00x"]);
  else console.log("bpftrace not installed: only tsbpf's time is shown");
  printTable(rows);
}

const PROBE = `import { RingBuf, tracepoint, bpf, type CString, type u32, type u64 } from "tsbpf";
export interface Rec { pid: u32; pad: u32; ts: u64; comm: CString<16> }
export const records = new RingBuf<Rec>({ size: 4 * 1024 * 1024 });
export const on_getppid = tracepoint("syscalls/sys_enter_getppid", () => {
  const r = records.reserve();
  if (!r) return 0;
  r.pid = u32(bpf.getCurrentPidTgid() >> 32);
  r.pad = 0;
  r.ts = bpf.ktimeGetNs();
  bpf.getCurrentComm(r.comm);
  records.submit(r);
  return 0;
});
`.replace("type CString, type u32", "type CString, u32");

function cc(out: string, src: string, libs: string[] = []): boolean {
  const compiler = have("clang") ? "clang" : have("gcc") ? "gcc" : undefined;
  if (!compiler) return false;
  execFileSync(compiler, ["-O2", "-o", out, join(repo, "bench/c", src), ...libs], { stdio: "pipe" });
  return true;
}

async function throughputSection(): Promise<void> {
  console.log(`\nring-buffer throughput (${SECONDS} s each, 32-byte records, generator on the other core)`);
  const gen = join(scratch, "getppid_loop");
  const consumer = join(scratch, "ringbuf_consumer");
  if (!cc(gen, "getppid_loop.c") || !cc(consumer, "ringbuf_consumer.c", ["-lbpf"])) {
    console.log("no C compiler (clang/gcc) or libbpf-dev: skipping");
    return;
  }
  const file = join(scratch, "rbbench.ts");
  writeFileSync(file, PROBE);
  const source = await readProbeSource(file);
  if (!source.ok) throw new Error(source.diagnostics.map((d) => d.message).join("\n"));
  const loaded = loadCollection(source.value.spec);
  if (!loaded.ok) throw new Error(loaded.message);
  const col = loaded.value;
  const link = attachTracepoint(col.program("on_getppid")!.fd, "syscalls/sys_enter_getppid");
  if (!link.ok) throw new Error(link.message);
  const map = col.map("records")!;
  const layout = source.value.maps.records?.value;
  const generate = (): Promise<number> =>
    new Promise((done) => {
      const child = spawn(gen, [String(SECONDS)], { stdio: ["ignore", "pipe", "ignore"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.on("close", () => done(Number(out.trim())));
    });

  // tsbpf: the same reader and decoder `tsbpf run` uses, in this process
  const reader = KernelRingbufReader.open(map);
  const epoll = Epoll.create(1);
  if (!reader.ok || !epoll.ok) throw new Error("cannot open the ring buffer");
  reader.value.consume(); // anything from before
  epoll.value.add(map.fd);
  const produced = generate();
  let ours = 0;
  let sum = 0;
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  while (performance.now() < end) {
    epoll.value.wait(5);
    for (const r of reader.value.consume()) {
      sum += (decodeRecord(layout, r) as { pid: number }).pid;
      ours++;
    }
  }
  const oursSeconds = (performance.now() - t0) / 1000;
  const oursCalls = await produced;
  reader.value.close();
  epoll.value.close();

  // libbpf: the pinned map, read by the C consumer while the generator runs again
  const bpffs = ensureBpffs();
  let theirs = NaN;
  let theirsCalls = NaN;
  if (bpffs.ok) {
    const pin = join(bpffs.value, `tsbpf-bench-rb-${process.pid}`);
    const pinned = map.pin(pin);
    if (pinned.ok) {
      try {
        const c = new Promise<string>((done) => {
          const child = spawn(consumer, [pin, String(SECONDS)], { stdio: ["ignore", "pipe", "inherit"] });
          let out = "";
          child.stdout.on("data", (d: Buffer) => (out += d.toString()));
          child.on("close", () => done(out));
        });
        await new Promise((r) => setTimeout(r, 50)); // let the consumer open the map first
        theirsCalls = await generate();
        theirs = Number((await c).split(" ")[0]);
      } finally {
        rmSync(pin, { force: true });
      }
    }
  } else console.log(`cannot pin for the C consumer: ${bpffs.message}`);
  link.value.close();
  col.close();
  void sum;
  const rate = (n: number, s: number): string => `${(n / s / 1e6).toFixed(2)} M/s`;
  printTable([
    ["", "records", "generated", "records/s", "vs libbpf"],
    [
      "tsbpf (mmap+epoll+decode)",
      String(ours),
      String(oursCalls),
      rate(ours, oursSeconds),
      Number.isNaN(theirs) ? "-" : `${(ours / theirs).toFixed(2)}x`,
    ],
    ["libbpf ring_buffer__poll (C)", String(theirs), String(theirsCalls), rate(theirs, SECONDS), "1.00x"],
  ]);
  console.log("(records below 'generated' were dropped by the probe: the ring buffer was full)");
}

const available = kernelAvailability();
if (!available.ok || process.getuid?.() !== 0) {
  console.log(`run-launch needs root and bpf(): ${available.ok ? "not root" : available.reason}; skipping`);
} else {
  try {
    await launchSection();
    await throughputSection();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
