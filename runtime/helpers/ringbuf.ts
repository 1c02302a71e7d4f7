import { RingBufMap } from "../maps/ringbuf-map.js";
import type { BpfMap } from "../maps/types.js";
import { Errno } from "../uapi/bpf.js";
import type { Memory } from "../vm/memory.js";
import { splitAddress } from "../vm/address.js";
import { badArgument, define, smallArg, type HelperEntries } from "./define.js";
import type { KernelState } from "./kernel.js";
import { mapArg } from "./map-values.js";

function ringbuf(kernel: KernelState, mem: Memory, addr: bigint): RingBufMap {
  const map: BpfMap = mapArg(kernel, mem, addr);
  if (!(map instanceof RingBufMap)) badArgument(`map '${map.name}' is not a ring buffer`);
  return map;
}

/**
 * bpf_ringbuf_output / reserve / submit / discard / query over runtime/maps' RingBufMap.
 * A reserved record is a `ringbuf_record` region over the live bytes in the ring; submit and
 * discard release it, so a later access through the old pointer faults (the verifier's
 * "use after release"), and a second submit of it is refused as the verifier would.
 */
export function ringbufHelpers(kernel: KernelState): HelperEntries {
  const h: HelperEntries = new Map();
  define(h, "ringbuf_output", (ctx, m, data, size, flags) => {
    const rb = ringbuf(kernel, ctx.mem, m);
    const n = smallArg(size);
    if (n < 0) return -Errno.EINVAL;
    return rb.output(ctx.mem.read(data, n), flags);
  });
  define(h, "ringbuf_reserve", (ctx, m, size, flags) => {
    const rb = ringbuf(kernel, ctx.mem, m);
    const n = smallArg(size, 0x3fff_ffff);
    if (n < 0) return 0n;
    const view = rb.reserve(n, flags);
    if (!view) return 0n;
    const region = ctx.mem.add(view, { kind: "ringbuf_record", name: `${rb.name} record` });
    kernel.records.set(region, { map: rb, view });
    return region.address(0);
  });
  const commit = (discard: boolean) => (ctx: { mem: Memory }, rec: bigint, flags: bigint) => {
    const region = ctx.mem.regionAt(rec);
    const entry = region ? kernel.records.get(region) : undefined;
    if (!region || !entry || splitAddress(rec).offset !== 0) {
      badArgument(
        `${ctx.mem.describe(rec)} is not a record returned by bpf_ringbuf_reserve (or it was already submitted)`,
      );
    }
    kernel.records.delete(region);
    ctx.mem.release(region);
    const rb = entry.map as RingBufMap;
    // void helpers in the kernel; the map's -EINVAL cannot happen for a record it handed out
    if (discard) rb.discard(entry.view, flags);
    else rb.submit(entry.view, flags);
    return 0;
  };
  define(h, "ringbuf_submit", commit(false));
  define(h, "ringbuf_discard", commit(true));
  define(h, "ringbuf_query", (ctx, m, flags) => ringbuf(kernel, ctx.mem, m).query(flags));
  return h;
}
