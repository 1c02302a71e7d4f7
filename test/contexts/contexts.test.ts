import { describe, expect, it } from "vitest";
import {
  PT_REGS_SIZE,
  ptRegsContext,
  rawTracepointContext,
  SkbContext,
  SkbOffset,
  skbAccessRefusal,
  tracepointContext,
  XdpContext,
  type SkbKind,
} from "../../runtime/contexts/index.js";
import { Memory } from "../../runtime/vm/memory.js";
import { VmFaultSignal } from "../../runtime/vm/fault.js";
import { Errno } from "../../runtime/uapi/bpf.js";

/** A program-style load through the VM's checked slow path; returns the value or the fault message. */
function load(mem: Memory, addr: bigint, off: number, size: number): bigint | string {
  const a = BigInt.asUintN(64, addr);
  const out = new Int32Array(2);
  try {
    mem.load(Number(a >> 32n) | 0, Number(a & 0xffffffffn) | 0, off, size, out);
    return (BigInt(out[1]! >>> 0) << 32n) | BigInt(out[0]! >>> 0);
  } catch (e) {
    if (e instanceof VmFaultSignal) return e.info.message;
    throw e;
  }
}
function store(mem: Memory, addr: bigint, off: number, size: number, v: number): string | undefined {
  const a = BigInt.asUintN(64, addr);
  try {
    mem.store(Number(a >> 32n) | 0, Number(a & 0xffffffffn) | 0, off, size, v, 0);
    return undefined;
  } catch (e) {
    if (e instanceof VmFaultSignal) return e.info.message;
    throw e;
  }
}

const frame = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);

describe("xdp_md", () => {
  it("data/data_end/data_meta load as packet pointers; fields are read-only u32s", () => {
    const mem = new Memory();
    const x = new XdpContext(mem, { packet: frame(60), ingressIfindex: 3, rxQueueIndex: 2 });
    const data = load(mem, x.pointer, 0, 4) as bigint;
    const end = load(mem, x.pointer, 4, 4) as bigint;
    expect(end - data).toBe(60n);
    expect(load(mem, x.pointer, 8, 4)).toBe(data); // no metadata
    expect(load(mem, x.pointer, 12, 4)).toBe(3n);
    expect(load(mem, x.pointer, 16, 4)).toBe(2n);
    expect(load(mem, data, 5, 1)).toBe(5n);
    expect(load(mem, x.pointer, 0, 8)).toMatch(/8-byte access to data: xdp_md fields are read as u32/);
    expect(load(mem, x.pointer, 20, 4)).toMatch(/egress_ifindex is readable only by devmap programs/);
    expect(store(mem, x.pointer, 12, 4, 1)).toMatch(/ingress_ifindex is read-only/);
    expect(load(mem, data, 60, 1)).toMatch(/outside packet/);
  });

  it.each([
    ["head: grow by 16", "adjustHead", -16, 0, 76],
    ["head: shrink by 14", "adjustHead", 14, 0, 46],
    ["head: leave less than ETH_HLEN", "adjustHead", 50, -Errno.EINVAL, 60],
    ["head: into the xdp_frame area", "adjustHead", -(256 - 39), -Errno.EINVAL, 60],
    ["head: up to the xdp_frame area", "adjustHead", -(256 - 40), 0, 60 + 216],
    ["tail: shrink", "adjustTail", -10, 0, 50],
    ["tail: grow (zero-filled)", "adjustTail", 100, 0, 160],
    ["tail: past the frame", "adjustTail", 4096, -Errno.EINVAL, 60],
    ["tail: below ETH_HLEN", "adjustTail", -50, -Errno.EINVAL, 60],
  ] as const)("%s", (_what, op, delta, ret, len) => {
    const mem = new Memory();
    const x = new XdpContext(mem, { packet: frame(60) });
    const oldData = load(mem, x.pointer, 0, 4) as bigint;
    expect(x[op](delta)).toBe(ret);
    const data = load(mem, x.pointer, 0, 4) as bigint;
    const end = load(mem, x.pointer, 4, 4) as bigint;
    expect(Number(end - data)).toBe(len);
    expect(x.packet().length).toBe(len);
    if (ret === 0) expect(load(mem, oldData, 0, 1)).toMatch(/after it was released/);
    if (op === "adjustTail" && delta > 0)
      expect([...x.packet().subarray(60)].every((b) => b === 0)).toBe(true);
  });

  it.each([
    [-4, 0],
    [-32, 0],
    [-36, -Errno.EACCES],
    [-6, -Errno.EACCES],
    [4, -Errno.EINVAL],
  ])("adjust_meta(%d) → %d", (delta, ret) => {
    const mem = new Memory();
    const x = new XdpContext(mem, { packet: frame(60) });
    expect(x.adjustMeta(delta)).toBe(ret);
    const meta = load(mem, x.pointer, 8, 4) as bigint;
    const data = load(mem, x.pointer, 0, 4) as bigint;
    expect(Number(data - meta)).toBe(ret === 0 ? -delta : 0);
  });
});

