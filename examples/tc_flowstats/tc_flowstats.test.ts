import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TcAction } from "tsbpf";
import { kernelSupport, load, packet, type Probe } from "tsbpf/testing";
import "tsbpf/testing/vitest";
import type * as TcFlowstats from "./tc_flowstats.ts";

const source = new URL("./tc_flowstats.ts", import.meta.url);
const kernel = await kernelSupport(source);
if (!kernel.ok) console.log(`tc_flowstats: kernel backend skipped: ${kernel.reason}`);

interface Flow {
  readonly proto: number;
  readonly src: string;
  readonly dst: string;
  readonly sport?: number;
  readonly dport?: number;
}
const web: Flow = { proto: 6, src: "10.1.0.5", dst: "93.184.216.34", sport: 51000, dport: 443 };
const dns: Flow = { proto: 17, src: "10.1.0.5", dst: "10.1.0.1", sport: 40001, dport: 53 };
const ping: Flow = { proto: 1, src: "10.1.0.5", dst: "10.1.0.1" }; // ICMP: no ports

/** The map key the program builds for a flow: addresses as the packet has them, ports in host order. */
const key = (f: Flow) => ({
  saddr: packet.inetAddr(f.src),
  daddr: packet.inetAddr(f.dst),
  sport: f.sport ?? 0,
  dport: f.dport ?? 0,
  proto: f.proto,
  pad: [0, 0, 0],
});
const ip = (f: Flow) => packet.ethernet().ipv4({ src: f.src, dst: f.dst });
const FRAMES: readonly Uint8Array[] = [
  ip(web).tcp({ sport: 51000, dport: 443, flags: "S" }).build(),
  ip(web).tcp({ sport: 51000, dport: 443, flags: "A" }).payload(100).build(),
  ip(web).tcp({ sport: 51000, dport: 443, flags: "A" }).payload(1400).build(),
  ip(dns).udp({ sport: 40001, dport: 53 }).payload(40).build(),
  ip(ping).icmp({ id: 1, seq: 1 }).payload(56).build(),
  ip(web).tcp({ sport: 51000, dport: 443 }).build().slice(0, 40), // ports cut short: not counted
  packet.ethernet({ type: 0x0806 }).payload(46).build(), // ARP
  packet.ethernet().ipv6({ src: "2001:db8::1", dst: "2001:db8::2" }).udp().build(), // not IPv4
];

describe.each([
  ["vm", true],
  ["kernel", kernel.ok],
] as const)("tc_flowstats on the %s backend: packets and bytes per flow", (backend, enabled) => {
  let probe: Probe<typeof TcFlowstats>;
  beforeEach(async () => {
    probe = await load<typeof TcFlowstats>(source, { backend });
  });
  afterEach(() => probe.close());

  it.skipIf(!enabled)("lays key and value out like the C twin", () => {
    expect(probe.spec.maps).toMatchObject([{ name: "flows", keySize: 16, valueSize: 16, maxEntries: 16384 }]);
    expect(probe.spec.programs.map((p) => [p.section, p.type])).toEqual([["tc", "SCHED_CLS"]]);
  });

  it.skipIf(!enabled)("adds up each 5-tuple's packets and bytes and lets every packet through", () => {
    for (const frame of FRAMES) {
      const r = probe.run("flow_stats", frame);
      expect(r).toReturnWith(TcAction.Ok);
      expect(r.packet).toEqual(frame);
    }
    const bytes = (...frames: number[]) => BigInt(frames.reduce((s, i) => s + FRAMES[i]!.length, 0));
    // skb->len of a tc program counts the Ethernet header
    expect(bytes(0)).toBe(BigInt(14 + 20 + 20));
    expect(probe.maps.flows.get(key(web))).toEqual({ packets: 3n, bytes: bytes(0, 1, 2) });
    expect(probe.maps.flows).toHaveEntry(key(dns), { packets: 1n, bytes: BigInt(14 + 20 + 8 + 40) });
    expect(probe.maps.flows).toHaveEntry(key(ping), { packets: 1n, bytes: BigInt(14 + 20 + 8 + 56) });
    expect(probe.maps.flows.size).toBe(3);
    expect(probe.maps.flows.has(key({ ...web, sport: 51001 }))).toBe(false);
  });

  it.skipIf(!enabled)("keeps counting a flow userspace seeded, and a deleted flow starts over", () => {
    probe.maps.flows.set(key(dns), { packets: 10n, bytes: 1000n });
    probe.run("flow_stats", FRAMES[3]!);
    expect(probe.maps.flows.get(key(dns))).toEqual({
      packets: 11n,
      bytes: 1000n + BigInt(FRAMES[3]!.length),
    });
    expect(probe.maps.flows.delete(key(dns))).toBe(true);
    probe.run("flow_stats", FRAMES[3]!);
    expect(probe.maps.flows.get(key(dns))).toEqual({ packets: 1n, bytes: BigInt(FRAMES[3]!.length) });
  });
});

describe.skipIf(!kernel.ok)("tc_flowstats: the VM and the kernel agree", () => {
  it("on every frame's verdict, output packet and flow table", async () => {
    const [vm, kern] = await Promise.all([
      load<typeof TcFlowstats>(source),
      load<typeof TcFlowstats>(source, { backend: "kernel" }),
    ]);
    try {
      for (const frame of FRAMES) {
        const a = vm.run("flow_stats", frame);
        const b = kern.run("flow_stats", frame);
        expect([a.ret, a.packet]).toEqual([b.ret, b.packet]);
      }
      const table = (p: Probe<typeof TcFlowstats>) => p.maps.flows.format();
      expect(table(vm)).toBe(table(kern));
    } finally {
      kern.close();
    }
  });
});
