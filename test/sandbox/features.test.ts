import { describe, expect, it } from "vitest";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import { createSandbox } from "../../runtime/sandbox/index.js";
import { u32, u64 } from "../../runtime/layout/index.js";
import { CLANG, compileSource } from "./compile.js";
import { ipv4Frame } from "./packets.js";

const SOURCE = `
#include "${import.meta.dirname}/../../examples/c/common.h"
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } arr SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 2); __type(key, __u32); __array(values, int (void *)); } jumps SEC(".maps");
__u64 counter = 0;
const volatile __u32 limit = 5;

static long add_index(__u32 i, void *ctx) { *(__u64 *)ctx += i; return i + 1 >= limit; }
static long sum_elem(void *map, __u32 *key, __u64 *val, void *ctx) { *(__u64 *)ctx += *val * (*key + 1); return 0; }

SEC("xdp") int loops(struct xdp_md *ctx) {
  __u64 acc = 0;
  long n = bpf_loop(100, add_index, &acc, 0);
  __u64 s = 0;
  long m = bpf_for_each_map_elem(&arr, sum_elem, &s, 0);
  counter += acc;
  bpf_printk("n=%ld acc=%llu", n, acc);
  bpf_printk("m=%ld s=%llu", m, s);
  return n == 5 && m == 4 ? acc + s : 0;
}

SEC("xdp") int strip_eth(struct xdp_md *ctx) {
  if (bpf_xdp_adjust_head(ctx, 14)) return XDP_ABORTED;
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  if (data + 1 > end) return XDP_ABORTED;
  return *(__u8 *)data == 0x45 ? XDP_PASS : XDP_DROP;
}

SEC("xdp") int second(struct xdp_md *ctx) { return 77; }
SEC("xdp") int first(struct xdp_md *ctx) {
  bpf_tail_call(ctx, &jumps, 0);
  bpf_tail_call(ctx, &jumps, 1);
  return 1;
}
SEC("tracepoint/syscalls/sys_enter_getpid") int when(void *ctx) { return bpf_ktime_get_ns() & 0xffff; }
struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 1); __type(key, __u32); __array(values, int (void *)); } init SEC(".maps") = { .values = { [0] = (void *)&second } };
SEC("xdp") int first_init(struct xdp_md *ctx) { bpf_tail_call(ctx, &init, 0); return 1; }
char LICENSE[] SEC("license") = "GPL";
`;

describe.skipIf(!CLANG)("sandbox features with clang-built programs", () => {
  const spec = CLANG ? compileSource("features", SOURCE) : undefined;
  const packet = ipv4Frame({ proto: 17, saddr: [1, 1, 1, 1], daddr: [2, 2, 2, 2] });

  it("bpf_loop and bpf_for_each_map_elem run their callbacks; globals are shared with JS; printk is collected", () => {
    const sb = unwrap(createSandbox(spec!));
    const arr = unwrap(sb.typed<number, bigint>("arr", u32, u64));
    [1n, 2n, 3n, 4n].forEach((v, i) => arr.set(i, v));
    const r = sb.run("loops", { packet });
    expect(r.fault).toBeUndefined();
    // acc = 0+1+2+3+4 (stops when i+1 >= limit 5); s = 1*1 + 2*2 + 3*3 + 4*4
    expect(r.ret).toBe(10 + 30);
    expect(r.printk.map((l) => l.text)).toEqual(["n=5 acc=10", "m=4 s=30"]);
    const bss = sb.globals.get(".bss")!;
    expect(new DataView(bss.buffer).getBigUint64(0, true)).toBe(10n);
    sb.run("loops", { packet });
    expect(new DataView(bss.buffer).getBigUint64(0, true)).toBe(20n);
    // .rodata set from JS before the run, as a skeleton's rodata
    const rodata = spec!.data.find((d) => d.variables.some((v) => v.name === "limit"))!;
    const limit = rodata.variables.find((v) => v.name === "limit")!;
    new DataView(sb.globals.get(rodata.name)!.buffer).setUint32(limit.offset, 3, true);
    expect(sb.run("loops", { packet }).ret).toBe(0); // n == 3 now
  });

  it("bpf_xdp_adjust_head moves data; the output packet is what remains", () => {
    const sb = unwrap(createSandbox(spec!));
    const r = sb.run("strip_eth", { packet });
    expect(r.ret).toBe(2);
    expect(r.packet).toEqual(packet.subarray(14));
  });

  it("tail calls go through the program array (filled from JS by program id, or by the object)", () => {
    const sb = unwrap(createSandbox(spec!));
    expect(sb.run("first", { packet }).ret).toBe(1); // empty slots fall through
    const jumps = sb.map("jumps")!;
    const id = sb.programs.indexOf("second") + 1;
    expect(jumps.update(new Uint8Array(4), new Uint8Array(new Uint32Array([id]).buffer))).toBe(0);
    expect(sb.run("first", { packet }).ret).toBe(77);
    expect(sb.run("first_init", { packet }).ret).toBe(77);
  });

  it("helpers can be replaced by JavaScript functions; environment per run", () => {
    const sb = unwrap(createSandbox(spec!, { helpers: { ktime_get_ns: () => 0x1234n } }));
    expect(sb.run("when", { fields: {} }).ret).toBe(0x1234);
    const plain = unwrap(createSandbox(spec!));
    expect(plain.run("when", { fields: {} }, { now: 0xabcdn }).ret).toBe(0xabcd);
    expect(createSandbox(spec!, { helpers: { no_such_helper: () => 0 } }).ok).toBe(false);
  });

  it("faults and bad input are values", () => {
    const sb = unwrap(createSandbox(spec!));
    expect(sb.run("nope").fault?.message).toMatch(/no program named nope/);
    expect(sb.run("strip_eth", {} as never).fault?.message).toMatch(/XDP program: pass \{ packet \}/);
  });
});
