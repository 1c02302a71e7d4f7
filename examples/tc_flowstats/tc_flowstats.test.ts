import { describe, expect, it } from "vitest";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import { buildExample, sandboxOf } from "../../test/examples/harness.js";
import { addrKey, etherFrame, ipv4Frame } from "../../test/examples/packets.js";

const TC_ACT_OK = 0;

interface FlowKey {
  saddr: number;
  daddr: number;
  sport: number;
  dport: number;
  proto: number;
  pad: number[];
}

describe("tc_flowstats: packets and bytes per flow", () => {
  const out = buildExample("tc_flowstats");

  it("lays key and value out like the C twin", () => {
    expect(out.spec.maps).toMatchObject([{ name: "flows", keySize: 16, valueSize: 16, maxEntries: 16384 }]);
    expect(out.spec.programs.map((p) => [p.section, p.type])).toEqual([["tc", "SCHED_CLS"]]);
  });

  it("adds up each 5-tuple's packets and bytes and lets every packet through", () => {
    const sb = sandboxOf(out);
    const web = { proto: 6, src: "10.1.0.5", dst: "93.184.216.34", sport: 51000, dport: 443 };
    const dns = { proto: 17, src: "10.1.0.5", dst: "10.1.0.1", sport: 40001, dport: 53 };
    const frames = [
      ipv4Frame({ ...web, flags: 0x02 }),
      ipv4Frame({ ...web, flags: 0x10, payload: 100 }),
      ipv4Frame({ ...web, flags: 0x10, payload: 1400 }),
      ipv4Frame({ ...dns, payload: 40 }),
      ipv4Frame({ proto: 1, src: "10.1.0.5", dst: "10.1.0.1", payload: 56 }), // ICMP: no ports
      ipv4Frame({ ...web, truncate: 40 }), // TCP header cut short: not counted
      etherFrame(0x0806),
    ];
    for (const packet of frames) {
      const r = sb.run("flow_stats", { packet });
      expect(r.fault).toBeUndefined();
      expect(r.ret).toBe(TC_ACT_OK);
    }
    const flows = unwrap(sb.typed<FlowKey, { packets: bigint; bytes: bigint }>("flows"));
    const key = (f: {
      proto: number;
      src: string;
      dst: string;
      sport?: number;
      dport?: number;
    }): FlowKey => ({
      saddr: addrKey(f.src),
      daddr: addrKey(f.dst),
      sport: f.sport ?? 0,
      dport: f.dport ?? 0,
      proto: f.proto,
      pad: [0, 0, 0],
    });
    const len = (n: number) => BigInt(14 + 20 + 20 + n);
    expect(flows.get(key(web))).toEqual({ packets: 3n, bytes: len(0) + len(100) + len(1400) });
    expect(flows.get(key(dns))).toEqual({ packets: 1n, bytes: BigInt(14 + 20 + 8 + 40) });
    expect(flows.get(key({ proto: 1, src: "10.1.0.5", dst: "10.1.0.1" }))).toEqual({
      packets: 1n,
      bytes: BigInt(14 + 20 + 8 + 56),
    });
    expect(flows.size).toBe(3);
  });
});
