import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { XdpAction } from "tsbpf";
import { kernelSupport, load, packet, type Probe } from "tsbpf/testing";
import "tsbpf/testing/vitest";
import type * as XdpBlocklist from "./xdp_blocklist.ts";

const source = new URL("./xdp_blocklist.ts", import.meta.url);
const kernel = await kernelSupport(source);
if (!kernel.ok) console.log(`xdp_blocklist: kernel backend skipped: ${kernel.reason}`);

const { inetAddr } = packet;
const from = (src: string, dst = "10.0.0.1") => packet.ethernet().ipv4({ src, dst });
const CASES: ReadonlyArray<[string, Uint8Array, XdpAction]> = [
  ["UDP from a listed source", from("192.168.1.66").udp({ sport: 1, dport: 53 }).build(), XdpAction.Drop],
  ["TCP SYN from a listed source", from("192.168.1.66").tcp({ flags: "S" }).build(), XdpAction.Drop],
  ["from the other listed source", from("203.0.113.7").tcp({ flags: "S" }).build(), XdpAction.Drop],
  // the listed address as a destination, a neighbour, and non-IPv4 traffic pass
  [
    "to a listed address",
    from("10.0.0.1", "192.168.1.66").udp({ sport: 53, dport: 1 }).build(),
    XdpAction.Pass,
  ],
  ["from a neighbour", from("192.168.1.67").udp({ sport: 1, dport: 53 }).build(), XdpAction.Pass],
  ["ARP", packet.ethernet({ type: 0x0806 }).payload(46).build(), XdpAction.Pass],
  ["IPv6", packet.ethernet().ipv6({ src: "::ffff:192.168.1.66", dst: "::1" }).udp().build(), XdpAction.Pass],
  // cut before the source address ends: the program cannot read it
  ["IPv4 header cut short", from("192.168.1.66").udp().build().slice(0, 29), XdpAction.Pass],
];

function block(probe: Probe<typeof XdpBlocklist>): void {
  probe.maps.blocked.set(inetAddr("192.168.1.66"), 0n);
  probe.maps.blocked.set(inetAddr("203.0.113.7"), 10n);
}

describe.each([
  ["vm", true],
  ["kernel", kernel.ok],
] as const)("xdp_blocklist on the %s backend: drop listed IPv4 sources", (backend, enabled) => {
  let probe: Probe<typeof XdpBlocklist>;
  beforeEach(async () => {
    probe = await load<typeof XdpBlocklist>(source, { backend });
  });
  afterEach(() => probe.close());

  it.skipIf(!enabled)("drops listed sources, counts each drop, and passes everything else", () => {
    block(probe);
    for (const [name, frame, action] of CASES) {
      const r = probe.run("block_ipv4", frame);
      expect(r.ret, name).toBe(action);
      expect(r.packet, name).toEqual(frame);
    }
    expect(probe.maps.blocked).toHaveEntry(inetAddr("192.168.1.66"), 2n);
    expect(probe.maps.blocked).toHaveEntry(inetAddr("203.0.113.7"), 11n);
    expect(probe.maps.blocked.size).toBe(2); // lookups never insert
  });

  it.skipIf(!enabled)("passes everything while the list is empty, and stops dropping once unlisted", () => {
    for (const [name, frame] of CASES) expect(probe.run("block_ipv4", frame).ret, name).toBe(XdpAction.Pass);
    expect(probe.maps.blocked.size).toBe(0);
    block(probe);
    const listed = CASES[0]![1];
    expect(probe.run("block_ipv4", listed)).toReturnWith(XdpAction.Drop);
    expect(probe.maps.blocked.delete(inetAddr("192.168.1.66"))).toBe(true);
    expect(probe.maps.blocked.delete(inetAddr("192.168.1.66"))).toBe(false);
    expect(probe.run("block_ipv4", listed)).toReturnWith(XdpAction.Pass);
    expect(probe.maps.blocked.has(inetAddr("192.168.1.66"))).toBe(false);
    expect(probe.maps.blocked.entries()).toEqual([[inetAddr("203.0.113.7"), 10n]]);
  });
});

describe.skipIf(!kernel.ok)("xdp_blocklist: the VM and the kernel agree", () => {
  it("on every frame's verdict and the hit counts", async () => {
    const [vm, kern] = await Promise.all([
      load<typeof XdpBlocklist>(source),
      load<typeof XdpBlocklist>(source, { backend: "kernel" }),
    ]);
    try {
      block(vm);
      block(kern);
      for (const [name, frame] of [...CASES, ...CASES]) {
        const a = vm.run("block_ipv4", frame);
        const b = kern.run("block_ipv4", frame);
        expect([a.ret, a.packet], name).toEqual([b.ret, b.packet]);
      }
      const sorted = (p: Probe<typeof XdpBlocklist>) =>
        p.maps.blocked.entries().sort(([x], [y]) => Number(x) - Number(y));
      expect(sorted(vm)).toEqual(sorted(kern));
    } finally {
      kern.close();
    }
  });
});
