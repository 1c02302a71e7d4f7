import type { BpfMap } from "../maps/types.js";
import { Errno } from "../uapi/bpf.js";
import { define, type HelperEntries } from "./define.js";
import type { KernelState } from "./kernel.js";
import { mapArg, mapValuePointer } from "./map-values.js";

/** BPF_MAX_LOOPS */
export const MAX_LOOPS = 1 << 23;

/** Maps bpf_for_each_map_elem walks (kernel: map ops with map_for_each_callback). */
function iterable(map: BpfMap): boolean {
  return map.keySize > 0 && map.valueSize > 0 && map.lookup !== undefined;
}

/**
 * bpf_loop(nr, callback, ctx, flags) and bpf_for_each_map_elem(map, callback, ctx, flags): the
 * callback returns 0 to go on and 1 to stop; both return the number of calls made (bpf_loop:
 * flags → -EINVAL, nr > BPF_MAX_LOOPS → -E2BIG).
 */
export function loopHelpers(kernel: KernelState): HelperEntries {
  const h: HelperEntries = new Map();
  define(h, "loop", (ctx, nr, fn, cbCtx, flags) => {
    if (flags !== 0n) return -Errno.EINVAL;
    if (BigInt.asUintN(32, nr) > BigInt(MAX_LOOPS)) return -Errno.E2BIG;
    const n = Number(BigInt.asUintN(32, nr));
    // the callback runs in a new frame (HelperContext.callFunction), as the kernel calls it
    for (let i = 0; i < n; i++) {
      if (ctx.callFunction(fn, [BigInt(i), cbCtx]) !== 0n) return i + 1;
    }
    return n;
  });
  define(h, "for_each_map_elem", (ctx, m, fn, cbCtx, flags) => {
    const map = mapArg(kernel, ctx.mem, m);
    if (flags !== 0n) return -Errno.EINVAL;
    if (!iterable(map)) return -Errno.EINVAL;
    // one read-only key region, refilled per element (the kernel passes a pointer to the key)
    const keyBuf = new Uint8Array(map.keySize);
    const keyPtr = ctx.mem
      .add(keyBuf, { kind: "map_value", name: `${map.name} key`, writable: false })
      .address(0);
    const keys = [...map.keys()].map((k) => k.slice());
    let calls = 0;
    for (const key of keys) {
      const view = map.lookup(key, kernel.env.cpu);
      if (!view) continue; // deleted by an earlier callback
      keyBuf.set(key);
      calls++;
      if (ctx.callFunction(fn, [m, keyPtr, mapValuePointer(ctx.mem, map, view), cbCtx]) !== 0n) break;
    }
    return calls;
  });
  return h;
}
