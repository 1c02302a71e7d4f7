import { describe, expect, it } from "vitest";
import { createMap, RingBufMap } from "../../runtime/maps/index.js";
import { Errno, MapType, RingbufFlags } from "../../runtime/uapi/bpf.js";
import { make } from "./helpers.js";

const ring = (size = 4096): RingBufMap => make(MapType.RINGBUF, 0, 0, size) as RingBufMap;
const bytes = (n: number, seed: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i) & 0xff);

describe("ring buffer", () => {
  it.each([
    [4096, 0, 0, 0, undefined],
    [65536, 0, 0, 0, undefined],
    [4096 * 3, 0, 0, 0, "-EINVAL"], // not a power of two
    [2048, 0, 0, 0, "-EINVAL"], // not a multiple of the page size
    [0, 0, 0, 0, "-EINVAL"],
    [4096, 4, 0, 0, "-EINVAL"], // key_size must be 0
    [4096, 0, 8, 0, "-EINVAL"], // value_size must be 0
    [4096, 0, 0, 1, "-EINVAL"], // only BPF_F_NUMA_NODE
  ])("create max_entries=%i key=%i value=%i flags=%i → %s", (maxEntries, keySize, valueSize, flags, err) => {
    const r = createMap({ name: "rb", type: MapType.RINGBUF, keySize, valueSize, maxEntries, flags });
    if (err === undefined) expect(r.ok).toBe(true);
    else {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.diagnostics[0]!.code).toBe("TSB0751");
        expect(r.diagnostics[0]!.message).toContain(err);
      }
    }
  });

  it("hands out records with an 8-byte header, 8-byte aligned, delivered after submit", () => {
    const rb = ring();
    const a = rb.reserve(5)!;
    a.set([1, 2, 3, 4, 5]);
    expect(a.byteOffset % 8).toBe(0);
    const hdr = new DataView(rb.data.buffer).getUint32(0, true);
    expect(hdr).toBe((5 | RingbufFlags.BUSY_BIT) >>> 0);
    expect(rb.query(RingbufFlags.PROD_POS)).toBe(16); // round_up(5 + 8, 8)
    expect(rb.drain()).toEqual([]); // still busy
    expect(rb.submit(a)).toBe(0);
    expect(rb.drain()).toEqual([Uint8Array.from([1, 2, 3, 4, 5])]);
    expect(rb.query(RingbufFlags.CONS_POS)).toBe(16);
    expect(rb.query(RingbufFlags.AVAIL_DATA)).toBe(0);
    expect(rb.query(RingbufFlags.RING_SIZE)).toBe(4096);
    expect(rb.query(99)).toBe(0);
  });

  it("reserve refuses flags, oversize records and the last 8 bytes of the ring", () => {
    const rb = ring();
    expect(rb.reserve(8, 1)).toBeUndefined();
    expect(rb.reserve(4096)).toBeUndefined(); // len 4104 > ring
    expect(rb.reserve(4096 - 8)).toBeUndefined(); // would put the producer a whole ring ahead
    const big = rb.reserve(4096 - 16)!; // 4088 bytes in use: allowed
    expect(big.length).toBe(4080);
    expect(rb.reserve(0)).toBeUndefined(); // 8 more would reach 4096
    rb.submit(big);
    rb.drain();
    expect(rb.reserve(0)).toBeDefined();
  });

  it("a reserved record holds back the consumer; discarded records are skipped", () => {
    const rb = ring();
    const a = rb.reserve(4)!;
    const b = rb.reserve(4)!;
    const c = rb.reserve(4)!;
    b.set([2, 2, 2, 2]);
    c.set([3, 3, 3, 3]);
    rb.submit(b);
    rb.submit(c);
    expect(rb.drain()).toEqual([]); // a is still busy (libbpf stops at a BUSY header)
    expect(rb.discard(a)).toBe(0);
    expect(rb.drain()).toEqual([Uint8Array.of(2, 2, 2, 2), Uint8Array.of(3, 3, 3, 3)]);
    expect(rb.consumerPos).toBe(rb.producerPos);
    expect(rb.submit(a)).toBe(-Errno.EINVAL); // not reserved any more
  });

  it("output copies a record, -EINVAL for unknown flags and -EAGAIN when full", () => {
    const rb = ring();
    expect(rb.output(bytes(10, 1), 4)).toBe(-Errno.EINVAL);
    expect(rb.output(bytes(10, 1), RingbufFlags.NO_WAKEUP)).toBe(0);
    expect(rb.output(bytes(4000, 2))).toBe(0);
    expect(rb.output(bytes(100, 3))).toBe(-Errno.EAGAIN);
    expect(rb.drain()).toEqual([bytes(10, 1), bytes(4000, 2)]);
  });

  it("wakes the consumer when it has caught up, unless told not to, or when forced", () => {
    const rb = ring();
    rb.output(bytes(8, 0)); // consumer at this record → wakeup
    expect(rb.wakeups).toBe(1);
    rb.output(bytes(8, 0)); // consumer still behind the first record → no wakeup
    expect(rb.wakeups).toBe(1);
    rb.output(bytes(8, 0), RingbufFlags.FORCE_WAKEUP);
    expect(rb.wakeups).toBe(2);
    rb.drain();
    rb.output(bytes(8, 0), RingbufFlags.NO_WAKEUP);
    expect(rb.wakeups).toBe(2);
    const r = rb.reserve(8)!;
    const s = rb.reserve(8)!;
    rb.submit(s, 0);
    expect(rb.wakeups).toBe(2); // the consumer waits at the NO_WAKEUP record, not at s
    rb.drain(); // consumes it and stops at r, still busy
    rb.submit(r);
    expect(rb.wakeups).toBe(3); // the consumer is waiting at r
  });

  it("keeps records whole across many wraparounds, in order", () => {
    const rb = ring(4096);
    let seed = 0;
    let expected: Uint8Array[] = [];
    let crossed = 0;
    for (let round = 0; round < 400; round++) {
      const n = 1 + ((round * 397) % 700);
      const rec = rb.reserve(n);
      if (!rec) {
        expect(rb.drain()).toEqual(expected);
        expected = [];
        round--;
        continue;
      }
      const off = rec.byteOffset - 8;
      if (off + 8 + n > 4096) crossed++;
      rec.set(bytes(n, seed));
      expected.push(bytes(n, seed++));
      if (round % 3 === 0) (rb.discard(rec), expected.pop());
      else rb.submit(rec);
    }
    expect(rb.drain()).toEqual(expected);
    expect(crossed).toBeGreaterThan(5);
    expect(rb.producerPos).toBeGreaterThan(20 * 4096);
  });

  it("consume stops on a negative callback result and returns it", () => {
    const rb = ring();
    rb.output(bytes(3, 1));
    rb.output(bytes(3, 2));
    expect(rb.consume(() => -7)).toBe(-7);
    expect(rb.drain()).toEqual([bytes(3, 2)]);
  });

  it("answers key/value operations as the kernel's ring buffer map does", () => {
    const rb = ring();
    expect(rb.lookup(new Uint8Array(0))).toBeUndefined();
    expect(rb.update(new Uint8Array(0), new Uint8Array(0))).toBe(-Errno.ENOTSUPP);
    expect(rb.delete(new Uint8Array(0))).toBe(-Errno.ENOTSUPP);
    expect(rb.getNextKey()).toBeUndefined();
  });
});
