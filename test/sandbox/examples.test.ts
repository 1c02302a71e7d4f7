import { describe, expect, it } from "vitest";
import { cString } from "../../runtime/helpers/index.js";
import { struct, u16, u32, u64, u8, array } from "../../runtime/layout/index.js";
import { createSandbox, type Sandbox } from "../../runtime/sandbox/index.js";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import { CLANG, compileExample } from "./compile.js";
import { ipv4Frame, otherFrame } from "./packets.js";

const XDP_DROP = 1;
const XDP_PASS = 2;
const TC_ACT_OK = 0;

function sandbox(name: string, options: Parameters<typeof createSandbox>[1] = {}): Sandbox {
  return unwrap(createSandbox(compileExample(name), options));
}

const u32Key = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);
const u64At = (b: Uint8Array | undefined, off = 0) =>
  b ? new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(off, true) : undefined;

describe.skipIf(!CLANG)("examples/c through the sandbox", () => {
  it("xdp_proto counts IPv4 packets by protocol and passes everything", () => {
    const sb = sandbox("xdp_proto");
    const packets = [
      ipv4Frame({ proto: 17, saddr: [10, 0, 0, 1], daddr: [10, 0, 0, 2], sport: 53, dport: 5353 }),
      ipv4Frame({ proto: 17, saddr: [10, 0, 0, 3], daddr: [10, 0, 0, 2], sport: 1, dport: 2 }),
      ipv4Frame({ proto: 6, saddr: [10, 0, 0, 1], daddr: [10, 0, 0, 2], tcpFlags: 0x02 }),
      otherFrame(0x0806),
      new Uint8Array(10), // shorter than an Ethernet header
    ];
    for (const packet of packets) {
      const r = sb.run("count_proto", { packet });
      expect(r.fault).toBeUndefined();
      expect(r.ret).toBe(XDP_PASS);
      expect(r.packet).toEqual(packet);
    }
    const perProto = sb.typed<number, bigint>("per_proto", u32, u64);
    expect(unwrap(perProto).get(17)).toBe(2n);
    expect(unwrap(perProto).get(6)).toBe(1n);
    expect(unwrap(perProto).get(1)).toBe(0n);
  });

  it("xdp_blocklist drops a listed source and counts the hit", () => {
    const sb = sandbox("xdp_blocklist");
    const blocked = unwrap(sb.typed<number, bigint>("blocked", u32, u64));
    // the key is the address as stored in the packet (network order): read it as a LE u32
    const addr = new DataView(new Uint8Array([192, 168, 1, 66]).buffer).getUint32(0, true);
    blocked.set(addr, 0n);
    const bad = ipv4Frame({ proto: 17, saddr: [192, 168, 1, 66], daddr: [10, 0, 0, 1], sport: 1, dport: 2 });
    const good = ipv4Frame({ proto: 17, saddr: [192, 168, 1, 67], daddr: [10, 0, 0, 1], sport: 1, dport: 2 });
    expect(sb.run("block_ipv4", { packet: bad }).ret).toBe(XDP_DROP);
    expect(sb.run("block_ipv4", { packet: bad }).ret).toBe(XDP_DROP);
    expect(sb.run("block_ipv4", { packet: good }).ret).toBe(XDP_PASS);
    expect(blocked.get(addr)).toBe(2n);
    expect(blocked.size).toBe(1);
  });

  it("sockfilter_syn keeps a SYN (its IP length) and drops a SYN-ACK, a UDP and an ARP packet", () => {
    const sb = sandbox("sockfilter_syn");
    const syn = ipv4Frame({
      proto: 6,
      saddr: [1, 2, 3, 4],
      daddr: [5, 6, 7, 8],
      sport: 40000,
      dport: 80,
      tcpFlags: 0x02,
    });
    const synAck = ipv4Frame({
      proto: 6,
      saddr: [5, 6, 7, 8],
      daddr: [1, 2, 3, 4],
      sport: 80,
      dport: 40000,
      tcpFlags: 0x12,
    });
    const kept = sb.run("keep_syn", { packet: syn });
    expect(kept.fault).toBeUndefined();
    // the kernel strips the Ethernet header for socket filters: skb->len is the IP packet's length
    expect(kept.ret).toBe(syn.length - 14);
    // ...and returns the frame with the 14 header bytes zeroed
    expect(kept.packet?.subarray(0, 14)).toEqual(new Uint8Array(14));
    expect(kept.packet?.subarray(14)).toEqual(syn.subarray(14));
    expect(sb.run("keep_syn", { packet: synAck }).ret).toBe(0);
    expect(
      sb.run("keep_syn", { packet: ipv4Frame({ proto: 17, saddr: [1, 1, 1, 1], daddr: [2, 2, 2, 2] }) }).ret,
    ).toBe(0);
    expect(sb.run("keep_syn", { packet: otherFrame(0x0806) }).ret).toBe(0);
  });

  it("tc_flowstats accumulates packets and bytes per 5-tuple", () => {
    const sb = sandbox("tc_flowstats");
    const key = struct([
      ["saddr", u32],
      ["daddr", u32],
      ["sport", u16],
      ["dport", u16],
      ["proto", u8],
      ["pad", array(u8, 3)],
    ]);
    const value = struct([
      ["packets", u64],
      ["bytes", u64],
    ]);
    const flows = unwrap(
      sb.typed<Record<string, unknown>, { packets: bigint; bytes: bigint }>("flows", key, value),
    );
    const a = ipv4Frame({
      proto: 6,
      saddr: [10, 0, 0, 1],
      daddr: [10, 0, 0, 2],
      sport: 1234,
      dport: 443,
      payload: 100,
    });
    const b = ipv4Frame({
      proto: 17,
      saddr: [10, 0, 0, 9],
      daddr: [10, 0, 0, 2],
      sport: 5353,
      dport: 53,
      payload: 10,
    });
    for (const p of [a, a, b]) {
      const r = sb.run("flow_stats", { packet: p });
      expect(r.fault).toBeUndefined();
      expect(r.ret).toBe(TC_ACT_OK);
    }
    expect(sb.run("flow_stats", { packet: otherFrame(0x86dd, 60) }).ret).toBe(TC_ACT_OK);
    const entries = [...flows.entries()].map(([k, v]) => ({ ...(k as object), ...v }));
    expect(entries).toHaveLength(2);
    const ip = (x: number[]) => new DataView(new Uint8Array(x).buffer).getUint32(0, true);
    expect(entries).toContainEqual(
      expect.objectContaining({
        saddr: ip([10, 0, 0, 1]),
        sport: 1234,
        dport: 443,
        proto: 6,
        packets: 2n,
        bytes: BigInt(2 * a.length),
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        saddr: ip([10, 0, 0, 9]),
        sport: 5353,
        dport: 53,
        proto: 17,
        packets: 1n,
        bytes: BigInt(b.length),
      }),
    );
  });

  it("syscount counts syscalls per tgid taken from the environment", () => {
    const sb = sandbox("syscount");
    for (const tgid of [100, 100, 100, 200]) {
      const r = sb.run("on_sys_enter", { fields: { id: 0 } }, { tgid, pid: tgid + 1 });
      expect(r.fault).toBeUndefined();
    }
    const counts = unwrap(sb.typed<number, bigint>("counts", u32, u64));
    expect(counts.get(100)).toBe(3n);
    expect(counts.get(200)).toBe(1n);
    expect(counts.has(101)).toBe(false);
  });

  it("opensnoop emits one event with the file name read from user memory", () => {
    const sb = sandbox("opensnoop");
    const filename = 0x7ffd_1234_0000n;
    const r = sb.run(
      "on_openat",
      { fields: { dfd: -100, filename, flags: 0, mode: 0 } },
      {
        tgid: 777,
        pid: 778,
        uid: 1001,
        comm: "cat",
        now: 5_000_000n,
        userMemory: [cString(filename, "/etc/hostname")],
      },
    );
    expect(r.fault).toBeUndefined();
    const events = sb.drainRingbuf("events");
    expect(events).toHaveLength(1);
    expect(events[0]!.length).toBe(160);
    const dv = new DataView(events[0]!.buffer);
    expect(dv.getUint32(0, true)).toBe(777);
    expect(dv.getUint32(4, true)).toBe(1001);
    expect(dv.getBigUint64(8, true)).toBe(5_000_000n);
    expect(new TextDecoder().decode(events[0]!.subarray(16, 19))).toBe("cat");
    expect(events[0]![19]).toBe(0);
    expect(new TextDecoder().decode(events[0]!.subarray(32, 45))).toBe("/etc/hostname");
    expect(events[0]![45]).toBe(0);
    // a file name the program cannot read: probe_read_user_str fails and zeroes the buffer
    sb.run("on_openat", { fields: { filename: 0x1000n } });
    const [bad] = sb.drainRingbuf("events");
    expect(bad!.subarray(32)).toEqual(new Uint8Array(128));
  });

  it("syslatency puts enter→exit latencies into log2 buckets using the clock", () => {
    const sb = sandbox("syslatency");
    const pairs: Array<[bigint, bigint]> = [
      [1_000n, 1_500n], // 500 ns → bucket 8 (256..511)
      [10_000n, 10_900n], // 900 → bucket 9
      [20_000n, 20_600n], // 600 → bucket 9
      [0n, 1n << 20n], // 2^20 → bucket 20
    ];
    for (const [t0, t1] of pairs) {
      expect(sb.run("on_enter", { fields: { id: 1 } }, { now: t0 }).fault).toBeUndefined();
      expect(sb.run("on_exit", { fields: { id: 1, ret: 0 } }, { now: t1 }).fault).toBeUndefined();
    }
    // an exit without an enter records nothing
    sb.run("on_exit", { fields: { id: 1, ret: 0 } }, { now: 99n, pid: 9, tgid: 9 });
    const latency = unwrap(sb.typed<number, bigint>("latency", u32, u64));
    const buckets = [...latency.entries()].filter(([, v]) => v !== 0n);
    expect(buckets).toEqual([
      [8, 1n],
      [9, 2n],
      [20, 1n],
    ]);
    expect(sb.map("start")!.count).toBe(0);
  });

  it("exectrace submits pid, timestamp and comm to the ring buffer", () => {
    const sb = sandbox("exectrace");
    const r = sb.run(
      "on_exec",
      { fields: { filename: "/bin/true", pid: 31337, old_pid: 31337 } },
      { comm: "a-very-long-command-name", now: 42n },
    );
    expect(r.fault).toBeUndefined();
    expect(r.leakedRecords).toBe(0);
    const [e] = sb.drainRingbuf("events");
    const dv = new DataView(e!.buffer);
    expect(dv.getUint32(0, true)).toBe(31337);
    expect(dv.getBigUint64(8, true)).toBe(42n);
    // TASK_COMM_LEN: 15 bytes and a NUL
    expect(new TextDecoder().decode(e!.subarray(16, 31))).toBe("a-very-long-com");
    expect(e![31]).toBe(0);
  });

  it("uprobe_count counts calls per process from a pt_regs context", () => {
    const sb = sandbox("uprobe_count");
    expect(sb.spec.programs[0]!.type).toBe("KPROBE");
    for (const tgid of [5, 5, 6])
      expect(sb.run("count_calls", { args: [1n, 2n] }, { tgid }).fault).toBeUndefined();
    const calls = unwrap(sb.typed<number, bigint>("calls", u32, u64));
    expect(calls.get(5)).toBe(2n);
    expect(calls.get(6)).toBe(1n);
  });
});
