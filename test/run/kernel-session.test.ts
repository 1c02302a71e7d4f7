import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTool, scratchDir } from "../support/tools.js";
import {
  finalMap,
  heldBpfFds,
  kernelObjects,
  kernelSkipReason,
  leakedObjects,
  session,
  type KernelObjects,
} from "./session-harness.js";

const skip = kernelSkipReason();
if (skip) console.log(`skipping tsbpf run on the live kernel: ${skip}`);

/** Waits (briefly) for the kernel to free what was closed: program and map release is deferred. */
async function noLeaks(before: KernelObjects | undefined, names: readonly string[]): Promise<string[]> {
  let leaked = leakedObjects(before, names);
  for (let i = 0; i < 20 && leaked.length; i++) {
    await new Promise((r) => setTimeout(r, 100));
    leaked = leakedObjects(before, names);
  }
  return leaked;
}

describe.skipIf(skip !== undefined)("tsbpf run on the live kernel", () => {
  let fdsBefore: string[];
  let objectsBefore: KernelObjects | undefined;
  beforeAll(() => {
    fdsBefore = heldBpfFds();
  });
  const start = (): void => {
    objectsBefore = kernelObjects();
  };
  const check = async (names: readonly string[]): Promise<void> => {
    expect(heldBpfFds()).toEqual(fdsBefore);
    expect(await noLeaks(objectsBefore, names)).toEqual([]);
  };

  it("syscount sees the openat calls this test makes", async () => {
    start();
    const N = 50;
    const r = await session({ file: "examples/syscount/syscount.ts" }, () => {
      for (let i = 0; i < N; i++) closeSync(openSync("/etc/hostname", "r"));
    });
    expect(r.result).toEqual({ ok: true });
    expect(r.err).toMatch(/Attached 1 program: tracepoint raw_syscalls\/sys_enter/);
    const mine = finalMap(r.lines, "counts").find((e) => e.key === process.pid);
    // every open is an openat and a close: at least 2N system calls of this process
    expect(Number(mine?.value)).toBeGreaterThanOrEqual(2 * N);
    await check(["on_sys_enter", "counts"]);
  });

  it("exectrace reports a process this test starts, with its pid and comm", async () => {
    start();
    let pid = 0;
    const r = await session({ file: "examples/exectrace/exectrace.ts" }, () => {
      const child = spawnSync("/bin/true");
      pid = child.pid ?? 0;
    });
    expect(r.result).toEqual({ ok: true });
    const events = r.lines.filter((l) => l.type === "event").map((l) => l.value as Record<string, unknown>);
    expect(events).toContainEqual(expect.objectContaining({ pid, comm: "true" }));
    await check(["on_exec", "events"]);
  });

  it("refuses an unknown program name with the ones there are", async () => {
    const r = await session({ file: "examples/syscount/syscount.ts", programs: ["nope"] }, () => {});
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) {
      expect(r.result.diagnostics[0]!.code).toBe("TSB5010");
      expect(r.result.diagnostics[0]!.hint).toMatch(/on_sys_enter/);
    }
  });

  it("says an XDP program needs --iface, and names a missing interface", async () => {
    const none = await session({ file: "examples/xdp_proto/xdp_proto.ts" }, () => {});
    expect(!none.result.ok && none.result.diagnostics[0]!.code).toBe("TSB5007");
    const missing = await session(
      { file: "examples/xdp_proto/xdp_proto.ts", iface: "tsbpf-nonexist" },
      () => {},
    );
    expect(!missing.result.ok && missing.result.diagnostics[0]!.code).toBe("TSB5005");
    expect(!missing.result.ok && missing.result.diagnostics[0]!.hint).toMatch(/lo/);
    expect(heldBpfFds()).toEqual(fdsBefore);
  });

  it("reports a tracepoint this kernel lacks with the closest names", async () => {
    const dir = scratchDir();
    // a clang object names any section it likes; the compiler would refuse the name earlier
    const clang = findTool("clang");
    if (!clang) return console.log("clang not installed: skipping the unknown tracepoint check");
    const src = join(dir, "badtp.bpf.c");
    writeFileSync(
      src,
      '__attribute__((section("tracepoint/syscalls/sys_enter_opnat"), used)) int f(void *ctx) { return 0; }\nchar LICENSE[] __attribute__((section("license"), used)) = "GPL";\n',
    );
    const obj = join(dir, "badtp.bpf.o");
    execFileSync(clang, ["-O2", "-g", "-target", "bpf", "-c", src, "-o", obj]);
    const r = await session({ file: obj }, () => {});
    expect(!r.result.ok && r.result.diagnostics[0]!.code).toBe("TSB5004");
    expect(!r.result.ok && r.result.diagnostics[0]!.hint).toMatch(/syscalls\/sys_enter_openat/);
    expect(heldBpfFds()).toEqual(fdsBefore);
  });
});

const NS = `tsbpf-run-${process.pid}`;
const HOST_IF = `tsr${process.pid % 100000}a`;
const NS_IF = `tsr${process.pid % 100000}b`;
const HOST_ADDR = "169.254.77.1";
const NS_ADDR = "169.254.77.2";
const haveIp = !skip && spawnSync("ip", ["-V"]).status === 0;

