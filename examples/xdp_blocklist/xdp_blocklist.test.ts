import { describe, expect, it } from "vitest";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import { buildExample, sandboxOf } from "../../test/examples/harness.js";
import { addrKey, etherFrame, ipv4Frame } from "../../test/examples/packets.js";

const XDP_DROP = 1;
const XDP_PASS = 2;

describe("xdp_blocklist: drop listed IPv4 sources", () => {
  const out = buildExample("xdp_blocklist");

  it("drops listed sources, counts each drop, and passes everything else", () => {
    const sb = sandboxOf(out);
    const blocked = unwrap(sb.typed<number, bigint>("blocked"));
    blocked.set(addrKey("192.168.1.66"), 0n);
    blocked.set(addrKey("203.0.113.7"), 10n);
    const cases: [Uint8Array, number][] = [
      [ipv4Frame({ proto: 17, src: "192.168.1.66", dst: "10.0.0.1", sport: 1, dport: 53 }), XDP_DROP],
      [ipv4Frame({ proto: 6, src: "192.168.1.66", dst: "10.0.0.1", flags: 0x02 }), XDP_DROP],
      [ipv4Frame({ proto: 6, src: "203.0.113.7", dst: "10.0.0.1", flags: 0x02 }), XDP_DROP],
      // the blocked address as a destination, a neighbour, and non-IPv4 traffic pass
      [ipv4Frame({ proto: 17, src: "10.0.0.1", dst: "192.168.1.66", sport: 53, dport: 1 }), XDP_PASS],
      [ipv4Frame({ proto: 17, src: "192.168.1.67", dst: "10.0.0.1", sport: 1, dport: 53 }), XDP_PASS],
      [etherFrame(0x0806), XDP_PASS],
      [ipv4Frame({ proto: 17, src: "192.168.1.66", dst: "10.0.0.1", truncate: 29 }), XDP_PASS], // no saddr
    ];
    for (const [packet, action] of cases) {
      const r = sb.run("block_ipv4", { packet });
      expect(r.fault).toBeUndefined();
      expect(r.ret).toBe(action);
    }
    expect(blocked.get(addrKey("192.168.1.66"))).toBe(2n);
    expect(blocked.get(addrKey("203.0.113.7"))).toBe(11n);
    expect(blocked.size).toBe(2); // lookups never insert
  });
});
