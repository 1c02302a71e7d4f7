import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  KernelMapView,
  kernelAvailability,
  loadCollection,
  possibleCpus,
  type KernelCollection,
  type TestRunOptions,
} from "../../runtime/kernel/index.js";
import type { ProgramSpec } from "../../runtime/object/index.js";
import { createSandbox, type RunInput, type Sandbox } from "../../runtime/sandbox/index.js";
import { formatFault } from "../../runtime/vm/index.js";
import { addrKey, etherFrame, ipv4Frame, type FrameSpec } from "../examples/packets.js";
import { pinToCpu } from "./affinity.js";
import { comparable, fill, snapshot } from "./map-state.js";
import { clangObjects, type ClangObject } from "./objects.js";

/**
 * Issue #4's second differential point: every clang-built test object runs in the VM (a sandbox
 * over its CollectionSpec) and in the kernel (loadCollection + BPF_PROG_TEST_RUN) on the same
 * packets, from the same initial map contents, and both give the same return value and packet
 * for every run and the same maps and global data afterwards. Programs of a type the kernel cannot
 * test-run (tracepoints, kprobes, ...) are listed as skipped with that reason.
 */
const avail = kernelAvailability();
if (!avail.ok) console.log(`clang-object differential test skipped: ${avail.reason}`);

const FRAMES: readonly FrameSpec[] = [
  { proto: 6, src: "10.0.0.1", dst: "10.0.0.2", sport: 40000, dport: 80, flags: 0x02 },
  { proto: 6, src: "10.0.0.1", dst: "10.0.0.2", sport: 40000, dport: 80, flags: 0x10, payload: 100 },
  { proto: 6, src: "192.168.7.9", dst: "10.0.0.2", sport: 5555, dport: 443, flags: 0x12, ipOptions: 8 },
  { proto: 17, src: "192.168.1.5", dst: "8.8.8.8", sport: 5353, dport: 53, payload: 40 },
  { proto: 17, src: "172.16.0.3", dst: "8.8.4.4", sport: 1, dport: 2, payload: 10, truncate: 38 },
  { proto: 1, src: "10.9.8.7", dst: "10.0.0.2", payload: 56 },
  { proto: 6, src: "10.0.0.1", dst: "10.0.0.2", truncate: 20 },
];
const PACKETS: readonly Uint8Array[] = [
  ...FRAMES.map(ipv4Frame),
  etherFrame(0x0806, 42),
  etherFrame(0x86dd, 74),
  etherFrame(0x0800, 14),
];
/** Keys that hash maps start with, so lookups by address hit (xdp_blocklist). */
const ADDRESS_KEYS = [...new Set(FRAMES.flatMap((f) => [addrKey(f.src), addrKey(f.dst)]))];
/** skb->mark values: 0 (no context passed) and values that select tail calls and verdicts. */
const MARKS = [0, 1, 3, 42];
const SKB_TYPES = new Set(["SOCKET_FILTER", "SCHED_CLS", "SCHED_ACT", "CGROUP_SKB"]);

interface Run {
  readonly label: string;
  readonly vm: RunInput;
  readonly kernel: TestRunOptions;
  /** Whether the packet out is compared (networking programs). */
  readonly packet: boolean;
}

function u64s(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(8 * values.length);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigUint64(8 * i, BigInt(v), true));
  return out;
}

/** struct __sk_buff up to `mark` (offset 8); the kernel wants the bytes before it zero. */
function skbWithMark(mark: number): Uint8Array {
  const ctx = new Uint8Array(12);
  new DataView(ctx.buffer).setUint32(8, mark, true);
  return ctx;
}

