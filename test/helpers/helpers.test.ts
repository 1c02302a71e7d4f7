import { describe, expect, it } from "vitest";
import {
  cString,
  csumDiff,
  csumReplaceByDiff,
  formatPrintk,
  TASK_COMM_LEN,
} from "../../runtime/helpers/index.js";
import { Errno, MapType, RingbufFlags, StackIdFlags, UpdateFlags } from "../../runtime/uapi/bpf.js";
import type { MapSpec } from "../../runtime/object/spec.js";
import { HelperHarness } from "./harness.js";

const spec = (
  name: string,
  type: number,
  keySize: number,
  valueSize: number,
  maxEntries: number,
): MapSpec => ({
  name,
  type,
  keySize,
  valueSize,
  maxEntries,
  flags: 0,
});
const MAPS = [
  spec("h", MapType.HASH, 4, 8, 2),
  spec("a", MapType.ARRAY, 4, 8, 4),
  spec("pa", MapType.PERCPU_ARRAY, 4, 8, 1),
  spec("q", MapType.QUEUE, 0, 4, 2),
  spec("s", MapType.STACK, 0, 4, 2),
  spec("rb", MapType.RINGBUF, 0, 0, 4096),
  spec("pe", MapType.PERF_EVENT_ARRAY, 4, 4, 2),
  spec("st", MapType.STACK_TRACE, 4, 8 * 4, 8),
];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const le64 = (n: bigint) => Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));

describe("map helpers", () => {
  it("lookup returns NULL, then a live pointer that is the same for every lookup", () => {
    const h = new HelperHarness(MAPS);
    const key = h.put(0, le32(7));
    const val = h.put(8, le64(99n));
    expect(h.call("map_lookup_elem", h.map("h"), key)).toBe(0n);
    expect(h.call("map_update_elem", h.map("h"), key, val, UpdateFlags.ANY)).toBe(0n);
    const p1 = h.call("map_lookup_elem", h.map("h"), key);
    const p2 = h.call("map_lookup_elem", h.map("h"), key);
    expect(p1).not.toBe(0n);
    expect(p1).toBe(p2);
    expect(h.mem.readU64(p1)).toBe(99n);
    h.mem.writeU64(p1, 100n); // writes through the pointer change the map
    expect(h.maps.get("h")!.lookup(new Uint8Array(le32(7)))).toEqual(new Uint8Array(le64(100n)));
    expect(h.mem.describe(p1)).toBe("h value+0");
  });

  it.each([
    ["update NOEXIST on a present key", "h", UpdateFlags.NOEXIST, true, -Errno.EEXIST],
    ["update EXIST on an absent key", "h", UpdateFlags.EXIST, false, -Errno.ENOENT],
    ["update with unknown flags", "h", 8, false, -Errno.EINVAL],
    ["array update NOEXIST", "a", UpdateFlags.NOEXIST, false, -Errno.EEXIST],
  ])("%s → %d", (_what, map, flags, present, expected) => {
    const h = new HelperHarness(MAPS);
    const key = h.put(0, le32(1));
    const val = h.put(8, le64(1n));
    if (present) h.call("map_update_elem", h.map(map), key, val, 0);
    expect(h.call("map_update_elem", h.map(map), key, val, flags)).toBe(BigInt(expected));
  });

  it("hash map full → -E2BIG; delete absent → -ENOENT; array delete → -EINVAL", () => {
    const h = new HelperHarness(MAPS);
    const val = h.put(8, le64(1n));
    for (const k of [1, 2]) expect(h.call("map_update_elem", h.map("h"), h.put(0, le32(k)), val, 0)).toBe(0n);
    expect(h.call("map_update_elem", h.map("h"), h.put(0, le32(3)), val, 0)).toBe(BigInt(-Errno.E2BIG));
    expect(h.call("map_delete_elem", h.map("h"), h.put(0, le32(3)))).toBe(BigInt(-Errno.ENOENT));
    expect(h.call("map_delete_elem", h.map("h"), h.put(0, le32(1)))).toBe(0n);
    expect(h.call("map_delete_elem", h.map("a"), h.put(0, le32(1)))).toBe(BigInt(-Errno.EINVAL));
    expect(h.call("map_lookup_elem", h.map("a"), h.put(0, le32(4)))).toBe(0n); // index ≥ max_entries
  });

  it("per-CPU maps use the environment's CPU; lookup_percpu_elem picks one", () => {
    const h = new HelperHarness(MAPS, { cpu: 1 });
    const key = h.put(0, le32(0));
    h.call("map_update_elem", h.map("pa"), key, h.put(8, le64(5n)), 0);
    expect(
      h.maps
        .get("pa")!
        .lookupAllCpus(new Uint8Array(4))!
        .map((v) => v[0]),
    ).toEqual([0, 5]);
    expect(h.mem.readU64(h.call("map_lookup_percpu_elem", h.map("pa"), key, 1))).toBe(5n);
    expect(h.call("map_lookup_percpu_elem", h.map("pa"), key, 2)).toBe(0n);
  });

  it("queue and stack: push/pop/peek order and errors", () => {
    const h = new HelperHarness(MAPS);
    for (const [map, order] of [
      ["q", [1, 2]],
      ["s", [2, 1]],
    ] as const) {
      expect(h.call("map_pop_elem", h.map(map), h.at(16))).toBe(BigInt(-Errno.ENOENT));
      expect(h.call("map_push_elem", h.map(map), h.put(0, le32(1)), 0)).toBe(0n);
      expect(h.call("map_push_elem", h.map(map), h.put(0, le32(2)), 0)).toBe(0n);
      expect(h.call("map_push_elem", h.map(map), h.put(0, le32(3)), 0)).toBe(BigInt(-Errno.E2BIG));
      expect(h.call("map_push_elem", h.map(map), h.put(0, le32(3)), UpdateFlags.NOEXIST)).toBe(
        BigInt(-Errno.EINVAL),
      );
      expect(h.call("map_peek_elem", h.map(map), h.at(16))).toBe(0n);
      expect(h.bytes(16, 4)).toEqual(new Uint8Array(le32(order[0])));
      for (const v of order) {
        expect(h.call("map_pop_elem", h.map(map), h.at(16))).toBe(0n);
        expect(h.bytes(16, 4)).toEqual(new Uint8Array(le32(v)));
      }
    }
  });

  it("faults when a map argument is not a map, and map handles cannot be dereferenced", () => {
    const h = new HelperHarness(MAPS);
    expect(h.faultOf("map_lookup_elem", h.at(0), h.at(0))).toMatch(/r1 \(stack\+0\) is not a map pointer/);
    expect(h.faultOf("map_pop_elem", h.map("h"), h.at(0))).toMatch(/has no push\/pop\/peek/);
    expect(() => h.mem.readU64(h.map("h"))).toThrow(/outside map:h \(0 bytes\)/);
  });
});

