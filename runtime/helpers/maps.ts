import { BloomFilterMap } from "../maps/bloom-filter-map.js";
import { QueueStackMap } from "../maps/queue-stack-map.js";
import type { BpfMap } from "../maps/types.js";
import { Errno } from "../uapi/bpf.js";
import { badArgument, define, type HelperEntries } from "./define.js";
import type { KernelState } from "./kernel.js";
import { mapArg, mapValuePointer } from "./map-values.js";

/** Maps with push/pop/peek (kernel: queue_stack_maps.c, bloom_filter.c). */
type PushPopMap = QueueStackMap | BloomFilterMap;

function pushPop(map: BpfMap): PushPopMap {
  if (map instanceof QueueStackMap || map instanceof BloomFilterMap) return map;
  return badArgument(
    `map '${map.name}' has no push/pop/peek (the verifier allows them on queue, stack and bloom filter maps)`,
  );
}

/**
 * bpf_map_lookup_elem / update / delete / push / pop / peek / lookup_percpu_elem, with the maps'
 * kernel semantics (runtime/maps). A lookup returns a pointer to the live value (NULL = 0) that
 * stays valid for the run; per-CPU maps use the environment's CPU.
 */
export function mapHelpers(kernel: KernelState): HelperEntries {
  const h: HelperEntries = new Map();
  define(h, "map_lookup_elem", (ctx, m, key) => {
    const map = mapArg(kernel, ctx.mem, m);
    const view = map.lookup(ctx.mem.read(key, map.keySize), kernel.env.cpu);
    return view ? mapValuePointer(ctx.mem, map, view) : 0n;
  });
  define(h, "map_lookup_percpu_elem", (ctx, m, key, cpu) => {
    const map = mapArg(kernel, ctx.mem, m);
    if (!map.perCpu) return 0n; // kernel: percpu maps only (verifier); others give NULL here
    const c = cpu >= BigInt(map.cpus) ? -1 : Number(cpu);
    if (c < 0) return 0n; // bpf_map_lookup_percpu_elem: cpu >= nr_cpu_ids → NULL
    const view = map.lookup(ctx.mem.read(key, map.keySize), c);
    return view ? mapValuePointer(ctx.mem, map, view) : 0n;
  });
  define(h, "map_update_elem", (ctx, m, key, value, flags) => {
    const map = mapArg(kernel, ctx.mem, m);
    return map.update(
      ctx.mem.read(key, map.keySize),
      ctx.mem.read(value, map.valueSize),
      flags,
      kernel.env.cpu,
    );
  });
  define(h, "map_delete_elem", (ctx, m, key) => {
    const map = mapArg(kernel, ctx.mem, m);
    return map.delete(ctx.mem.read(key, map.keySize));
  });
  define(h, "map_push_elem", (ctx, m, value, flags) => {
    const map = pushPop(mapArg(kernel, ctx.mem, m));
    return map.push(ctx.mem.read(value, map.valueSize), flags);
  });
  define(h, "map_pop_elem", (ctx, m, out) => {
    const map = pushPop(mapArg(kernel, ctx.mem, m));
    if (map instanceof BloomFilterMap) return -Errno.EOPNOTSUPP; // bloom_map_pop_elem
    return map.pop(ctx.mem.view(out, map.valueSize, true));
  });
  define(h, "map_peek_elem", (ctx, m, out) => {
    const map = pushPop(mapArg(kernel, ctx.mem, m));
    // bloom filters take the value to test in the same argument (ARG_PTR_TO_MAP_VALUE)
    if (map instanceof BloomFilterMap) return map.peek(ctx.mem.read(out, map.valueSize));
    return map.peek(ctx.mem.view(out, map.valueSize, true));
  });
  return h;
}
