import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kernelSupport, load, packet, type Probe } from "tsbpf/testing";
import "tsbpf/testing/vitest";
import type * as SockfilterSyn from "./sockfilter_syn.ts";

const source = new URL("./sockfilter_syn.ts", import.meta.url);
const kernel = await kernelSupport(source);
if (!kernel.ok) console.log(`sockfilter_syn: kernel backend skipped: ${kernel.reason}`);

const ip = packet.ethernet().ipv4({ src: "198.51.100.2", dst: "10.0.0.1" });
const tcp = { sport: 40000, dport: 22 };
const NOPS = new Uint8Array(8).fill(1); // IPv4 options: eight NOPs move the TCP header
/** [case, frame, kept]. */
const CASES: ReadonlyArray<[string, Uint8Array, boolean]> = [
  ["SYN", ip.tcp({ ...tcp, flags: "S" }).build(), true],
  [
    "SYN with IP options",
    packet
      .ethernet()
      .ipv4({ src: "198.51.100.2", dst: "10.0.0.1", options: NOPS })
      .tcp({ ...tcp, flags: "S" })
      .build(),
    true,
  ],
  ["SYN+ECE+CWR", ip.tcp({ ...tcp, flags: 0xc2 }).build(), true],
  [
    "SYN with data",
    ip
      .tcp({ ...tcp, flags: "S" })
      .payload("hello")
      .build(),
    true,
  ],
  ["SYN-ACK", ip.tcp({ ...tcp, flags: "SA" }).build(), false],
  [
    "ACK",
    ip
      .tcp({ ...tcp, flags: "A" })
      .payload(20)
      .build(),
    false,
  ],
  ["FIN", ip.tcp({ ...tcp, flags: "F" }).build(), false],
  ["RST", ip.tcp({ ...tcp, flags: "R" }).build(), false],
  ["UDP", ip.udp({ sport: 53, dport: 5353 }).build(), false],
  ["ICMP", ip.icmp().build(), false],
  ["ARP", packet.ethernet({ type: 0x0806 }).payload(46).build(), false],
  [
    "IPv6 SYN",
    packet.ethernet().ipv6({ src: "2001:db8::1", dst: "2001:db8::2" }).tcp({ flags: "S" }).build(),
    false,
  ],
  [
    "TCP cut before its flags",
    ip
      .tcp({ ...tcp, flags: "S" })
      .build()
      .slice(0, 14 + 20 + 10),
    false,
  ],
];

describe.each([
  ["vm", true],
  ["kernel", kernel.ok],
] as const)("sockfilter_syn on the %s backend: keep TCP SYNs only", (backend, enabled) => {
  let probe: Probe<typeof SockfilterSyn>;
  beforeEach(async () => {
    probe = await load<typeof SockfilterSyn>(source, { backend });
  });
  afterEach(() => probe.close());

  it.skipIf(!enabled)("is a socket filter reading the packet with bpf_skb_load_bytes", () => {
    const p = probe.spec.programs[0]!;
    expect([p.name, p.section, p.type]).toEqual(["keep_syn", "socket", "SOCKET_FILTER"]);
    const calls = p.instructions.filter((i) => i.opcode === 0x85 /* call */ && i.imm === 26);
    expect(calls).toHaveLength(2); // BPF_FUNC_skb_load_bytes: the IP header, then the TCP flags
  });

  it.skipIf(!enabled)("keeps SYNs whole and drops everything else", () => {
    for (const [name, frame, kept] of CASES) {
      // the kernel strips the Ethernet header for socket filters: skb->len is the IP packet's
      const r = probe.run("keep_syn", frame);
      expect(r.ret, name).toBe(kept ? frame.length - 14 : 0);
    }
  });
});

describe.skipIf(!kernel.ok)("sockfilter_syn: the VM and the kernel agree", () => {
  it("on every frame's verdict", async () => {
    const [vm, kern] = await Promise.all([
      load<typeof SockfilterSyn>(source),
      load<typeof SockfilterSyn>(source, { backend: "kernel" }),
    ]);
    try {
      for (const [name, frame] of CASES)
        expect(vm.run("keep_syn", frame).ret, name).toBe(kern.run("keep_syn", frame).ret);
    } finally {
      kern.close();
    }
  });
});