describe("time, task and random helpers", () => {
  it("answer from the environment; the clock advances by clockStep per read", () => {
    const h = new HelperHarness([], {
      pid: 11,
      tgid: 10,
      uid: 1000,
      gid: 100,
      cpu: 3,
      now: 500n,
      bootNow: 700n,
      clockStep: 10n,
    });
    expect(h.call("get_current_pid_tgid")).toBe((10n << 32n) | 11n);
    expect(h.call("get_current_uid_gid")).toBe((100n << 32n) | 1000n);
    expect(h.call("get_smp_processor_id")).toBe(3n);
    expect(h.call("ktime_get_ns")).toBe(500n);
    expect(h.call("ktime_get_ns")).toBe(510n);
    expect(h.call("ktime_get_boot_ns")).toBe(720n);
    h.kernel.beginRun();
    expect(h.call("ktime_get_ns")).toBe(500n);
  });

  it.each([
    ["short name, big buffer", "cat", 16, "cat", 0n],
    ["15 bytes kept of a long name", "abcdefghijklmnopqrst", 16, "abcdefghijklmno", 0n],
    ["buffer smaller than the name", "abcdef", 4, "abc", 0n],
  ])("get_current_comm: %s", (_what, comm, size, expected, ret) => {
    const h = new HelperHarness([], { comm });
    h.put(0, new Array(32).fill(0xaa));
    expect(h.call("get_current_comm", h.at(0), size)).toBe(ret);
    const out = h.bytes(0, size);
    expect(new TextDecoder().decode(out.subarray(0, expected.length))).toBe(expected);
    expect([...out.subarray(expected.length)].every((b) => b === 0)).toBe(true); // NUL-padded
    expect(h.bytes(size, 1)[0]).toBe(0xaa); // nothing past size
    expect(TASK_COMM_LEN).toBe(16);
  });

  it("get_prandom_u32 is a deterministic sequence per seed, restarting each run", () => {
    const h = new HelperHarness([], { randomSeed: 1 });
    const a = [h.call("get_prandom_u32"), h.call("get_prandom_u32"), h.call("get_prandom_u32")];
    expect(new Set(a).size).toBe(3);
    a.forEach((x) => expect(x >= 0n && x <= 0xffffffffn).toBe(true));
    h.kernel.beginRun();
    expect([h.call("get_prandom_u32"), h.call("get_prandom_u32"), h.call("get_prandom_u32")]).toEqual(a);
    const other = new HelperHarness([], { randomSeed: 2 });
    expect(other.call("get_prandom_u32")).not.toBe(a[0]);
  });
});

