import { describe, expect, it } from "vitest";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import { MapType } from "../../runtime/uapi/bpf.js";
import { buildExample, sandboxOf } from "../../test/examples/harness.js";
import { etherFrame, ipv4Frame } from "../../test/examples/packets.js";

const XDP_PASS = 2;

describe("xdp_proto: IPv4 packets by protocol", () => {
  const out = buildExample("xdp_proto");

  it("declares the C twin's array map", () => {
    expect(out.spec.maps).toEqual([
      { name: "per_proto", type: MapType.ARRAY, keySize: 4, valueSize: 8, maxEntries: 256, flags: 0 },
    ]);
    expect(out.spec.programs.map((p) => [p.name, p.section, p.type])).toEqual([
      ["count_proto", "xdp", "XDP"],
    ]);
  });

  it("counts TCP, UDP and ICMP, ignores other EtherTypes and short frames, passes all unchanged", () => {
    const sb = sandboxOf(out);
    const frames = [
      ipv4Frame({ proto: 6, src: "10.0.0.1", dst: "10.0.0.2", sport: 40000, dport: 443, flags: 0x02 }),
      ipv4Frame({ proto: 6, src: "10.0.0.2", dst: "10.0.0.1", sport: 443, dport: 40000, flags: 0x12 }),
      ipv4Frame({ proto: 17, src: "10.0.0.1", dst: "8.8.8.8", sport: 5353, dport: 53, payload: 30 }),
      ipv4Frame({ proto: 1, src: "10.0.0.1", dst: "10.0.0.9" }),
      ipv4Frame({ proto: 6, src: "10.0.0.1", dst: "10.0.0.2", truncate: 30 }), // IPv4 header cut short
      etherFrame(0x86dd), // IPv6
      etherFrame(0x0806), // ARP
      new Uint8Array(12), // not even an Ethernet header
    ];
    for (const packet of frames) {
      const r = sb.run("count_proto", { packet });
      expect(r.fault).toBeUndefined();
      expect(r.ret).toBe(XDP_PASS);
      expect(r.packet).toEqual(packet);
    }
    const perProto = unwrap(sb.typed<number, bigint>("per_proto"));
    const nonzero = [...perProto.entries()].filter(([, n]) => n !== 0n);
    expect(nonzero).toEqual([
      [1, 1n],
      [6, 2n],
      [17, 1n],
    ]);
  });
});