/** The test runs of a program, or why BPF_PROG_TEST_RUN cannot run its type. */
function runsFor(p: ProgramSpec, own: readonly Uint8Array[]): Run[] | string {
  const packets = [...own, ...PACKETS];
  if (p.type === "XDP") {
    return packets.map((packet, i) => ({
      label: `packet ${i}`,
      vm: { packet },
      kernel: { data: packet },
      packet: true,
    }));
  }
  if (SKB_TYPES.has(p.type)) {
    return packets.flatMap((packet, i) =>
      MARKS.map((mark) => ({
        label: `packet ${i} mark ${mark}`,
        vm: { packet, mark },
        kernel: { data: packet, ...(mark ? { ctx: skbWithMark(mark), ctxOutSize: 0 } : {}) },
        packet: true,
      })),
    );
  }
  if (p.type === "RAW_TRACEPOINT") {
    // bpf_prog_test_run_raw_tp: the context is the u64 arguments; repeat and ctx_out must be 0
    return [[], [1, 2, 3, 4, 5, 6], [0xffffffff, 7, 0, 0, 9, 1]].map((args, i) => ({
      label: `args ${i}`,
      vm: { args },
      kernel: { ctx: u64s(args.length ? args : [0]), ctxOutSize: 0, repeat: 0 },
      packet: false,
    }));
  }
  return `BPF_PROG_TEST_RUN does not run ${p.type} programs`;
}

interface Report {
  runs: number;
  programs: number;
  skipped: string[];
  /** Runs the kernel would not start (the input does not suit BPF_PROG_TEST_RUN). */
  refused: string[];
  disagreements: string[];
}

function compareMaps(
  obj: ClangObject,
  sandbox: Sandbox,
  kernel: KernelCollection,
  after: string,
  r: Report,
): void {
  for (const m of obj.spec.maps) {
    const vmMap = sandbox.map(m.name);
    const kmap = kernel.map(m.name);
    if (!vmMap || !kmap || !comparable(vmMap)) continue;
    const want = snapshot(new KernelMapView(kmap));
    const got = snapshot(vmMap);
    if (want.join("\n") !== got.join("\n")) {
      r.disagreements.push(
        `${obj.name}: map ${m.name} after ${after}:\n  kernel: ${want.join("\n          ")}\n  VM:     ${got.join("\n          ")}`,
      );
    }
  }
  for (const d of obj.spec.data) {
    const kmap = kernel.map(d.name);
    const vmBytes = sandbox.globals.get(d.name);
    if (!kmap || !vmBytes) continue;
    const k = kmap.lookup(new Uint8Array(4));
    if (!k.ok || !k.value) throw new Error(`${obj.name}: reading ${d.name}: ${k.ok ? "absent" : k.message}`);
    const want = Buffer.from(k.value.subarray(0, vmBytes.length)).toString("hex");
    const got = Buffer.from(vmBytes).toString("hex");
    if (want !== got)
      r.disagreements.push(`${obj.name}: ${d.name} after ${after}: kernel ${want}, VM ${got}`);
  }
}

/** "x: reason (label)" lines grouped as "x: reason: N runs (labels)". */
function summarise(lines: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const line of lines) {
    const m = /^(.*) \(([^)]*)\)$/.exec(line);
    const [head, label] = m ? [m[1]!, m[2]!] : [line, ""];
    groups.set(head, [...(groups.get(head) ?? []), label]);
  }
  return [...groups].map(([head, labels]) => `${head}: ${labels.length} runs (${labels.join(", ")})`);
}