describe("probe_read helpers", () => {
  const user = 0x7ffd_0000_1000n;
  const kern = 0xffff_8880_0000_2000n;
  const env = {
    userMemory: [cString(user, "hello")],
    kernelMemory: [{ address: kern, bytes: Uint8Array.from([1, 2, 3, 4]) }],
  };
  it.each([
    ["probe_read_user", user, 3, 0, [104, 101, 108]],
    ["probe_read_user past the mapping", user, 7, -Errno.EFAULT, [0, 0, 0, 0, 0, 0, 0]],
    ["probe_read_user of kernel memory", kern, 4, -Errno.EFAULT, [0, 0, 0, 0]],
    ["probe_read_kernel", kern, 4, 0, [1, 2, 3, 4]],
    ["probe_read_kernel of user memory", user, 2, -Errno.EFAULT, [0, 0]],
    ["probe_read (compat) of user memory", user, 2, 0, [104, 101]],
    ["probe_read (compat) of kernel memory", kern, 2, 0, [1, 2]],
  ])("%s", (what, addr, size, ret, bytes) => {
    const h = new HelperHarness([], env);
    h.put(0, new Array(16).fill(0xee));
    expect(h.call(what.split(" ")[0]!, h.at(0), size, addr)).toBe(BigInt(ret));
    expect([...h.bytes(0, size)]).toEqual(bytes);
  });

  it.each([
    ["whole string", 16, 6n, "hello\0"],
    ["exact fit", 6, 6n, "hello\0"],
    ["cut: size bytes, last one NUL", 4, 4n, "hel\0"],
    ["size 0", 0, 0n, ""],
  ])("probe_read_user_str: %s", (_what, size, ret, text) => {
    const h = new HelperHarness([], env);
    expect(h.call("probe_read_user_str", h.at(0), size, user)).toBe(ret);
    expect(new TextDecoder().decode(h.bytes(0, text.length))).toBe(text);
  });

  it("probe_read_kernel_str reads VM memory (a string on the stack); a fault zeroes the buffer", () => {
    const h = new HelperHarness([], env);
    const src = h.put(100, [...new TextEncoder().encode("stack!"), 0]);
    expect(h.call("probe_read_kernel_str", h.at(0), 32, src)).toBe(7n);
    expect(new TextDecoder().decode(h.bytes(0, 6))).toBe("stack!");
    h.put(200, new Array(8).fill(0x55));
    expect(h.call("probe_read_kernel_str", h.at(200), 8, 0xdead_0000n)).toBe(BigInt(-Errno.EFAULT));
    expect(h.bytes(200, 8)).toEqual(new Uint8Array(8));
  });
});

