import { describe, expect, it } from "vitest";
import { cstring, struct, u32, u64 } from "../../runtime/layout/index.js";
import { XdpAction } from "../../stdlib/index.js";
import { cString, kernelSupport, load, packet, type BackendKind } from "../../runtime/testing/index.js";
import "../../runtime/testing/vitest.js";
import { CLANG, exampleObject } from "./clang.js";

const kernel = await kernelSupport();
if (!kernel.ok) console.log(`kernel backend tests skipped: ${kernel.reason}`);
const BACKENDS: ReadonlyArray<[BackendKind, boolean]> = [
  ["vm", CLANG],
  ["kernel", CLANG && kernel.ok],
];

/** An IPv4 address as the u32 a C program reads from the header (network order bytes, host load). */
const le32 = (dotted: string): number =>
  new DataView(Uint8Array.from(dotted.split(".").map(Number)).buffer).getUint32(0, true);

describe.each(BACKENDS)("clang objects on the %s backend", (backend, enabled) => {
  it.skipIf(!enabled)("xdp_blocklist drops and counts blocked sources", async () => {
    const probe = await load(exampleObject("xdp_blocklist"), { backend });
    try {
      probe.maps.blocked.set(le32("10.0.0.66"), 0n);
      const from = (src: string) =>
        packet.ethernet().ipv4({ src, dst: "10.0.0.1" }).udp({ dport: 53 }).payload("q");
      expect(probe.run("block_ipv4", from("10.0.0.66"))).toReturnWith(XdpAction.Drop);
      expect(probe.run("block_ipv4", from("10.0.0.66"))).toReturnWith(XdpAction.Drop);
      expect(probe.run("block_ipv4", from("10.0.0.67"))).toReturnWith(XdpAction.Pass);
      expect(probe.run("block_ipv4", packet.ethernet().ipv6({ src: "::1", dst: "::2" }).udp())).toReturnWith(
        XdpAction.Pass,
      );
      expect(probe.maps.blocked).toHaveEntry(le32("10.0.0.66"), 2n);
      expect(probe.maps.blocked.size).toBe(1);
    } finally {
      probe.close();
    }
  });

  it.skipIf(!enabled)("tc_flowstats keys flows by a BTF-typed struct", async () => {
    const probe = await load(exampleObject("tc_flowstats"), { backend });
    try {
      const flow = packet
        .ethernet()
        .ipv4({ src: "10.1.1.1", dst: "10.2.2.2" })
        .tcp({ sport: 4000, dport: 443 });
      for (const n of [0, 10, 20]) expect(probe.run("flow_stats", flow.payload(n))).toReturnWith(0);
      probe.run(
        "flow_stats",
        packet.ethernet().ipv4({ src: "10.1.1.1", dst: "10.2.2.2" }).udp({ sport: 5, dport: 53 }),
      );
      const entries = probe.maps.flows
        .entries()
        .sort((a, b) =>
          Number((a[1] as { packets: bigint }).packets - (b[1] as { packets: bigint }).packets),
        );
      const key = (sport: number, dport: number, proto: number) => ({
        saddr: le32("10.1.1.1"),
        daddr: le32("10.2.2.2"),
        sport,
        dport,
        proto,
        pad: new Uint8Array(3),
      });
      // skb->len of a tc program is the whole frame
      expect(entries).toEqual([
        [key(5, 53, 17), { packets: 1n, bytes: 42n }],
        [key(4000, 443, 6), { packets: 3n, bytes: 3n * 54n + 30n }],
      ]);
      expect(probe.maps.flows.get(key(4000, 443, 6))).toEqual({ packets: 3n, bytes: 192n });
    } finally {
      probe.close();
    }
  });

  it.skipIf(!enabled)(
    "sockfilter_syn keeps SYNs (the length past the Ethernet header) and drops the rest",
    async () => {
      const probe = await load(exampleObject("sockfilter_syn"), { backend });
      try {
        const tcp = (flags: string) =>
          packet.ethernet().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).tcp({ flags }).payload(6);
        expect(probe.run("keep_syn", tcp("S"))).toReturnWith(20 + 20 + 6);
        expect(probe.run("keep_syn", tcp("SA"))).toReturnWith(0);
        expect(
          probe.run("keep_syn", packet.ethernet().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).udp()),
        ).toReturnWith(0);
      } finally {
        probe.close();
      }
    },
  );
});

describe.skipIf(!CLANG)("clang objects: tracing programs in the VM", () => {
  it("opensnoop decodes records with a layout given for the untyped ring buffer", async () => {
    const openEvent = struct([
      ["pid", u32],
      ["uid", u32],
      ["ts", u64],
      ["comm", cstring(16)],
      ["filename", cstring(128)],
    ]);
    const probe = await load(exampleObject("opensnoop"), { records: { events: openEvent } });
    probe.run(
      "on_openat",
      { dfd: -100, filename: 0x7000n, flags: 0, mode: 0 },
      {
        tgid: 42,
        pid: 43,
        uid: 1000,
        comm: "cat",
        now: 77n,
        userMemory: [cString(0x7000n, "/etc/hostname")],
      },
    );
    expect(probe.events.events.drain()).toEqual([
      { pid: 42, uid: 1000, ts: 77n, comm: "cat", filename: "/etc/hostname" },
    ]);
  });

  it("without a record type, records stay bytes", async () => {
    const probe = await load(exampleObject("exectrace"));
    probe.run("on_exec", { pid: 5 }, { now: 1n });
    const [rec] = probe.events.events.drain();
    expect(rec).toBeInstanceOf(Uint8Array);
    expect((rec as Uint8Array).length).toBe(32);
  });

  it("syslatency measures enter → exit with the clock", async () => {
    const probe = await load(exampleObject("syslatency"), { env: { pid: 3, tgid: 3 } });
    probe.run("on_enter", { id: 1 });
    probe.clock.advance(1500);
    probe.run("on_exit", { id: 1, ret: 0 });
    // the C program's own bucket: floor(log2(1500)) = 10
    expect(probe.maps.latency.get(10)).toBe(1n);
    expect(probe.maps.start.size).toBe(0);
  });

  it("reads a C map as a histogram when asked to", async () => {
    const probe = await load(exampleObject("syslatency"), { histograms: { latency: "log2" } });
    probe.maps.latency.set(12, 4n);
    expect(probe.maps.latency.buckets()).toEqual({ "[1K, 2K)": 4n });
    expect(probe.maps.latency.format()).toMatch(/^@latency: \n\[1K, 2K\)\s+4 \|@+\|\n\n$/);
  });

  it("uprobe_count takes registers and counts per process", async () => {
    const probe = await load(exampleObject("uprobe_count"));
    probe.run("count_calls", { args: [1, 2] }, { tgid: 10 });
    probe.run("count_calls", { regs: { ip: 0x401000 } }, { tgid: 10 });
    expect(probe.maps.calls.get(10)).toBe(2n);
  });

  it.skipIf(!kernel.ok)("the kernel backend refuses program types BPF_PROG_TEST_RUN cannot run", async () => {
    const probe = await load(exampleObject("uprobe_count"), { backend: "kernel" });
    try {
      expect(() => probe.run("count_calls", {})).toThrow(/TSB0958.*cannot run KPROBE programs/);
      expect(() => probe.helpers.override("ktimeGetNs", () => 1n)).toThrow(/kernel backend cannot override/);
    } finally {
      probe.close();
    }
  });
});
