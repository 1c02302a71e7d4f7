import { describe, expect, it } from "vitest";
import { XdpAction } from "../../stdlib/index.js";
import { kernelSupport, load, packet, type BackendKind } from "../../runtime/testing/index.js";
import "../../runtime/testing/vitest.js";
import type * as XdpProto from "../fixtures/compiler/samples/xdp-proto.js";
import type * as Latency from "./fixtures/latency.js";
import type * as Sampler from "./fixtures/sampler.js";

const kernel = await kernelSupport();
if (!kernel.ok) console.log(`kernel backend tests skipped: ${kernel.reason}`);
const BACKENDS: ReadonlyArray<[BackendKind, boolean]> = [
  ["vm", true],
  ["kernel", kernel.ok],
];

/** The same tests, unchanged, on tsbpf's VM and on the live kernel through BPF_PROG_TEST_RUN. */
describe.each(BACKENDS)("TypeScript probes on the %s backend", (backend, enabled) => {
  it.skipIf(!enabled)("xdp-proto counts protocols, read back through the map", async () => {
    const probe = await load<typeof XdpProto>("test/fixtures/compiler/samples/xdp-proto.ts", { backend });
    try {
      expect(probe.backend).toBe(backend);
      const ip = packet.ethernet().ipv4({ src: "192.0.2.1", dst: "192.0.2.2" });
      const frames = [
        ip.udp(),
        ip.udp().payload(100),
        ip.tcp(),
        ip.icmp(),
        packet.ethernet().ipv6({ src: "::1", dst: "::2" }).tcp(),
      ];
      for (const f of frames) expect(probe.run("countProto", f)).toReturnWith(XdpAction.Pass);
      expect(probe.maps.perProto).toHaveEntry(17, 2n);
      expect(probe.maps.perProto).toHaveEntry(6, 1n);
      expect(probe.maps.perProto).toHaveEntry(1, 1n);
      expect(probe.maps.perProto.format()).toBe("@perProto[1]: 1\n@perProto[6]: 1\n@perProto[17]: 2\n");
      // the packet comes back as the program left it
      const frame = ip.udp().payload("abc").build();
      expect(probe.run("countProto", frame).packet).toEqual(frame);
      // userspace writes reach the program
      probe.maps.perProto.set(17, 40n);
      probe.run("countProto", ip.udp());
      expect(probe.maps.perProto.get(17)).toBe(41n);
      probe.maps.perProto.clear();
      expect(probe.maps.perProto.get(17)).toBe(0n);
    } finally {
      probe.close();
    }
  });

  it.skipIf(!enabled)("ring buffer records come back decoded, in order", async () => {
    const probe = await load<typeof Sampler>("test/testing/fixtures/sampler.ts", { backend });
    try {
      const ip = packet.ethernet().ipv4({ src: "192.0.2.1", dst: "192.0.2.2" });
      probe.run("sample", ip.udp().payload(10));
      probe.run("sample", packet.ethernet().ipv6({ src: "::1", dst: "::2" }).udp());
      probe.run("sample", ip.tcp());
      expect(probe.events.info).toHaveEmitted({ proto: 6 });
      expect(probe.events.info.drain()).toEqual([
        { len: 14 + 20 + 8 + 10, proto: 17 },
        { len: 14 + 20 + 20, proto: 6 },
      ]);
      expect(probe.events.info.drain()).toEqual([]);
      // a full buffer: reserve fails and the program says so. Records take 16 bytes (8 of header);
      // the kernel refuses a reservation that would make prod - cons exceed size - 1
      // (__bpf_ringbuf_reserve), so 4096 bytes hold 255 of them, not 256.
      const results = Array.from({ length: 300 }, () => probe.run("sample", ip.udp()).ret);
      expect(results.indexOf(XdpAction.Drop)).toBe(255);
      expect(probe.events.info.length).toBe(255);
      probe.reset();
      expect(probe.events.info.length).toBe(0);
      expect(probe.run("sample", ip.udp())).toReturnWith(XdpAction.Pass);
    } finally {
      probe.close();
    }
  });

  it.skipIf(!enabled)("a raw tracepoint gets its args", async () => {
    const probe = await load<typeof Latency>("test/testing/fixtures/latency.ts", { backend });
    try {
      expect(probe.run("onRawEnter", { args: [0n, 59n] })).toReturnWith(0);
      // the key is the running thread: the environment's in the VM, the test process's in the kernel
      expect(probe.maps.start.values()).toEqual([59n]);
      expect(probe.maps.calls.get(0)!.every((n) => n === 0n)).toBe(true);
    } finally {
      probe.close();
    }
  });
});

describe.skipIf(!kernel.ok)("the kernel backend's limits are errors that say so", () => {
  it("refuses tracepoints, traces and event reads with reasons", async () => {
    const probe = await load<typeof Latency>("test/testing/fixtures/latency.ts", { backend: "kernel" });
    try {
      expect(() => probe.run("onEnter", {})).toThrow(/cannot run TRACEPOINT programs/);
      expect(() => probe.run("onRawEnter", { args: [] }, { trace: true })).toThrow(
        /tracing a run needs the VM backend/,
      );
      expect(() => probe.events.slow.drain()).not.toThrow();
      expect(Number.isNaN(probe.run("onRawEnter", { args: [1n, 2n] }).insns)).toBe(true);
    } finally {
      probe.close();
    }
  });
});