function ip(...args: string[]): void {
  execFileSync("ip", args, { stdio: "pipe" });
}

/** UDP datagrams from inside the namespace to the host end of the veth pair. */
function sendUdp(count: number, port: number): void {
  const script = `const s=require("dgram").createSocket("udp4");let n=0;const go=()=>{if(n++>=${count})return s.close();s.send("tsbpf",${port},"${HOST_ADDR}",go)};go();`;
  execFileSync("ip", ["netns", "exec", NS, process.execPath, "-e", script], { stdio: "pipe" });
}

describe.skipIf(skip !== undefined || !haveIp)("tsbpf run: XDP and tc on a veth pair in a namespace", () => {
  beforeAll(() => {
    ip("netns", "add", NS);
    ip("link", "add", HOST_IF, "type", "veth", "peer", "name", NS_IF);
    ip("link", "set", NS_IF, "netns", NS);
    ip("addr", "add", `${HOST_ADDR}/30`, "dev", HOST_IF);
    ip("link", "set", HOST_IF, "up");
    ip("netns", "exec", NS, "ip", "addr", "add", `${NS_ADDR}/30`, "dev", NS_IF);
    ip("netns", "exec", NS, "ip", "link", "set", NS_IF, "up");
    ip("netns", "exec", NS, "ip", "link", "set", "lo", "up");
  });
  afterAll(() => {
    spawnSync("ip", ["link", "del", HOST_IF]);
    spawnSync("ip", ["netns", "del", NS]);
  });

  it("xdp_proto counts the UDP datagrams sent to the interface", async () => {
    const before = kernelObjects();
    const N = 20;
    const r = await session({ file: "examples/xdp_proto/xdp_proto.ts", iface: HOST_IF }, () =>
      sendUdp(N, 9999),
    );
    expect(r.result).toEqual({ ok: true });
    expect(r.err).toMatch(/xdp ifindex \d+ \(tsr\d+a, (driver|generic) mode\)/);
    const udp = finalMap(r.lines, "per_proto").find((e) => e.key === 17);
    expect(Number(udp?.value)).toBeGreaterThanOrEqual(N);
    expect(await noLeaks(before, ["count_proto", "per_proto"])).toEqual([]);
  });

  it("tc_flowstats counts the flow's packets and bytes on tcx ingress", async () => {
    const before = kernelObjects();
    const N = 15;
    const r = await session({ file: "examples/tc_flowstats/tc_flowstats.ts", iface: HOST_IF }, () =>
      sendUdp(N, 7777),
    );
    expect(r.result).toEqual({ ok: true });
    const flow = finalMap(r.lines, "flows").find((e) => (e.key as Record<string, unknown>).dport === 7777);
    expect(flow).toBeDefined();
    const stats = flow!.value as { packets: number; bytes: number };
    expect(stats.packets).toBeGreaterThanOrEqual(N);
    // each frame: 14 Ethernet + 20 IP + 8 UDP + 5 payload bytes
    expect(stats.bytes).toBeGreaterThanOrEqual(N * 47);
    expect((flow!.key as Record<string, unknown>).proto).toBe(17);
    expect(await noLeaks(before, ["flow_stats", "flows"])).toEqual([]);
  });
});

const clang = findTool("clang");
describe.skipIf(skip !== undefined || !clang)("tsbpf run: uprobes", () => {
  it("uprobe_count counts the calls of a function in a program this test runs", async () => {
    const dir = scratchDir();
    const src = join(dir, "calls.c");
    writeFileSync(
      src,
      [
        "#include <stdlib.h>",
        '__attribute__((noinline)) int tsbpf_target(int x) { __asm__ volatile(""); return x + 1; }',
        "int main(int argc, char **argv) { int n = atoi(argv[1]), s = 0;",
        "  for (int i = 0; i < n; i++) s += tsbpf_target(i);",
        "  return s == -1; }",
      ].join("\n"),
    );
    const bin = join(dir, "calls");
    execFileSync(clang!, ["-O1", "-o", bin, src]);
    const before = kernelObjects();
    const N = 7;
    let pid = 0;
    const r = await session(
      { file: "examples/uprobe_count/uprobe_count.ts", uprobe: `${bin}:tsbpf_target` },
      () => {
        const child = spawnSync(bin, [String(N)]);
        expect(child.status).toBe(0);
        pid = child.pid ?? 0;
      },
    );
    expect(r.result).toEqual({ ok: true });
    expect(r.err).toMatch(/uprobe .*calls:tsbpf_target/);
    expect(finalMap(r.lines, "calls")).toContainEqual({ key: pid, value: N });
    expect(await noLeaks(before, ["count_calls", "calls"])).toEqual([]);
  });

  it("says a uprobe without a target needs --uprobe", async () => {
    const r = await session({ file: "examples/uprobe_count/uprobe_count.ts" }, () => {});
    expect(!r.result.ok && r.result.diagnostics[0]!.message).toMatch(/--uprobe <binary>:<function>/);
  });
});
