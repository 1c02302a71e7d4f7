import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatIpv6,
  internetChecksum,
  ipv4Bytes,
  ipv6Bytes,
  macBytes,
  packet,
  type BuiltPacket,
} from "../../runtime/testing/index.js";
import { encodeLayers } from "../../runtime/testing/packet/encode.js";

/** A layer as JSON, understood by both the builder (through its methods) and packet_reference.py. */
type JsonLayer = { kind: string; hex?: string } & Record<string, unknown>;

interface AnyStage extends BuiltPacket {
  [method: string]: unknown;
}

function viaBuilder(layers: readonly JsonLayer[]): Uint8Array {
  let b: AnyStage | undefined;
  for (const { kind, hex, ...options } of layers) {
    if (!b) {
      b = (packet as unknown as Record<string, (o: unknown) => AnyStage>)[kind]!(options);
      continue;
    }
    const arg = kind === "payload" ? Buffer.from(hex ?? "", "hex") : options;
    b = (b[kind] as (o: unknown) => AnyStage).call(b, arg);
  }
  return b!.build();
}

function python(): boolean {
  try {
    execFileSync("python3", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const PYTHON = python();
if (!PYTHON) console.log("python3 not found: skipping the packet builder's differential test");

const v4 = { src: "10.0.0.1", dst: "10.0.0.2" };
const v6 = { src: "2001:db8::1", dst: "fe80::1:2" };
const hex = (s: string): string => Buffer.from(s).toString("hex");

const CASES: Record<string, JsonLayer[]> = {
  "ethernet/ipv4/udp (DNS)": [
    { kind: "ethernet" },
    { kind: "ipv4", ...v4 },
    { kind: "udp", dport: 53 },
    { kind: "payload", hex: hex("query") },
  ],
  "ethernet/ipv4/tcp SYN-ACK, odd payload": [
    { kind: "ethernet", src: "aa:bb:cc:dd:ee:ff", dst: "11:22:33:44:55:66" },
    { kind: "ipv4", ...v4, ttl: 3, tos: 0x10, id: 0x1234, df: true },
    { kind: "tcp", sport: 443, dport: 51000, seq: 0xdeadbeef, ack: 7, flags: "SA", window: 1024 },
    { kind: "payload", hex: "0102030405" },
  ],
  "ethernet/ipv4/icmp echo": [
    { kind: "ethernet" },
    { kind: "ipv4", ...v4 },
    { kind: "icmp", id: 7, seq: 9 },
    { kind: "payload", hex: "00ff00ff" },
  ],
  "ethernet/ipv6/udp": [
    { kind: "ethernet" },
    { kind: "ipv6", ...v6, flowLabel: 0x12345, trafficClass: 3 },
    { kind: "udp", sport: 1, dport: 2 },
    { kind: "payload", hex: hex("hello, v6") },
  ],
  "ethernet/ipv6/tcp": [
    { kind: "ethernet" },
    { kind: "ipv6", ...v6, hopLimit: 1 },
    { kind: "tcp", flags: "FA" },
  ],
  "ethernet/ipv6/icmpv6 echo": [
    { kind: "ethernet" },
    { kind: "ipv6", ...v6 },
    { kind: "icmp", id: 1, seq: 2 },
  ],
  "vlan/ipv4/udp": [
    { kind: "ethernet" },
    { kind: "vlan", id: 100, pcp: 5, dei: true },
    { kind: "ipv4", ...v4 },
    { kind: "udp" },
  ],
  "QinQ/ipv6/tcp": [
    { kind: "ethernet" },
    { kind: "vlan", id: 10 },
    { kind: "vlan", id: 20 },
    { kind: "ipv6", ...v6 },
    { kind: "tcp" },
  ],
  "ipv4 in ipv4": [
    { kind: "ethernet" },
    { kind: "ipv4", ...v4 },
    { kind: "ipv4", src: "192.168.0.1", dst: "192.168.0.2" },
    { kind: "udp" },
  ],
  "raw ethertype (ARP-sized)": [
    { kind: "ethernet", type: 0x0806 },
    { kind: "payload", hex: "00".repeat(28) },
  ],
};

describe("packet builders", () => {
  it.skipIf(!PYTHON).each(Object.entries(CASES))(
    "%s matches python3's struct-built frame",
    (_name, layers) => {
      const ref = execFileSync("python3", [new URL("./packet_reference.py", import.meta.url).pathname], {
        input: JSON.stringify([layers]),
      })
        .toString()
        .trim();
      expect(Buffer.from(viaBuilder(layers)).toString("hex")).toBe(ref);
    },
  );

  it("builds the issue's example with lengths and checksums a parser accepts", () => {
    const bytes = packet.ethernet().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).udp({ dport: 53 }).build();
    expect(bytes.length).toBe(14 + 20 + 8);
    const p = packet.parse(bytes);
    expect(p.ethernet?.type).toBe(0x0800);
    expect(p.ipv4).toMatchObject({
      totalLength: 28,
      protocol: 17,
      src: "10.0.0.1",
      dst: "10.0.0.2",
      checksumValid: true,
    });
    expect(p.udp).toMatchObject({ dport: 53, length: 8, checksumValid: true });
    expect(p.problems).toEqual([]);
  });

  it("computes the IPv4 header checksum of RFC 1071's worked example layout", () => {
    // a header whose checksum is well known: 4500 0073 0000 4000 4011 [b861] c0a8 0001 c0a8 00c7
    const frame = packet
      .ipv4({ src: "192.168.0.1", dst: "192.168.0.199", id: 0, df: true, protocol: 17, totalLength: 0x73 })
      .build();
    expect(Buffer.from(frame.subarray(10, 12)).toString("hex")).toBe("b861");
  });

  it("writes given lengths and checksums as they are (to build broken packets)", () => {
    const bytes = packet
      .ethernet()
      .ipv4({ ...v4, checksum: 0xbeef })
      .udp({ checksum: 0, length: 99 })
      .build();
    const p = packet.parse(bytes);
    expect(p.ipv4?.checksum).toBe(0xbeef);
    expect(p.ipv4?.checksumValid).toBe(false);
    expect(p.udp?.checksum).toBe(0);
    expect(p.udp?.checksumValid).toBe(true); // zero means "no checksum" over IPv4
    expect(p.problems).toEqual(["UDP length 99 differs from the 8 bytes present"]);
  });

  it("pads IPv4 and TCP options to 32-bit words and counts them in IHL and data offset", () => {
    const bytes = packet
      .ethernet()
      .ipv4({ ...v4, options: [0x94, 0x04, 0, 0, 1] })
      .tcp({ options: [2, 4, 0x05, 0xb4] })
      .build();
    const p = packet.parse(bytes);
    expect(p.ipv4?.ihl).toBe(7);
    expect(p.ipv4?.options).toEqual(new Uint8Array([0x94, 4, 0, 0, 1, 0, 0, 0]));
    expect(p.tcp?.dataOffset).toBe(6);
    expect(p.tcp?.checksumValid).toBe(true);
  });

  it("refuses layers in an order no frame has, and bad field values", () => {
    const ethernetThenTcp = [
      { kind: "ethernet", options: {} },
      { kind: "tcp", options: {} },
    ] as const;
    expect(() => encodeLayers(ethernetThenTcp)).toThrow(/TSB0962.*a tcp layer cannot follow ethernet/);
    expect(() => packet.ethernet().ipv4({ src: "10.0.0.256", dst: "1.1.1.1" }).build()).toThrow(/TSB0961/);
    expect(() => packet.ethernet().ipv4(v4).udp({ dport: 70000 }).build()).toThrow(
      /udp dport: 70000 does not fit 16 bits/,
    );
    expect(() => packet.ethernet().payload(3).build()).toThrow(/give `type`/);
    expect(() => packet.ethernet().ipv4(v4).tcp({ flags: "SX" }).build()).toThrow(/unknown letter 'X'/);
  });

  it("shares prefixes: builders are immutable", () => {
    const base = packet.ethernet().ipv4(v4);
    const a = base.udp({ dport: 1 }).build();
    const b = base.tcp().build();
    expect(packet.parse(a).udp?.dport).toBe(1);
    expect(packet.parse(b).tcp?.flagNames).toEqual(["syn"]);
    expect(base.layers.length).toBe(2);
  });

  it("keeps transport checksums valid for any ports, addresses and payloads (IPv4 and IPv6)", () => {
    const addr4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((t) => t.join("."));
    const addr6 = fc.uint8Array({ minLength: 16, maxLength: 16 });
    fc.assert(
      fc.property(
        fc.boolean(),
        addr4,
        addr4,
        addr6,
        addr6,
        fc.constantFrom("tcp", "udp", "icmp"),
        fc.nat(65535),
        fc.uint8Array({ maxLength: 64 }),
        (six, s4, d4, s6, d6, l4, port, payload) => {
          const ip = six
            ? packet.ethernet().ipv6({ src: s6, dst: d6 })
            : packet.ethernet().ipv4({ src: s4, dst: d4 });
          const stage =
            l4 === "tcp"
              ? ip.tcp({ sport: port })
              : l4 === "udp"
                ? ip.udp({ sport: port })
                : ip.icmp({ id: port });
          const bytes = stage.payload(payload).build();
          const p = packet.parse(bytes);
          const parsed = p.tcp ?? p.udp ?? p.icmp;
          expect(parsed?.checksumValid).toBe(true);
          expect(p.payload).toEqual(payload);
          if (p.ipv4) expect(p.ipv4.checksumValid).toBe(true);
          // any single changed payload byte breaks the transport checksum
          if (payload.length > 0) {
            const broken = bytes.slice();
            broken[broken.length - 1] ^= 0x5a;
            expect(
              (packet.parse(broken).tcp ?? packet.parse(broken).udp ?? packet.parse(broken).icmp)
                ?.checksumValid,
            ).toBe(false);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("addresses", () => {
  it.each([
    ["::", "00000000000000000000000000000000"],
    ["::1", "00000000000000000000000000000001"],
    ["fe80::1:2", "fe800000000000000000000000010002"],
    ["2001:db8:0:0:1:0:0:1", "20010db8000000000001000000000001"],
    ["::ffff:10.0.0.1", "00000000000000000000ffff0a000001"],
    ["1:2:3:4:5:6:7:8", "00010002000300040005000600070008"],
  ])("parses %s", (text, bytes) => {
    expect(Buffer.from(ipv6Bytes(text)).toString("hex")).toBe(bytes);
  });

  it.each([["1::2::3"], ["12345::"], ["1:2:3:4:5:6:7:8:9"], ["::g"]])("refuses %s", (text) => {
    expect(() => ipv6Bytes(text)).toThrow(/TSB0961/);
  });

  it("prints IPv6 as RFC 5952 asks (longest zero run compressed, lower case)", () => {
    expect(formatIpv6(ipv6Bytes("2001:0DB8:0:0:1:0:0:1"))).toBe("2001:db8::1:0:0:1");
    expect(formatIpv6(ipv6Bytes("2001:db8:0:1:1:1:1:1"))).toBe("2001:db8:0:1:1:1:1:1");
    expect(formatIpv6(ipv6Bytes("::"))).toBe("::");
  });

  it("parses IPv4 and MAC text", () => {
    expect(Array.from(ipv4Bytes("192.168.1.254"))).toEqual([192, 168, 1, 254]);
    expect(Array.from(macBytes("02-00-00-AA-bb-01"))).toEqual([2, 0, 0, 0xaa, 0xbb, 1]);
    expect(() => macBytes("02:00:00:00:00")).toThrow(/TSB0961/);
  });

  it("sums like the RFC 1071 definition, whatever the split into parts", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 99 }), fc.nat(99), (bytes, cut) => {
        const at = Math.min(cut, bytes.length);
        let sum = 0;
        for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
        while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
        expect(internetChecksum(bytes.subarray(0, at), bytes.subarray(at))).toBe(~sum & 0xffff);
      }),
    );
  });
});
