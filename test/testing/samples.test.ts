import { beforeEach, describe, expect, it } from "vitest";
import { XdpAction } from "../../stdlib/index.js";
import { formatHist, log2Bucket } from "../../runtime/maps/index.js";
import { load, packet, type Probe } from "../../runtime/testing/index.js";
import "../../runtime/testing/vitest.js";
import type * as ExecEvents from "../fixtures/compiler/samples/exec-events.js";
import type * as Syscount from "../fixtures/compiler/samples/syscount.js";
import type * as XdpProto from "../fixtures/compiler/samples/xdp-proto.js";
import type * as Keyed from "./fixtures/keyed.js";
import type * as Latency from "./fixtures/latency.js";

const SAMPLES = "test/fixtures/compiler/samples";

describe("syscount (DESIGN.md's first program)", () => {
  let probe: Probe<typeof Syscount>;
  beforeEach(async () => {
    probe = await load<typeof Syscount>(`${SAMPLES}/syscount.ts`);
  });

  it("counts openat calls per process, keyed by the tgid the environment gives", () => {
    const openat = { dfd: -100, filename: 0x1000n, flags: 0, mode: 0 };
    const r = probe.run("onOpenat", openat, { tgid: 42, pid: 43, comm: "cat", now: 1_000n });
    expect(r.ret).toBe(0);
    expect(r.r0).toBe(0n);
    expect(r.insns).toBeGreaterThan(0);
    expect(probe.maps.counts.get(42)).toBe(1n);
    probe.run("onOpenat", openat, { tgid: 42 });
    probe.run("onOpenat", openat, { tgid: 7 });
    expect(probe.maps.counts).toHaveEntry(42, 2n);
    expect(probe.maps.counts).toHaveEntry(7, 1n);
    expect(probe.maps.counts).not.toHaveEntry(43);
    expect(probe.maps.counts.size).toBe(2);
    expect(probe.maps.counts.entries().sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [7, 1n],
      [42, 2n],
    ]);
  });

  it("takes syscall arguments positionally as args", () => {
    probe.run("onOpenat", { args: [-100, 0x1000n, 0, 0] }, { pid: 9 });
    expect(probe.maps.counts.get(9)).toBe(1n);
  });

  it("gives pid to tgid when only pid is set (a single-threaded process)", () => {
    probe.run("onOpenat", {}, { pid: 77 });
    expect(probe.maps.counts.has(77)).toBe(true);
  });

  it("lets a test write, delete and clear entries with typed keys", () => {
    probe.maps.counts.set(5, 10n);
    probe.run("onOpenat", {}, { tgid: 5 });
    expect(probe.maps.counts.get(5)).toBe(11n);
    expect(probe.maps.counts.delete(5)).toBe(true);
    expect(probe.maps.counts.delete(5)).toBe(false);
    probe.run("onOpenat", {}, { tgid: 1 });
    probe.maps.counts.clear();
    expect(probe.maps.counts.size).toBe(0);
  });

  it("runs with helper overrides by camelCase name, and restores them", () => {
    probe.helpers.override("getCurrentPidTgid", () => (1234n << 32n) | 1n);
    probe.run("onOpenat", {}, { tgid: 5 });
    expect(probe.maps.counts.get(1234)).toBe(1n);
    probe.helpers.restore("getCurrentPidTgid");
    probe.run("onOpenat", {}, { tgid: 5 });
    expect(probe.maps.counts.get(5)).toBe(1n);
    expect(() => probe.helpers.override("getCurrentPidTgidd", () => 0)).toThrow(/TSB0956/);
  });

  it("prints the map as bpftrace does (ordered by value), which snapshots well", () => {
    for (const tgid of [3, 1, 1, 2, 1, 2]) probe.run("onOpenat", {}, { tgid });
    expect(probe.maps.counts.format()).toBe("@counts[3]: 1\n@counts[2]: 2\n@counts[1]: 3\n");
    expect(probe.maps.counts).toMatchInlineSnapshot(`
      @counts[3]: 1
      @counts[2]: 2
      @counts[1]: 3
    `);
  });

  it("starts every probe from empty maps", () => {
    expect(probe.maps.counts.size).toBe(0);
  });
});