describe("__sk_buff access rules", () => {
  const O = SkbOffset;
  it.each<[SkbKind, number, number, boolean, RegExp | undefined]>([
    ["socket_filter", O.len, 4, false, undefined],
    ["socket_filter", O.protocol, 2, false, undefined],
    ["socket_filter", O.cb + 4, 4, true, undefined],
    ["socket_filter", O.cb + 16, 8, false, /past the end of cb/],
    ["socket_filter", O.data, 4, false, /socket filters cannot access data \(no direct packet access/],
    ["socket_filter", O.mark, 4, true, /socket filters may only write cb/],
    ["socket_filter", O.family, 4, false, /cannot access family/],
    ["socket_filter", O.tstamp, 8, false, /cannot access tstamp/],
    ["tc", O.data, 4, false, undefined],
    ["tc", O.data_meta, 4, false, undefined],
    ["tc", O.mark, 4, true, undefined],
    ["tc", O.tc_classid, 4, true, undefined],
    ["tc", O.len, 4, true, /tc programs may write only/],
    ["tc", O.remote_ip4, 4, false, /cannot read socket fields/],
    ["tc", O.tstamp, 8, true, undefined],
    ["tc", O.tstamp, 4, false, /tstamp is accessed as a u64/],
    ["tc", O.hwtstamp, 8, true, /tc programs may write only/],
    ["tc", O.len, 8, false, /misaligned|wider/],
    ["tc", O.flow_keys, 8, false, /flow_keys/],
    ["tc", 181, 1, false, /padding/],
    ["cgroup_skb", O.data, 4, false, undefined],
    ["cgroup_skb", O.data_meta, 4, false, /cannot access data_meta/],
    ["cgroup_skb", O.remote_ip4, 4, false, undefined],
    ["cgroup_skb", O.priority, 4, true, undefined],
    ["cgroup_skb", O.tc_index, 4, true, /cgroup_skb programs may write only/],
    ["cgroup_skb", O.len, 1, false, undefined],
  ])("%s %d/%d write=%s", (kind, off, size, write, refusal) => {
    const r = skbAccessRefusal(kind, off, size, write);
    if (refusal) expect(r).toMatch(refusal);
    else expect(r).toBeUndefined();
  });

  it("fills len, protocol, pkt_type and the socket fields as a test run does; tc sees layer 2", () => {
    const ip = [0x45, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];
    const f = Uint8Array.from([...[2, 0, 0, 0, 0, 9], ...[2, 0, 0, 0, 0, 1], 0x08, 0x00, ...ip]);
    for (const kind of ["socket_filter", "tc", "cgroup_skb"] as const) {
      const mem = new Memory();
      const s = new SkbContext(mem, { packet: f.slice() }, kind);
      expect(load(mem, s.pointer, O.len, 4)).toBe(kind === "tc" ? 34n : 20n);
      expect(load(mem, s.pointer, O.protocol, 4)).toBe(0x0008n); // htons(ETH_P_IP)
      expect(load(mem, s.pointer, O.pkt_type, 4)).toBe(3n); // PACKET_OTHERHOST
      expect(load(mem, s.pointer, O.ifindex, 4)).toBe(1n);
      if (kind === "cgroup_skb") {
        expect(load(mem, s.pointer, O.family, 4)).toBe(2n);
        expect(load(mem, s.pointer, O.local_ip4, 4)).toBe(0x0100000an);
      }
      if (kind === "socket_filter")
        expect(load(mem, s.pointer, O.data, 4)).toMatch(/no direct packet access/);
      else {
        const data = load(mem, s.pointer, O.data, 4) as bigint;
        expect(load(mem, data, 0, 1)).toBe(kind === "tc" ? 2n : 0x45n);
      }
    }
  });
});

describe("tracing contexts", () => {
  it("tracepoint records come from the tracefs format and are read-only", () => {
    const mem = new Memory();
    const r = tracepointContext(
      mem,
      "syscalls/sys_enter_openat",
      { dfd: -100, filename: 0x1234n, flags: 2 },
      55,
    );
    if (!r.ok) throw new Error(r.diagnostics[0]!.message);
    const field = (n: string) => r.value.format.fields.find((f) => f.name === n)!;
    expect(load(mem, r.value.pointer, field("filename").offset, 8)).toBe(0x1234n);
    expect(load(mem, r.value.pointer, field("dfd").offset, 8)).toBe(BigInt.asUintN(64, -100n));
    expect(load(mem, r.value.pointer, field("common_pid").offset, 4)).toBe(55n);
    expect(store(mem, r.value.pointer, field("flags").offset, 4, 0)).toMatch(
      /tracepoint record is read-only \(write of 4 bytes at flags\)/,
    );
    expect(load(mem, r.value.pointer, field("filename").offset + 4, 8)).toMatch(/not aligned/);
    const bad = tracepointContext(mem, "syscalls/sys_enter_openat", { nope: 1 }, 0);
    expect(bad.ok).toBe(false);
  });
  it("raw tracepoint args and pt_regs", () => {
    const mem = new Memory();
    const raw = rawTracepointContext(mem, [1n, 2n]);
    expect(load(mem, raw, 8, 8)).toBe(2n);
    expect(load(mem, raw, 88, 8)).toBe(0n);
    expect(load(mem, raw, 96, 8)).toMatch(/outside/);
    const regs = ptRegsContext(mem, { args: [10n, 20n], regs: { rip: 0x401000n }, ret: 7 });
    expect(load(mem, regs, 14 * 8, 8)).toBe(10n); // di
    expect(load(mem, regs, 13 * 8, 8)).toBe(20n); // si
    expect(load(mem, regs, 16 * 8, 8)).toBe(0x401000n); // ip
    expect(load(mem, regs, 10 * 8, 8)).toBe(7n); // ax
    expect(load(mem, regs, PT_REGS_SIZE - 4, 8)).toMatch(/not aligned|outside/);
    expect(store(mem, regs, 0, 8, 1)).toMatch(/pt_regs is read-only \(write of 8 bytes at r15\)/);
    expect(() => ptRegsContext(mem, { regs: { xyz: 1 } })).toThrow(/no register 'xyz'/);
  });
});
