import { afterAll, describe, expect, it } from "vitest";
import { lddw, type Instruction } from "../../runtime/isa/index.js";
import {
  KernelMap,
  KernelProgram,
  kernelAvailability,
  listIds,
  progLoad,
  readU64,
  testRunSocketFilter,
  testRunXdp,
  u32Bytes,
  type KernelResult,
} from "../../runtime/kernel/index.js";
import { MapType, ProgType, XdpAction } from "../../runtime/uapi/bpf.js";
import {
  BPF_FUNC,
  add64,
  atomicAdd64,
  call,
  exit,
  jeq,
  ldMap,
  ldxb,
  ldxdw,
  ldxw,
  mov64,
  mov64Reg,
  stw,
} from "./asm.js";

const avail = kernelAvailability();
if (!avail.ok) console.warn(`skipping kernel program tests: ${avail.reason}`);

function must<T>(r: KernelResult<T>): T {
  if (!r.ok) throw new Error(`${r.message}${r.log ? `\n${r.log}` : ""}`);
  return r.value;
}

/** A 64-byte Ethernet frame with a recognisable payload. */
const packet = Uint8Array.from({ length: 64 }, (_, i) => i);

describe.skipIf(!avail.ok)("kernel programs", () => {
  const open: Array<{ close(): unknown }> = [];
  afterAll(() => open.forEach((o) => o.close()));

  // Socket filters run on an skb whose MAC header the kernel zeroes before copying data out
  // (net/bpf/test_run.c, bpf_prog_test_run_skb: memset of the pushed hh_len bytes when !is_l2).
  const l2Zeroed = Uint8Array.from(packet, (b, i) => (i < 14 ? 0 : b));
  it.each([
    { type: "XDP", run: testRunXdp, imm: 42, retval: 42, out: packet },
    { type: "SOCKET_FILTER", run: testRunSocketFilter, imm: 42, retval: 42, out: l2Zeroed },
    { type: "SOCKET_FILTER", run: testRunSocketFilter, imm: -1, retval: 0xffffffff, out: l2Zeroed },
  ])("$type: r0 = $imm; exit → retval $retval", ({ run, imm, retval, out }) => {
    const r = must(run([mov64(0, imm), exit()], packet));
    expect(r.retval).toBe(retval);
    expect([...r.packet]).toEqual([...out]);
  });

  it("retval is the low 32 bits of a 64-bit r0", () => {
    const r = must(testRunSocketFilter([lddw(0, 0x7_0000_0005n), exit()], packet));
    expect(r.retval).toBe(5);
  });

  it("XDP writes to the packet show in the data out", () => {
    // r2 = ctx->data; r3 = ctx->data_end; if (r2 + 8 > r3) return DROP; *(u32 *)(r2 + 4) = 0x11223344
    const prog: Instruction[] = [
      ldxw(2, 1, 0),
      ldxw(3, 1, 4),
      mov64Reg(4, 2),
      add64(4, 8),
      { ...jeq(0, 0, 0), opcode: 0x2d, dst: 4, src: 3, off: 3 }, // if r4 > r3 goto +3
      stw(2, 4, 0x11223344),
      mov64(0, XdpAction.TX),
      exit(),
      mov64(0, XdpAction.DROP),
      exit(),
    ];
    const r = must(testRunXdp(prog, packet));
    expect(r.retval).toBe(XdpAction.TX);
    const expected = packet.slice();
    new DataView(expected.buffer).setUint32(4, 0x11223344, true);
    expect([...r.packet]).toEqual([...expected]);
  });

  it("a rejected program returns the verifier log, at log level 0 too", () => {
    for (const logLevel of [0, 1, 2]) {
      const r = progLoad({ type: ProgType.SOCKET_FILTER, instructions: [exit()], logLevel });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.name).toBe("EACCES");
      expect(r.log).toContain("R0 !read_ok");
      expect(r.message).toContain("R0 !read_ok");
    }
  });

  it("a packet read without a bounds check is refused with the reason in the log", () => {
    const r = progLoad({ type: ProgType.XDP, instructions: [ldxw(2, 1, 0), ldxb(0, 2, 0), exit()] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.log).toMatch(/invalid access to packet/);
  });

  it("the log buffer grows until the whole level-2 log fits", () => {
    const body: Instruction[] = [];
    for (let i = 0; i < 200; i++) body.push(add64(0, 1));
    const p = must(
      KernelProgram.load({
        type: ProgType.SOCKET_FILTER,
        instructions: [mov64(0, 0), ...body, exit()],
        logLevel: 2,
        logSize: 128,
      }),
    );
    open.push(p);
    expect(p.log.length).toBeGreaterThan(128);
    expect(p.log).toMatch(/processed 202 insns/);
  });

  it("a program that uses a map: lookup + atomic increment, run by test_run, read back", () => {
    const counts = must(
      KernelMap.create({ type: MapType.ARRAY, keySize: 4, valueSize: 8, maxEntries: 2, name: "t_counts" }),
    );
    open.push(counts);
    // key = 1 on the stack; v = lookup(&counts, &key); if (!v) return 0; *v += 1 (atomic); return *v
    const prog: Instruction[] = [
      stw(10, -4, 1),
      mov64Reg(2, 10),
      add64(2, -4),
      ldMap(1, "counts"),
      call(BPF_FUNC.map_lookup_elem),
      jeq(0, 0, 4),
      mov64(1, 1),
      atomicAdd64(0, 1, 0),
      ldxdw(0, 0, 0),
      exit(),
      mov64(0, 0),
      exit(),
    ];
    const first = must(testRunXdp(prog, packet, { maps: { counts } }));
    expect(first.retval).toBe(1);
    const repeated = must(testRunXdp(prog, packet, { maps: { counts }, repeat: 9 }));
    expect(repeated.retval).toBe(10);
    expect(readU64(must(counts.lookup(u32Bytes(1)))!)).toBe(10n);
    expect(readU64(must(counts.lookup(u32Bytes(0)))!)).toBe(0n);
  });

  it("program info: type, name, tag, map ids and verified instructions", () => {
    const map = must(
      KernelMap.create({ type: MapType.ARRAY, keySize: 4, valueSize: 8, maxEntries: 1, name: "t_info_map" }),
    );
    open.push(map);
    const prog: Instruction[] = [
      stw(10, -4, 0),
      mov64Reg(2, 10),
      add64(2, -4),
      ldMap(1, "m"),
      call(BPF_FUNC.map_lookup_elem),
      mov64(0, 0),
      exit(),
    ];
    const p = must(
      KernelProgram.load({
        type: ProgType.SOCKET_FILTER,
        name: "t_info_prog",
        instructions: prog.map((i) => (i.meta?.reloc ? { ...i, imm: map.fd } : i)),
      }),
    );
    open.push(p);
    const info = must(p.info());
    expect(info.type).toBe(ProgType.SOCKET_FILTER);
    expect(info.name).toBe("t_info_prog");
    expect(info.tag).toMatch(/^[0-9a-f]{16}$/);
    expect(info.mapIds).toEqual([must(map.info()).id]);
    expect(info.verifiedInsns).toBeGreaterThan(0);
    expect(info.xlatedLength).toBeGreaterThan(0);
    expect(must(listIds("prog"))).toContain(info.id);
  });
});