describe("bpf_trace_printk", () => {
  const args = (values: bigint[]) => ({
    args: values,
    readString: () => "str",
    readBytes: () => Uint8Array.from([10, 0, 0, 1]),
  });
  it.each([
    ["%d", [0xffffffffn], "-1"],
    ["%u", [0xffffffffn], "4294967295"],
    ["%ld", [0xffffffffffffffffn], "-1"],
    ["%llu", [0xffffffffffffffffn], "18446744073709551615"],
    ["%x %X", [255n, 255n], "ff FF"],
    ["%lx", [0x1234567890n], "1234567890"],
    ["%5d|%-5d|%05d", [42n, 42n, 42n], "   42|42   |00042"],
    ["%c%c", [104n, 105n], "hi"],
    ["%s!", [0n], "str!"],
    ["%pI4 %pi4", [0n, 0n], "10.0.0.1 010.000.000.001"],
    ["%px", [0xabcn], "0000000000000abc"],
    ["100%%", [], "100%"],
    ["%i", [7n], "7"],
  ])("formats %s", (fmt, values, expected) => {
    expect(formatPrintk(fmt, args(values), 3)).toEqual({ ok: true, text: expected });
  });
  it.each([["%d %d %d %d"], ["%f"], ["%n"], ["%pZ"], ["caf\u00e9"]])("refuses %s", (fmt) => {
    expect(formatPrintk(fmt, args([1n, 2n, 3n, 4n]), 3).ok).toBe(false);
  });
  it("records trace_pipe lines and returns the length; -EINVAL without a NUL or with a bad format", () => {
    const h = new HelperHarness([], { comm: "prog", pid: 77, now: 1_500_000_000n });
    const fmt = h.put(0, [...new TextEncoder().encode("n=%d s=%s\n"), 0]);
    const s = h.put(64, [...new TextEncoder().encode("abc"), 0]);
    expect(h.call("trace_printk", fmt, 11, 5, s)).toBe(10n);
    expect(h.kernel.printk.map((l) => l.text)).toEqual(["n=5 s=abc\n"]);
    expect(h.kernel.printk[0]!.line).toBe(
      "            prog-77      [000] ..... 1.500000: bpf_trace_printk: n=5 s=abc",
    );
    expect(h.call("trace_printk", fmt, 4, 5)).toBe(BigInt(-Errno.EINVAL));
    const bad = h.put(100, [...new TextEncoder().encode("%q"), 0]);
    expect(h.call("trace_printk", bad, 3)).toBe(BigInt(-Errno.EINVAL));
    expect(h.kernel.printk).toHaveLength(1);
  });
});

describe("ring buffer helpers", () => {
  it("reserve/submit hands out a record region that is released on submit", () => {
    const h = new HelperHarness(MAPS);
    const rec = h.call("ringbuf_reserve", h.map("rb"), 16, 0);
    expect(rec).not.toBe(0n);
    h.mem.writeU64(rec, 0x1122n);
    expect(h.call("ringbuf_query", h.map("rb"), RingbufFlags.AVAIL_DATA)).toBe(24n);
    expect(h.call("ringbuf_submit", rec, 0)).toBe(0n);
    expect(() => h.mem.readU64(rec)).toThrow(/after it was released/);
    expect(h.faultOf("ringbuf_submit", rec, 0)).toMatch(/not a record returned by bpf_ringbuf_reserve/);
    const [sample] = (h.maps.get("rb") as import("../../runtime/maps/index.js").RingBufMap).drain();
    expect(new DataView(sample!.buffer, sample!.byteOffset).getBigUint64(0, true)).toBe(0x1122n);
  });
  it.each([
    ["reserve with flags", () => ["ringbuf_reserve", "rb", 8, 1], 0n],
    ["reserve larger than the ring", () => ["ringbuf_reserve", "rb", 4096, 0], 0n],
    ["output with bad flags", () => ["ringbuf_output", "rb", "buf", 8, 4], BigInt(-Errno.EINVAL)],
    ["output", () => ["ringbuf_output", "rb", "buf", 8, RingbufFlags.NO_WAKEUP], 0n],
    ["query ring size", () => ["ringbuf_query", "rb", RingbufFlags.RING_SIZE], 4096n],
  ] as const)("%s", (_what, make, expected) => {
    const h = new HelperHarness(MAPS);
    const [name, map, ...rest] = make() as readonly (string | number)[];
    const args = rest.map((a) => (a === "buf" ? h.at(0) : Number(a)));
    expect(h.call(String(name), h.map(String(map)), ...args)).toBe(expected);
  });
  it("discard frees the space without a sample", () => {
    const h = new HelperHarness(MAPS);
    const rec = h.call("ringbuf_reserve", h.map("rb"), 8, 0);
    expect(h.call("ringbuf_discard", rec, 0)).toBe(0n);
    expect((h.maps.get("rb") as import("../../runtime/maps/index.js").RingBufMap).drain()).toEqual([]);
  });
});