function runObject(obj: ClangObject, r: Report): void {
  const plans = new Map<string, Run[]>();
  for (const p of obj.spec.programs) {
    const runs = runsFor(p, obj.packets);
    if (typeof runs === "string") r.skipped.push(`${obj.name} ${p.name} (${p.section}): ${runs}`);
    else plans.set(p.name, runs);
  }
  if (plans.size === 0) return;
  let loaded = loadCollection(obj.spec, { programs: [...plans.keys()] });
  if (!loaded.ok) {
    // a program the kernel's verifier refuses is no test of the VM: leave it out, run the rest
    // (loadCollection names the program: "program 'x' (section): ...")
    while (!loaded.ok) {
      const named = /^program '([^']+)'/.exec(loaded.message)?.[1];
      if (named === undefined || !plans.has(named)) {
        r.disagreements.push(
          `${obj.name}: the kernel refuses the object: ${loaded.message}\n${loaded.log ?? ""}`,
        );
        return;
      }
      r.skipped.push(`${obj.name} ${named}: the kernel refuses it: ${loaded.message.split("\n")[0]}`);
      plans.delete(named);
      if (plans.size === 0) return;
      loaded = loadCollection(obj.spec, { programs: [...plans.keys()] });
    }
  }
  const kernel = loaded.value;
  try {
    const sandbox = createSandbox(obj.spec, { cpus: possibleCpus(), env: { cpu: 0 } });
    if (!sandbox.ok) {
      // e.g. maps of maps, which issue #4 does not ask the VM for: printed, not hidden
      r.skipped.push(
        `${obj.name}: the VM refuses the object: ${sandbox.diagnostics.map((d) => d.message).join("; ")}`,
      );
      return;
    }
    const vm = sandbox.value;
    for (const m of obj.spec.maps) {
      const vmMap = vm.map(m.name);
      const kmap = kernel.map(m.name);
      if (!vmMap || !kmap) continue;
      fill(vmMap, ADDRESS_KEYS);
      fill(new KernelMapView(kmap), ADDRESS_KEYS);
    }
    compareMaps(obj, vm, kernel, "filling", r);
    for (const [name, runs] of plans) {
      r.programs++;
      for (const run of runs) {
        const where = `${obj.name} ${name} ${run.label}`;
        const k = kernel.program(name)!.testRun(run.kernel);
        if (!k.ok) {
          // e.g. EINVAL for an skb test run on a frame without a whole L3 header: the program
          // never ran, so the VM does not run it either (the maps must stay in step)
          r.refused.push(`${obj.name} ${name}: ${k.message} (${run.label})`);
          continue;
        }
        const v = vm.run(name, run.vm);
        r.runs++;
        if (v.fault) {
          r.disagreements.push(
            `${where}: VM fault (kernel returned ${k.value.retval}): ${formatFault(v.fault)}`,
          );
          continue;
        }
        if (v.ret !== k.value.retval)
          r.disagreements.push(`${where}: kernel returned ${k.value.retval}, VM ${v.ret}`);
        if (run.packet && v.packet) {
          const want = Buffer.from(k.value.dataOut).toString("hex");
          const got = Buffer.from(v.packet).toString("hex");
          if (want !== got)
            r.disagreements.push(`${where}: packet out differs:\n  kernel ${want}\n  VM     ${got}`);
        }
      }
      compareMaps(obj, vm, kernel, `${name}'s runs`, r);
    }
  } finally {
    kernel.close();
  }
}

describe.skipIf(!avail.ok)("clang-built objects: VM against the kernel", () => {
  let restore: (() => void) | undefined;
  beforeAll(() => {
    // XDP and skb test runs run on the caller's CPU: pin it to CPU 0, where the VM runs too
    const pinned = pinToCpu(0);
    if ("reason" in pinned) throw new Error(`cannot pin to CPU 0 for per-CPU maps: ${pinned.reason}`);
    restore = pinned.restore;
  });
  afterAll(() => restore?.());

  it("same return values, packets, maps and globals", { timeout: 120_000 }, () => {
    const { objects, skipped } = clangObjects();
    const report: Report = { runs: 0, programs: 0, skipped: [...skipped], refused: [], disagreements: [] };
    for (const obj of objects) runObject(obj, report);
    console.log(
      `clang objects: ${objects.length} objects, ${report.programs} programs, ${report.runs} runs, ` +
        `${report.disagreements.length} disagreements; skipped:\n  ${report.skipped.join("\n  ")}\n` +
        `runs the kernel refused (not run in the VM either; skb test runs want a whole IPv4/IPv6 header, ` +
        `devmap XDP programs cannot be test-run):\n  ${summarise(report.refused).join("\n  ")}`,
    );
    expect(report.programs).toBeGreaterThan(10);
    expect(report.disagreements.slice(0, 40).join("\n")).toBe("");
  });
});
