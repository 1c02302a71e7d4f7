import type { HelperDef } from "./helper.js";

/**
 * The helpers of bpf_conformance's uBPF plugin (iovisor/ubpf `ubpf_plugin/test_helpers.h`),
 * ids 0–5, as the conformance README describes them. They are for conformance runs only and
 * are not kernel helpers (on the kernel, id 5 is bpf_ktime_get_ns).
 */
export const conformanceHelpers: ReadonlyMap<number, HelperDef> = new Map<number, HelperDef>([
  [
    0,
    {
      name: "gather_bytes",
      fn: (_c, a, b, c, d, e) =>
        ((a & 0xffn) << 32n) |
        ((b & 0xffn) << 24n) |
        ((c & 0xffn) << 16n) |
        ((d & 0xffn) << 8n) |
        (e & 0xffn),
    },
  ],
  [
    1,
    {
      name: "memfrob",
      fn: (ctx, ptr, len) => {
        const bytes = ctx.mem.view(ptr, Number(len), true);
        for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! ^ 42;
        return 0;
      },
    },
  ],
  [2, { name: "no_op", fn: () => 0 }],
  [
    3,
    {
      name: "sqrti",
      fn: (_c, a) => {
        // floor(sqrt(a)) exactly for every u64: a double estimate, corrected (Math.sqrt alone is off above 2^53)
        if (a < 2n) return a;
        let x = BigInt(Math.floor(Math.sqrt(Number(a))));
        while (x * x > a) x--;
        while ((x + 1n) * (x + 1n) <= a) x++;
        return x;
      },
    },
  ],
  [
    4,
    {
      name: "strcmp_ext",
      fn: (ctx, a, b) => {
        const x = ctx.mem.readCString(a, 1 << 16).bytes;
        const y = ctx.mem.readCString(b, 1 << 16).bytes;
        for (let i = 0; ; i++) {
          const cx = i < x.length ? x[i]! : 0;
          const cy = i < y.length ? y[i]! : 0;
          if (cx !== cy || cx === 0) return cx - cy;
        }
      },
    },
  ],
  [
    5,
    {
      name: "unwind",
      // returns its argument; a 0 result ends the program with r0 = 0 (uBPF's unwind hook)
      fn: (ctx, a) => {
        if (a === 0n) ctx.exit(0n);
        return a;
      },
    },
  ],
]);