describe("exec-events (ring buffer records)", () => {
  let probe: Probe<typeof ExecEvents>;
  beforeEach(async () => {
    probe = await load<typeof ExecEvents>(`${SAMPLES}/exec-events.ts`, { env: { comm: "bash" } });
  });

  it("decodes records into objects with the declared types", () => {
    probe.run("onExec", { pid: 4321 }, { now: 5_000n });
    probe.clock.advance(1_500);
    probe.run("onExec", { pid: 99 }, { comm: "sh" });
    expect(probe.events.events.length).toBe(2);
    expect(probe.events.events).toHaveEmitted({ pid: 4321, comm: "bash" });
    expect(probe.events.events.drain()).toEqual([
      { pid: 4321, ts: 5_000n, comm: "bash" },
      { pid: 99, ts: probe.clock.now, comm: "sh" },
    ]);
    expect(probe.clock.now).toBe(1_000_000_000n + 1_500n);
    expect(probe.events.events.drain()).toEqual([]);
  });

  it("lets getCurrentComm be replaced by a function returning the name", () => {
    probe.helpers.override("getCurrentComm", () => "zsh");
    probe.run("onExec", { pid: 1 });
    expect(probe.events.events.drain()[0]!.comm).toBe("zsh");
  });

  it("exposes the unused histogram as buckets and bpftrace text", () => {
    const h = probe.maps.latency;
    const values = [0, 1, 3, 5, 7, 100, 100, 1500, 70_000];
    for (const v of values) h.set(log2Bucket(v), (h.get(log2Bucket(v)) ?? 0n) + 1n);
    const counts = new Array<bigint>(65).fill(0n);
    for (const v of values) counts[log2Bucket(v)]! += 1n;
    expect(h.counts()).toEqual(counts.slice(0, log2Bucket(70_000) + 1));
    expect(h.buckets()).toEqual({
      "[0]": 1n,
      "[1]": 1n,
      "[2, 4)": 1n,
      "[4, 8)": 2n,
      "[64, 128)": 2n,
      "[1K, 2K)": 1n,
      "[64K, 128K)": 1n,
    });
    expect(h.format()).toBe(`@latency: \n${formatHist(counts)}\n`);
  });
});

describe("xdp-proto (packets from builders)", () => {
  let probe: Probe<typeof XdpProto>;
  beforeEach(async () => {
    probe = await load<typeof XdpProto>(`${SAMPLES}/xdp-proto.ts`);
  });
  const ip = { src: "10.0.0.1", dst: "10.0.0.2" };

  it("counts IPv4 packets by protocol and passes everything", () => {
    const base = packet.ethernet().ipv4(ip);
    expect(probe.run("countProto", base.udp({ dport: 53 }).payload("query"))).toReturnWith(XdpAction.Pass);
    expect(probe.run("countProto", { packet: base.tcp({ flags: "S" }) })).toReturnWith(XdpAction.Pass);
    probe.run("countProto", base.icmp({ id: 1, seq: 1 }).build());
    probe.run("countProto", base.udp());
    expect(probe.maps.perProto.get(17)).toBe(2n);
    expect(probe.maps.perProto.get(6)).toBe(1n);
    expect(probe.maps.perProto.get(1)).toBe(1n);
    expect(probe.maps.perProto.format()).toBe("@perProto[1]: 1\n@perProto[6]: 1\n@perProto[17]: 2\n");
  });

  it("ignores IPv6, VLAN-tagged and short frames", () => {
    probe.run("countProto", packet.ethernet().ipv6({ src: "fe80::1", dst: "fe80::2" }).udp());
    probe.run("countProto", packet.ethernet().vlan({ id: 10 }).ipv4(ip).udp());
    probe.run("countProto", packet.ethernet({ type: 0x0800 }).payload(4));
    expect(probe.maps.perProto.format()).toBe("@perProto: (empty)\n");
  });

  it("hands back the packet the program saw", () => {
    const frame = packet.ethernet().ipv4(ip).udp().payload("x").build();
    expect(probe.run("countProto", frame).packet).toEqual(frame);
  });
});

