import { describe, expect, it } from "vitest";
import { buildExample, sandboxOf } from "../../test/examples/harness.js";
import { etherFrame, ipv4Frame } from "../../test/examples/packets.js";

describe("sockfilter_syn: keep TCP SYNs only", () => {
  const out = buildExample("sockfilter_syn");

  it("is a socket filter reading the packet with bpf_skb_load_bytes", () => {
    const p = out.spec.programs[0]!;
    expect([p.name, p.section, p.type]).toEqual(["keep_syn", "socket", "SOCKET_FILTER"]);
    expect(p.instructions.filter((i) => i.opcode === 0x85 && i.imm === 26)).toHaveLength(2);
  });

  it("keeps SYNs whole and drops everything else", () => {
    const sb = sandboxOf(out);
    const tcp = { proto: 6, src: "198.51.100.2", dst: "10.0.0.1", sport: 40000, dport: 22 };
    const cases: [string, Uint8Array, boolean][] = [
      ["SYN", ipv4Frame({ ...tcp, flags: 0x02 }), true],
      ["SYN with IP options", ipv4Frame({ ...tcp, flags: 0x02, ipOptions: 8 }), true],
      ["SYN+ECE+CWR", ipv4Frame({ ...tcp, flags: 0xc2 }), true],
      ["SYN-ACK", ipv4Frame({ ...tcp, flags: 0x12 }), false],
      ["ACK", ipv4Frame({ ...tcp, flags: 0x10, payload: 20 }), false],
      ["FIN", ipv4Frame({ ...tcp, flags: 0x01 }), false],
      ["UDP", ipv4Frame({ proto: 17, src: "1.1.1.1", dst: "10.0.0.1", sport: 53, dport: 5353 }), false],
      ["ARP", etherFrame(0x0806), false],
      ["TCP cut before its flags", ipv4Frame({ ...tcp, flags: 0x02, truncate: 14 + 20 + 10 }), false],
    ];
    for (const [name, packet, kept] of cases) {
      const r = sb.run("keep_syn", { packet });
      expect(r.fault, name).toBeUndefined();
      // the kernel strips the Ethernet header for socket filters: skb->len is the IP packet's
      expect(r.ret, name).toBe(kept ? packet.length - 14 : 0);
    }
  });
});
