import { describe, expect, it } from "vitest";
import { XdpAction } from "../../stdlib/index.js";
import { inetAddr, kernelSupport, load, packet, type BackendKind } from "../../runtime/testing/index.js";
import "../../runtime/testing/vitest.js";
import type * as PerCpu from "./fixtures/percpu.js";

const kernel = await kernelSupport();
if (!kernel.ok) console.log(`kernel backend tests skipped: ${kernel.reason}`);

describe("inetAddr: an IPv4 address as the u32 a program loads from the packet", () => {
  it.each(["10.0.0.1", "192.168.1.66", "255.0.0.1", "0.0.0.0", "1.2.3.4"])("%s", (addr) => {
    // differential: the builder's frame holds the address at the IPv4 source offset (14 + 12)
    const frame = packet.ethernet().ipv4({ src: addr, dst: "10.9.9.9" }).udp().build();
    const loaded = new DataView(frame.buffer, frame.byteOffset).getUint32(14 + 12, true);
    expect(inetAddr(addr)).toBe(loaded);
    expect(packet.inetAddr(addr)).toBe(loaded);
  });

  it("is C's inet_addr: network byte order in memory", () => {
    expect(inetAddr("10.0.0.1")).toBe(0x0100000a);
    expect(inetAddr([192, 0, 2, 1])).toBe(0x010200c0);
    expect(() => inetAddr("10.0.0")).toThrow(/TSB0961: IPv4 address: cannot use "10.0.0"/);
  });
});

describe("kernelSupport(source): whether the kernel can test-run a probe's programs", () => {
  it("names the programs BPF_PROG_TEST_RUN cannot run", async () => {
    const r = await kernelSupport("test/testing/fixtures/latency.ts");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(
      /cannot run TRACEPOINT programs \(onEnter, section tracepoint\/raw_syscalls\/sys_enter\)/,
    );
    expect(r.reason).toMatch(/onExit/);
    expect(r.reason).not.toMatch(/onRawEnter/); // a raw tracepoint test-runs
  });

  it("checks only the programs a test runs", async () => {
    const r = await kernelSupport("test/testing/fixtures/latency.ts", { programs: ["onRawEnter"] });
    expect(r).toEqual(kernel);
  });

  it("is the kernel's own answer for programs it can run", async () => {
    expect(await kernelSupport("test/testing/fixtures/percpu.ts")).toEqual(kernel);
  });

  it("says why a source cannot be read", async () => {
    const r = await kernelSupport("test/testing/fixtures/no-such-probe.ts");
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot read/) });
  });
});

const BACKENDS: ReadonlyArray<[BackendKind, boolean]> = [
  ["vm", true],
  ["kernel", kernel.ok],
];

describe.each(BACKENDS)("per-CPU maps on the %s backend", (backend, enabled) => {
  it.skipIf(!enabled)("read and write one value per CPU", async () => {
    const probe = await load<typeof PerCpu>("test/testing/fixtures/percpu.ts", { backend, cpus: 3 });
    try {
      const frames = [60, 60, 100].map((n) =>
        packet
          .ethernet({ type: 0x88b5 })
          .payload(n - 14)
          .build(),
      );
      for (const f of frames) expect(probe.run("count", f)).toReturnWith(XdpAction.Pass);
      const perCpu = probe.maps.frames.get(0)!;
      // the VM has the CPUs asked for; the kernel has its possible CPUs, and runs on any of them
      if (backend === "vm") expect(perCpu).toEqual([3n, 0n, 0n]);
      else expect(perCpu.length).toBeGreaterThanOrEqual(1);
      expect(perCpu.reduce((a, b) => BigInt(a) + BigInt(b), 0n)).toBe(3n);
      const sum = (v: readonly (number | bigint)[] | undefined) =>
        v!.reduce((a, b) => BigInt(a) + BigInt(b), 0n);
      expect(sum(probe.maps.bytesByLength.get(60))).toBe(120n);
      expect(sum(probe.maps.bytesByLength.get(100))).toBe(100n);
      // userspace writes every CPU's value at once
      const cpus = perCpu.length;
      probe.maps.frames.set(
        0,
        Array.from({ length: cpus }, (_, i) => BigInt(10 * (i + 1))),
      );
      expect(probe.maps.frames.get(0)).toEqual(Array.from({ length: cpus }, (_, i) => BigInt(10 * (i + 1))));
      probe.maps.bytesByLength.delete(60);
      expect(probe.maps.bytesByLength.keys()).toEqual([100]);
    } finally {
      probe.close();
    }
  });
});

describe.skipIf(!kernel.ok)("kernel backend input limits are errors that say so", () => {
  it("refuses a frame shorter than an Ethernet header, which BPF_PROG_TEST_RUN rejects", async () => {
    const probe = await load<typeof PerCpu>("test/testing/fixtures/percpu.ts", { backend: "kernel" });
    try {
      expect(() => probe.run("count", new Uint8Array(13))).toThrow(
        /shorter than an Ethernet header \(13 < 14 bytes\)/,
      );
      expect(probe.run("count", new Uint8Array(14))).toReturnWith(XdpAction.Pass);
    } finally {
      probe.close();
    }
  });
});