describe("latency (tracepoint sequences with the clock)", () => {
  let probe: Probe<typeof Latency>;
  beforeEach(async () => {
    probe = await load<typeof Latency>("test/testing/fixtures/latency.ts", { env: { pid: 100, comm: "dd" } });
  });

  it("measures enter → exit with clock.advance, into a log2 histogram", () => {
    for (const ns of [1500, 1500, 3000, 2_000_000]) {
      probe.run("onEnter", { id: 0, args: [3, 0, 0, 0, 0, 0] });
      probe.clock.advance(ns);
      probe.run("onExit", { id: 0, ret: 0 });
    }
    expect(probe.maps.start.size).toBe(0);
    expect(probe.maps.latency.buckets()).toEqual({ "[1K, 2K)": 2n, "[2K, 4K)": 1n, "[1M, 2M)": 1n });
    expect(probe.maps.perCall.get({ tgid: 100, nr: 0 })).toBe(4n);
    expect(probe.maps.calls.get(0)).toEqual([4n]);
    expect(probe.events.slow.drain()).toEqual([{ tid: 100, nr: 0, ns: 2_000_000n, comm: "dd" }]);
    expect(probe.printk).toEqual(["slow syscall 0 took 2000000 ns"]);
    expect(probe).toHavePrinted(/took 2000000/);
    expect(probe.maps.latency).toMatchInlineSnapshot(`
      @latency: 
      [1K, 2K)               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
      [2K, 4K)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
      [4K, 8K)               0 |                                                    |
      [8K, 16K)              0 |                                                    |
      [16K, 32K)             0 |                                                    |
      [32K, 64K)             0 |                                                    |
      [64K, 128K)            0 |                                                    |
      [128K, 256K)           0 |                                                    |
      [256K, 512K)           0 |                                                    |
      [512K, 1M)             0 |                                                    |
      [1M, 2M)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
    `);
  });

  it("keeps per-CPU values per CPU", async () => {
    const two = await load<typeof Latency>("test/testing/fixtures/latency.ts", { cpus: 2 });
    two.run("onEnter", {}, { cpu: 1 });
    two.run("onEnter", {}, { cpu: 1 });
    two.run("onEnter", {}, { cpu: 0 });
    expect(two.maps.calls.get(0)).toEqual([1n, 2n]);
  });

  it("feeds raw tracepoint args", () => {
    probe.run("onRawEnter", { args: [0n, 59n] }, { pid: 5 });
    expect(probe.maps.start.get(5)).toBe(59n);
  });

  it("reset() empties maps, events and the printk log", () => {
    probe.run("onEnter", {});
    probe.clock.advance(5_000_000);
    probe.run("onExit", {});
    probe.reset();
    expect(probe.maps.latency.counts()).toEqual([]);
    expect(probe.events.slow.length).toBe(0);
    expect(probe.printk).toEqual([]);
  });
});

describe("keyed histograms (bpftrace's @h[key] = hist(v))", () => {
  it("reads one histogram per key and prints them as bpftrace does", async () => {
    const probe = await load<typeof Keyed>("test/testing/fixtures/keyed.ts");
    for (const [tgid, ret] of [
      [1, 10],
      [1, 12],
      [1, 4000],
      [2, 0],
    ] as const)
      probe.run("onRead", { ret }, { tgid });
    const sizes = probe.maps.sizes;
    expect(sizes.buckets(1)).toEqual({ "[8, 16)": 2n, "[2K, 4K)": 1n });
    expect(sizes.counts(2)).toEqual([0n, 1n]);
    expect(sizes.counts(3)).toEqual([]);
    expect(sizes.get({ key: 1, bucket: log2Bucket(10) })).toBe(2n);
    expect(
      sizes
        .histograms()
        .map((h) => h.key)
        .sort(),
    ).toEqual([1, 2]);
    expect(() => sizes.counts(undefined as unknown as number)).toThrow(/keyed histogram: pass the key/);
    // bpftrace orders keys by total count, smallest first
    const h1 = new Array<bigint>(log2Bucket(4000) + 1).fill(0n);
    h1[log2Bucket(10)] = 2n;
    h1[log2Bucket(4000)] = 1n;
    expect(sizes.format()).toBe(`@sizes[2]: \n${formatHist([0n, 1n])}\n@sizes[1]: \n${formatHist(h1)}\n`);
  });
});
