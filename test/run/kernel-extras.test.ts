import { execFileSync, spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findElfFunction } from "../../runtime/kernel/elf-symbols.js";
import { loadCollection } from "../../runtime/kernel/collection.js";
import { attachSocketFilter } from "../../runtime/kernel/socket-filter.js";
import { parseUprobeTarget } from "../../runtime/kernel/uprobe.js";
import { readProbeSource } from "../../runtime/testing/source.js";
import { findTool, scratchDir } from "../support/tools.js";
import { heldBpfFds, kernelSkipReason, session } from "./session-harness.js";

const skip = kernelSkipReason();
if (skip) console.log(`skipping tsbpf/kernel attach tests on the live kernel: ${skip}`);
const clang = findTool("clang");
const nm = findTool("llvm-nm") ?? findTool("nm");

describe("uprobe targets and ELF symbols", () => {
  it.each([
    ["/bin/bash:readline", { binary: "/bin/bash", symbol: "readline", retprobe: false }],
    [
      "/usr/lib/libc.so.6:malloc+0x10",
      { binary: "/usr/lib/libc.so.6", symbol: "malloc", offset: 16, retprobe: false },
    ],
    ["./a.out:0x1f0", { binary: "./a.out", offset: 0x1f0, retprobe: false }],
  ] as const)("%s", (text, want) => {
    expect(parseUprobeTarget(text)).toEqual({ ok: true, value: want });
  });

  it("refuses a target without a function", () => {
    expect(parseUprobeTarget("/bin/bash").ok).toBe(false);
  });

  it.skipIf(!clang || !nm)("finds a function's file offset as nm and the program headers give it", () => {
    const dir = scratchDir();
    const src = join(dir, "syms.c");
    writeFileSync(src, "int tsbpf_fn(int x) { return x * 3; }\nint main(void) { return tsbpf_fn(1) - 3; }\n");
    const bin = join(dir, "syms");
    execFileSync(clang!, ["-O1", "-no-pie", "-o", bin, src]);
    const address = BigInt(
      `0x${/^([0-9a-f]+) T tsbpf_fn$/m.exec(execFileSync(nm!, [bin], { encoding: "utf8" }))![1]}`,
    );
    const fn = findElfFunction(bin, "tsbpf_fn");
    expect(fn.ok && fn.value.address).toBe(address);
    // a non-PIE executable's text segment maps file offset 0 at 0x400000
    expect(fn.ok && fn.value.fileOffset).toBe(Number(address - 0x400000n));
    expect(findElfFunction(bin, "no_such_fn").ok).toBe(false);
  });
});

describe.skipIf(skip !== undefined)("socket filters on a socket the caller passes", () => {
  it("sockfilter_syn drops a UDP socket's datagrams until detached", async () => {
    const source = await readProbeSource("examples/sockfilter_syn/sockfilter_syn.ts");
    if (!source.ok) throw new Error("sockfilter_syn does not compile");
    const loaded = loadCollection(source.value.spec);
    if (!loaded.ok) throw new Error(loaded.message);
    const sock = createSocket("udp4");
    await new Promise<void>((r) => sock.bind(0, "127.0.0.1", r));
    const port = sock.address().port;
    const got: string[] = [];
    sock.on("message", (m) => got.push(m.toString()));
    // node keeps the fd on the socket handle (Unix): the one thing this test needs from it
    const fd = (sock as unknown as { _handle: { fd: number } })._handle.fd;
    const attached = attachSocketFilter(loaded.value.program("keep_syn")!.fd, fd);
    expect(attached.ok).toBe(true);
    const send = async (text: string): Promise<void> => {
      const out = createSocket("udp4");
      await new Promise<void>((r) => out.send(text, port, "127.0.0.1", () => r()));
      out.close();
      await new Promise((r) => setTimeout(r, 100));
    };
    await send("dropped");
    if (attached.ok) expect(attached.value.close().ok).toBe(true);
    await send("kept");
    sock.close();
    loaded.value.close();
    expect(got).toEqual(["kept"]);
  });

  it("the CLI says how a socket filter gets its socket", async () => {
    const r = await session({ file: "examples/sockfilter_syn/sockfilter_syn.ts" }, () => {});
    expect(!r.result.ok && r.result.diagnostics[0]!.code).toBe("TSB5007");
    expect(!r.result.ok && r.result.diagnostics[0]!.message).toMatch(/--socket-fd/);
  });
});

describe.skipIf(skip !== undefined)("perf buffers and verifier rejections", () => {
  it("streams perf event array samples with the CPU they came from", async () => {
    const dir = scratchDir();
    const probe = join(dir, "perfexec.ts");
    writeFileSync(
      probe,
      [
        'import { PerfEventArray, tracepoint, bpf, zeroed, type CString, type u32 } from "tsbpf";',
        "export interface Sample { pid: u32; pad: u32; comm: CString<16> }",
        "export const samples = new PerfEventArray<Sample>();",
        'export const on_exec = tracepoint("sched/sched_process_exec", (ctx) => {',
        "  const s: Sample = zeroed();",
        "  s.pid = ctx.pid;",
        "  bpf.getCurrentComm(s.comm);",
        "  samples.output(ctx, s);",
        "  return 0;",
        "});",
      ].join("\n"),
    );
    let pid = 0;
    const before = heldBpfFds();
    const r = await session({ file: probe }, () => {
      pid = spawnSync("/bin/true").pid ?? 0;
    });
    if (!r.result.ok) throw new Error(r.result.diagnostics.map((d) => d.message).join("\n"));
    const events = r.lines.filter((l) => l.type === "event");
    expect(events).toContainEqual(
      expect.objectContaining({ map: "samples", value: expect.objectContaining({ pid, comm: "true" }) }),
    );
    expect(events.every((e) => typeof e.cpu === "number")).toBe(true);
    expect(heldBpfFds()).toEqual(before);
  });

  it.skipIf(!clang)(
    "a kernel verifier rejection points at the source line, with the log and tsbpf's view",
    async () => {
      const dir = scratchDir();
      const src = join(dir, "nullread.bpf.c");
      writeFileSync(
        src,
        [
          "typedef unsigned int u32;",
          '__attribute__((section("tracepoint/syscalls/sys_enter_getppid"), used))',
          "int nullread(void *ctx) {",
          "  volatile u32 *p = 0;",
          "  return *p;",
          "}",
          'char LICENSE[] __attribute__((section("license"), used)) = "GPL";',
        ].join("\n"),
      );
      const obj = join(dir, "nullread.bpf.o");
      execFileSync(clang!, ["-O2", "-g", "-target", "bpf", "-c", src, "-o", obj]);
      const r = await session({ file: obj, verify: false }, () => {});
      expect(r.result.ok).toBe(false);
      if (r.result.ok) return;
      const [head, ...rest] = r.result.diagnostics;
      expect(head!.code).toBe("TSB5006");
      expect(head!.location).toMatchObject({ line: 5 });
      expect(head!.location!.file).toMatch(/nullread\.bpf\.c$/);
      expect(head!.hint).toMatch(/invalid mem access/);
      expect(rest.length).toBeGreaterThan(0); // tsbpf's verifier says its piece
      expect(rest.every((d) => d.severity === "note")).toBe(true);
    },
  );
});