describe("perf_event_output", () => {
  it.each([
    ["current CPU", 0xffffffffn, 0, 0n],
    ["explicit index of this CPU", 1n, 0, BigInt(-Errno.EOPNOTSUPP)],
    ["index past max_entries", 5n, 0, BigInt(-Errno.E2BIG)],
    ["unknown flag bits", 1n << 40n, 0, BigInt(-Errno.EINVAL)],
  ])("%s", (_what, flags, cpu, expected) => {
    const h = new HelperHarness(MAPS, { cpu });
    expect(h.call("perf_event_output", 0, h.map("pe"), flags, h.put(0, [1, 2, 3]), 3)).toBe(expected);
  });
});

describe("stack helpers (synthetic stacks)", () => {
  const stacks = {
    kernel: [0xffffffff81000010n, 0xffffffff81000020n, 0xffffffff81000030n],
    user: [0x401000n, 0x402000n],
  };
  it("get_stack copies frames, honours skip and sizes, zero-fills, and fails like the kernel", () => {
    const h = new HelperHarness([], { stacks });
    expect(h.call("get_stack", 0, h.at(0), 32, 0)).toBe(24n);
    expect(h.mem.readU64(h.at(0))).toBe(stacks.kernel[0]);
    expect(h.mem.readU64(h.at(24))).toBe(0n);
    expect(h.call("get_stack", 0, h.at(0), 8, 1)).toBe(8n);
    expect(h.mem.readU64(h.at(0))).toBe(stacks.kernel[1]);
    expect(h.call("get_stack", 0, h.at(0), 16, StackIdFlags.USER_STACK)).toBe(16n);
    expect(h.mem.readU64(h.at(8))).toBe(stacks.user[1]);
    expect(h.call("get_stack", 0, h.at(0), 12, 0)).toBe(BigInt(-Errno.EINVAL));
    expect(h.call("get_stack", 0, h.at(0), 16, 4)).toBe(BigInt(-Errno.EFAULT));
    expect(h.call("get_stack", 0, h.at(0), 32, StackIdFlags.USER_BUILD_ID)).toBe(BigInt(-Errno.EINVAL));
  });
  it("get_stackid gives one id per distinct stack", () => {
    const h = new HelperHarness(MAPS, { stacks });
    const k = h.call("get_stackid", 0, h.map("st"), 0);
    expect(k >= 0n).toBe(true);
    expect(h.call("get_stackid", 0, h.map("st"), 0)).toBe(k);
    const u = h.call("get_stackid", 0, h.map("st"), StackIdFlags.USER_STACK);
    expect(u >= 0n).toBe(true);
    expect(h.call("get_stackid", 0, h.map("st"), 3)).toBe(BigInt(-Errno.EFAULT));
  });
});

describe("csum_diff", () => {
  // an IPv4 header with a correct checksum: its ones' complement sum is 0xffff
  const header = Uint8Array.from([
    0x45, 0, 0, 0x73, 0, 0, 0x40, 0, 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0, 1, 0xc0, 0xa8, 0, 0xc7,
  ]);
  it("sums a valid IPv4 header to 0xffff", () => {
    expect(csumDiff(new Uint8Array(0), header, 0)).toBe(0xffff);
  });
  it("the diff of a changed address updates the checksum like a recomputation", () => {
    const h = new HelperHarness();
    const from = h.put(0, [0xc0, 0xa8, 0, 1]);
    const to = h.put(8, [10, 0, 0, 1]);
    const diff = Number(h.call("csum_diff", from, 4, to, 4, 0));
    const changed = header.slice();
    changed.set([10, 0, 0, 1], 12);
    // recompute: zero the checksum, sum, complement
    const z = changed.slice();
    z[10] = z[11] = 0;
    const fresh = ~csumDiff(new Uint8Array(0), z, 0) & 0xffff;
    const old = new DataView(header.buffer).getUint16(10, true);
    expect(csumReplaceByDiff(old, diff)).toBe(fresh);
  });
  it.each([
    ["sizes not multiples of 4", 3, 4, BigInt(-Errno.EINVAL)],
    ["more than 512 bytes", 260, 256, BigInt(-Errno.EINVAL)],
  ])("%s → -EINVAL", (_w, fs, ts, expected) => {
    const h = new HelperHarness();
    expect(h.call("csum_diff", h.at(0), fs, h.at(0), ts, 0)).toBe(expected);
  });
});
