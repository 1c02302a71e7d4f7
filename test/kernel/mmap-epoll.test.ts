import { describe, expect, it } from "vitest";
import { Cls, Mode, Size, insn, type Instruction } from "../../runtime/isa/index.js";
import {
  Epoll,
  EpollEvents,
  KernelMap,
  Mmap,
  kernelAvailability,
  mmapFd,
  pageSize,
  readU32,
  readU64,
  testRunSocketFilter,
  u32Bytes,
  u64Bytes,
  type KernelResult,
} from "../../runtime/kernel/index.js";
import { MapFlags, MapType } from "../../runtime/uapi/bpf.js";
import { BPF_FUNC, add64, atomicAdd64, call, exit, jeq, ldMap, mov64, mov64Reg, stw } from "./asm.js";

const avail = kernelAvailability();
if (!avail.ok) console.warn(`skipping mmap/epoll tests: ${avail.reason}`);

function must<T>(r: KernelResult<T>): T {
  if (!r.ok) throw new Error(`${r.message}${r.log ? `\n${r.log}` : ""}`);
  return r.value;
}

const packet = new Uint8Array(64);
const BPF_FUNC_ringbuf_output = 130;

describe.skipIf(!avail.ok)("mmap and epoll on bpf objects", () => {
  it("an MMAPABLE array map: program writes show in the mapping, mapping writes in lookups", () => {
    const map = must(
      KernelMap.create({
        type: MapType.ARRAY,
        keySize: 4,
        valueSize: 8,
        maxEntries: 4,
        flags: MapFlags.MMAPABLE,
        name: "t_mmap",
      }),
    );
    const region = must(mmapFd(map.fd, pageSize(), Mmap.PROT_READ | Mmap.PROT_WRITE));
    try {
      // counts[2] += 5 through the kernel
      const prog: Instruction[] = [
        stw(10, -4, 2),
        mov64Reg(2, 10),
        add64(2, -4),
        ldMap(1, "m"),
        call(BPF_FUNC.map_lookup_elem),
        jeq(0, 0, 2),
        mov64(1, 5),
        atomicAdd64(0, 1, 0),
        mov64(0, 0),
        exit(),
      ];
      must(testRunSocketFilter(prog, packet, { maps: { m: map } }));
      expect(readU64(region.bytes, 2 * 8)).toBe(5n);
      region.bytes.set(u64Bytes(77n), 3 * 8);
      expect(readU64(must(map.lookup(u32Bytes(3)))!)).toBe(77n);
    } finally {
      must(region.unmap());
      map.close();
    }
  });

  it("mmap of a map that is not MMAPABLE is an errno value", () => {
    const map = must(KernelMap.create({ type: MapType.ARRAY, keySize: 4, valueSize: 8, maxEntries: 4 }));
    const r = mmapFd(map.fd, pageSize(), Mmap.PROT_READ);
    map.close();
    expect(r.ok ? "ok" : r.name).toBe("EINVAL");
  });

  it("a ring buffer becomes readable in epoll after a program outputs a record, which mmap reads", () => {
    const size = 4 * pageSize();
    const rb = must(
      KernelMap.create({
        type: MapType.RINGBUF,
        keySize: 0,
        valueSize: 0,
        maxEntries: size,
        name: "t_ringbuf",
      }),
    );
    const ep = must(Epoll.create());
    try {
      must(ep.add(rb.fd, EpollEvents.IN));
      expect(must(ep.wait(0))).toEqual([]);
      // *(u64 *)(fp - 8) = 0x0bad_cafe; bpf_ringbuf_output(&rb, fp - 8, 8, 0)
      const prog: Instruction[] = [
        insn(Cls.ST | Size.DW | Mode.MEM, { dst: 10, off: -8, imm: 0x0badcafe }),
        mov64Reg(2, 10),
        add64(2, -8),
        ldMap(1, "rb"),
        mov64(3, 8),
        mov64(4, 0),
        call(BPF_FUNC_ringbuf_output),
        mov64(0, 0),
        exit(),
      ];
      must(testRunSocketFilter(prog, packet, { maps: { rb } }));
      expect(must(ep.wait(100))).toEqual([{ fd: rb.fd, events: EpollEvents.IN }]);
      // Consumer page at offset 0; producer page then the data (mapped twice) at one page in.
      const consumer = must(mmapFd(rb.fd, pageSize(), Mmap.PROT_READ | Mmap.PROT_WRITE, 0));
      const producer = must(mmapFd(rb.fd, pageSize() + 2 * size, Mmap.PROT_READ, pageSize()));
      try {
        const cons = readU64(consumer.bytes, 0);
        const prod = readU64(producer.bytes, 0);
        expect(prod - cons).toBe(16n); // 8-byte header + 8-byte record
        const at = pageSize() + Number(cons % BigInt(size));
        expect(readU32(producer.bytes, at) & 0x3fffffff).toBe(8); // length without BUSY/DISCARD bits
        expect(readU64(producer.bytes, at + 8)).toBe(0x0badcafen);
      } finally {
        consumer.unmap();
        producer.unmap();
      }
    } finally {
      ep.close();
      rb.close();
    }
  });
});
