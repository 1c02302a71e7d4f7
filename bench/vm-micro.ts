/**
 * VM micro-benchmark: ns per executed instruction of both tiers on the reference XDP programs of
 * shared/bench (sum, csum, alu32, alu64; plus parse and empty for the per-run overhead).
 * Not a test. Needs clang and llvm-objcopy. Node 20 cannot run TypeScript directly, so compile first:
 *   npx tsc --ignoreConfig --outDir /tmp/tsbpf-bench --rootDir . --module nodenext \
 *     --moduleResolution nodenext --target es2022 --skipLibCheck --types node bench/vm-micro.ts
 *   echo '{"type":"module"}' > /tmp/tsbpf-bench/package.json
 *   TSBPF_BENCH_DIR=../shared/bench node /tmp/tsbpf-bench/bench/vm-micro.js
 *
 * Prints one row per program with each tier's median over batches (the best of
 * TSBPF_BENCH_ROUNDS rounds, default 3: other processes on a shared machine only ever make a
 * round slower), and the README's reference numbers (uBPF interpreter ns/insn, kernel JIT ns/run)
 * beside them with the ratios.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { decodeProgram } from "../runtime/isa/index.js";
import { createVm, xdpContext, type Vm } from "../runtime/vm/index.js";

const BENCH = resolve(process.env.TSBPF_BENCH_DIR ?? join(import.meta.dirname ?? ".", "../../shared/bench"));

/** From shared/bench/README.md: expected r0, uBPF interpreter ns/insn, kernel JIT ns/run. */
const PROGRAMS: ReadonlyArray<readonly [string, bigint, number, number]> = [
  ["sum", 499500n, 4.75, 298],
  ["csum", 3722n, 5.22, 585],
  ["alu32", 3442049778n, 5.12, 3404],
  ["alu64", 2016082769n, 4.85, 4239],
  ["parse", 1226001n, 5.51, 24],
  ["empty", 2n, 12.0, 22],
];

function compile(name: string, dir: string): Uint8Array {
  const obj = join(dir, `${name}.o`);
  const bin = join(dir, `${name}.bin`);
  execFileSync("clang", ["-O2", "-target", "bpf", "-mcpu=v3", "-c", join(BENCH, `${name}.c`), "-o", obj]);
  execFileSync("llvm-objcopy", ["-O", "binary", "--only-section=xdp", obj, bin]);
  return new Uint8Array(readFileSync(bin));
}

function measure(
  vm: Vm,
  pkt: Uint8Array,
  tier: "interpreter" | "js",
  want: bigint,
): { nsRun: number; insns: number } {
  const once = () => {
    const r = vm.run({ tier, setup: (mem) => [xdpContext(mem, pkt)] });
    if (r.kind !== "exit" || r.r0 !== want)
      throw new Error(
        `${tier}: wrong result ${JSON.stringify(r, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
      );
    return r.insns;
  };
  const insns = once();
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) best = Math.min(best, medianRun(once));
  return { nsRun: best, insns };
}

const ROUNDS = Number(process.env.TSBPF_BENCH_ROUNDS ?? 3);

/** Median ns per run over 15 batches of about 20 ms, after a warm-up. */
function medianRun(once: () => number): number {
  // batches of ~20 ms after a warm-up, median of 15
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) once();
    const dt = Number(process.hrtime.bigint() - t0);
    if (dt > 20e6) break;
    n *= 2;
  }
  const samples: number[] = [];
  for (let k = 0; k < 15; k++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) once();
    samples.push(Number(process.hrtime.bigint() - t0) / n);
  }
  samples.sort((a, b) => a - b);
  return samples[7]!;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), "tsbpf-vm-bench-"));
  const rows: string[] = [];
  rows.push(
    "program  insns/run  interp ns/insn  interp ns/run  js ns/insn  js ns/run  uBPF-interp ns/insn  interp/uBPF  kernel-JIT ns/run  js/kernel",
  );
  for (const [name, want, ubpf, kernel] of PROGRAMS) {
    const prog = decodeProgram(compile(name, dir));
    if (!prog.ok) throw new Error(`${name}: ${prog.diagnostics.map((d) => d.message).join("; ")}`);
    const vm = createVm(prog.value, { name });
    if (!vm.ok) throw new Error(`${name}: ${vm.diagnostics.map((d) => d.message).join("; ")}`);
    const pkt = new Uint8Array(readFileSync(join(BENCH, "pkt", `${name}.pkt`)));
    const i = measure(vm.value, pkt, "interpreter", want);
    const j = measure(vm.value, pkt, "js", want);
    rows.push(
      [
        name.padEnd(7),
        String(i.insns).padStart(9),
        (i.nsRun / i.insns).toFixed(2).padStart(15),
        i.nsRun.toFixed(0).padStart(14),
        (j.nsRun / j.insns).toFixed(3).padStart(11),
        j.nsRun.toFixed(0).padStart(10),
        ubpf.toFixed(2).padStart(20),
        (i.nsRun / i.insns / ubpf).toFixed(2).padStart(12),
        String(kernel).padStart(18),
        (j.nsRun / kernel).toFixed(2).padStart(10),
      ].join(" "),
    );
  }
  console.log(rows.join("\n"));
}

main();
