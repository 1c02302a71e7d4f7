import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { XdpAction } from "tsbpf";
import { kernelSupport, load, packet, type Probe } from "tsbpf/testing";
import "tsbpf/testing/vitest";
import type * as XdpProto from "./xdp_proto.ts";

const source = new URL("./xdp_proto.ts", import.meta.url);
const kernel = await kernelSupport(source);
if (!kernel.ok) console.log(`xdp_proto: kernel backend skipped: ${kernel.reason}`);

const v4 = (src: string, dst: string) => packet.ethernet().ipv4({ src, dst });
/** Frames the program counts: [frame, IP protocol]. */
const COUNTED: ReadonlyArray<[Uint8Array, number]> = [
  [v4("10.0.0.1", "10.0.0.2").tcp({ sport: 40000, dport: 443, flags: "S" }).build(), 6],
  [v4("10.0.0.2", "10.0.0.1").tcp({ sport: 443, dport: 40000, flags: "SA" }).build(), 6],
  [v4("10.0.0.1", "8.8.8.8").udp({ sport: 5353, dport: 53 }).payload(30).build(), 17],
  [v4("10.0.0.1", "10.0.0.9").icmp().build(), 1],
  [v4("10.0.0.1", "10.0.0.9").ipv4({ src: "192.0.2.1", dst: "192.0.2.2" }).udp().build(), 4], // IP in IP
];
/** Frames it leaves alone. */
const IGNORED: ReadonlyArray<[string, Uint8Array]> = [
  ["IPv4 header cut short", v4("10.0.0.1", "10.0.0.2").tcp().build().slice(0, 30)],
  ["IPv6", packet.ethernet().ipv6({ src: "fe80::1", dst: "fe80::2" }).tcp().build()],
  ["ARP", packet.ethernet({ type: 0x0806 }).payload(28).build()],
  [
    "IPv4 behind a VLAN tag",
    packet.ethernet().vlan({ id: 7 }).ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).udp().build(),
  ],
];
/** Shorter than an Ethernet header: the kernel's test run refuses it, the VM runs it. */
const RUNT = new Uint8Array(12);

describe.each([
  ["vm", true],
  ["kernel", kernel.ok],
] as const)("xdp_proto on the %s backend: IPv4 packets by protocol", (backend, enabled) => {
  let probe: Probe<typeof XdpProto>;
  beforeEach(async () => {
    probe = await load<typeof XdpProto>(source, { backend });
  });
  afterEach(() => probe.close());

  it.skipIf(!enabled)("declares the C twin's array map and section", () => {
    expect(probe.spec.maps).toEqual([
      {
        name: "per_proto",
        type: 2 /* BPF_MAP_TYPE_ARRAY */,
        keySize: 4,
        valueSize: 8,
        maxEntries: 256,
        flags: 0,
      },
    ]);
    expect(probe.spec.programs.map((p) => [p.name, p.section, p.type])).toEqual([
      ["count_proto", "xdp", "XDP"],
    ]);
    expect(probe.programs).toEqual(["count_proto"]);
  });

  it.skipIf(!enabled)(
    "counts TCP, UDP, ICMP and IP-in-IP, ignores the rest, passes every frame unchanged",
    () => {
      for (const [frame] of COUNTED) {
        const r = probe.run("count_proto", frame);
        expect(r).toReturnWith(XdpAction.Pass);
        expect(r.packet).toEqual(frame);
      }
      for (const [name, frame] of IGNORED) {
        const r = probe.run("count_proto", frame);
        expect(r.ret, name).toBe(XdpAction.Pass);
        expect(r.packet, name).toEqual(frame);
      }
      expect(probe.maps.per_proto).toHaveEntry(6, 2n);
      expect(probe.maps.per_proto).toHaveEntry(17, 1n);
      expect(probe.maps.per_proto).toHaveEntry(1, 1n);
      expect(probe.maps.per_proto).toHaveEntry(4, 1n);
      const nonzero = probe.maps.per_proto.entries().filter(([, n]) => n !== 0n);
      expect(nonzero).toEqual([
        [1, 1n],
        [4, 1n],
        [6, 2n],
        [17, 1n],
      ]);
      // an array map always holds max_entries elements
      expect(probe.maps.per_proto.size).toBe(256);
      expect(probe.maps.per_proto).toMatchInlineSnapshot(`
        @per_proto[1]: 1
        @per_proto[4]: 1
        @per_proto[17]: 1
        @per_proto[6]: 2
      `);
    },
  );

  it.skipIf(!enabled)("adds to what userspace wrote, and starts over after clear()", () => {
    probe.maps.per_proto.set(17, 1000n);
    probe.run("count_proto", COUNTED[2]![0]);
    expect(probe.maps.per_proto.get(17)).toBe(1001n);
    probe.maps.per_proto.clear();
    expect(probe.maps.per_proto.get(17)).toBe(0n);
    probe.run("count_proto", COUNTED[2]![0]);
    expect(probe.maps.per_proto.get(17)).toBe(1n);
  });

  it.skipIf(!enabled)("a frame shorter than an Ethernet header", () => {
    if (backend === "kernel") {
      expect(() => probe.run("count_proto", RUNT)).toThrow(/shorter than an Ethernet header/);
      return;
    }
    expect(probe.run("count_proto", RUNT)).toReturnWith(XdpAction.Pass);
    expect(probe.maps.per_proto.entries().every(([, n]) => n === 0n)).toBe(true);
  });
});

describe.skipIf(!kernel.ok)("xdp_proto: the VM and the kernel agree", () => {
  it("on every frame's verdict, output packet and counts", async () => {
    const [vm, kern] = await Promise.all([
      load<typeof XdpProto>(source),
      load<typeof XdpProto>(source, { backend: "kernel" }),
    ]);
    try {
      for (const frame of [...COUNTED.map(([f]) => f), ...IGNORED.map(([, f]) => f)]) {
        const a = vm.run("count_proto", frame);
        const b = kern.run("count_proto", frame);
        expect([a.ret, a.packet]).toEqual([b.ret, b.packet]);
      }
      expect(vm.maps.per_proto.entries()).toEqual(kern.maps.per_proto.entries());
    } finally {
      kern.close();
    }
  });
});
