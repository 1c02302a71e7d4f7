import { MapType, type ProgTypeName } from "../uapi/bpf.js";
import { HELPER_IDS, helperName } from "../uapi/helpers.js";

/**
 * Helper prototypes (kernel: struct bpf_func_proto, one per helper in kernel/bpf/helpers.c,
 * kernel/trace/bpf_trace.c and net/core/filter.c) as a declarative table. It depends only on
 * runtime/uapi so the VM and the compiler can import it without the analysis.
 *
 * Only helpers listed here are modelled; the verifier refuses a call to any other helper with a
 * "not modelled yet" diagnostic rather than guessing its contract.
 */

/** Argument kinds (kernel: enum bpf_arg_type). */
export type ArgKind =
  | "anything" // ARG_ANYTHING: any initialised register
  | "dontcare" // ARG_DONTCARE: not checked at all (trace_printk's variadic arguments)
  | "ctx" // ARG_PTR_TO_CTX: the unmodified context pointer
  | "map_ptr" // ARG_CONST_MAP_PTR
  | "map_key" // ARG_PTR_TO_MAP_KEY: key_size readable bytes
  | "map_value" // ARG_PTR_TO_MAP_VALUE: value_size readable bytes
  | "mem_in" // ARG_PTR_TO_MEM | MEM_RDONLY: the helper reads; size in the next argument
  | "mem_out" // ARG_PTR_TO_UNINIT_MEM: the helper writes; size in the next argument
  | "size" // ARG_CONST_SIZE: bounded, non-zero
  | "size_or_zero" // ARG_CONST_SIZE_OR_ZERO
  | "alloc_size_or_zero" // ARG_CONST_ALLOC_SIZE_OR_ZERO: a known constant
  | "ringbuf_mem_release" // ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE
  | "func" // ARG_PTR_TO_FUNC: a callback (lddw of a static function)
  | "stack_or_null"; // ARG_PTR_TO_STACK_OR_NULL

/** Return kinds (kernel: enum bpf_return_type). */
export type RetKind =
  | "integer" // RET_INTEGER: unknown scalar
  | "void" // RET_VOID: r0 is not readable afterwards
  | "map_value_or_null" // RET_PTR_TO_MAP_VALUE_OR_NULL (value_size of the map argument)
  | "ringbuf_mem_or_null"; // RET_PTR_TO_MEM | MEM_RINGBUF | PTR_MAYBE_NULL, acquired (size = arg 2)

export interface HelperProto {
  readonly id: number;
  /** Name without `bpf_` (uapi spelling). */
  readonly name: string;
  readonly args: readonly ArgKind[];
  readonly ret: RetKind;
  /** Program types whose get_func_proto returns this helper (only the modelled ones are listed). */
  readonly progTypes: readonly ProgTypeName[];
  /** Map types its map_ptr argument accepts (kernel: check_map_func_compatibility). */
  readonly mapTypes?: readonly number[];
  /** Invalidates packet pointers (kernel: bpf_helper_changes_pkt_data). */
  readonly changesPktData?: boolean;
  /** Only GPL-compatible programs may call it (kernel: bpf_func_proto.gpl_only). */
  readonly gplOnly?: boolean;
  /**
   * Calls its `func` argument R1-bounded times with (index, ctx) and expects 0 or 1 back
   * (kernel: set_loop_callback_state).
   */
  readonly loopCallback?: boolean;
}

/** Program types tsbpf's verifier models (context tables, helper sets). */
export const MODELLED_PROG_TYPES: readonly ProgTypeName[] = [
  "SOCKET_FILTER",
  "XDP",
  "TRACEPOINT",
  "RAW_TRACEPOINT",
  "KPROBE",
  "SCHED_CLS",
  "CGROUP_SKB",
  "PERF_EVENT",
];

/**
 * Program types checked only as far as their return value: context accesses and helper calls in
 * them are refused as not modelled (TSB4099), so `return 0`-style programs are verified exactly.
 */
export const MINIMAL_PROG_TYPES: readonly ProgTypeName[] = [
  "SYSCALL",
  "SK_LOOKUP",
  "FLOW_DISSECTOR",
  "SOCK_OPS",
  "CGROUP_DEVICE",
  "TRACING",
];

const ALL = MODELLED_PROG_TYPES;
/** kernel: bpf_tracing_func_proto users. */
const TRACING: readonly ProgTypeName[] = ["TRACEPOINT", "RAW_TRACEPOINT", "KPROBE", "PERF_EVENT"];
const SKB: readonly ProgTypeName[] = ["SOCKET_FILTER", "SCHED_CLS", "CGROUP_SKB"];

/** Map types the generic element helpers work on without extra semantics. */
export const PLAIN_MAPS: readonly number[] = [
  MapType.HASH,
  MapType.ARRAY,
  MapType.PERCPU_HASH,
  MapType.PERCPU_ARRAY,
  MapType.LRU_HASH,
  MapType.LRU_PERCPU_HASH,
  MapType.LPM_TRIE,
];

const GPL = { gplOnly: true } as const;

const row = (
  name: string,
  args: readonly ArgKind[],
  ret: RetKind,
  progTypes: readonly ProgTypeName[],
  extra: {
    mapTypes?: readonly number[];
    changesPktData?: boolean;
    gplOnly?: boolean;
    loopCallback?: boolean;
  } = {},
): HelperProto => {
  const id = HELPER_IDS.get(name);
  if (id === undefined) throw new Error(`bug: unknown helper ${name}`);
  return { id, name, args, ret, progTypes, ...extra };
};

export const HELPER_PROTOS: readonly HelperProto[] = [
  // kernel/bpf/helpers.c (bpf_base_func_proto)
  row("map_lookup_elem", ["map_ptr", "map_key"], "map_value_or_null", ALL, { mapTypes: PLAIN_MAPS }),
  row("map_update_elem", ["map_ptr", "map_key", "map_value", "anything"], "integer", ALL, {
    mapTypes: PLAIN_MAPS,
  }),
  row("map_delete_elem", ["map_ptr", "map_key"], "integer", ALL, { mapTypes: PLAIN_MAPS }),
  row("ktime_get_ns", [], "integer", ALL),
  row("ktime_get_boot_ns", [], "integer", ALL),
  row("get_prandom_u32", [], "integer", ALL),
  row("get_smp_processor_id", [], "integer", ALL),
  row("get_numa_node_id", [], "integer", ALL),
  row("trace_printk", ["mem_in", "size", "dontcare", "dontcare", "dontcare"], "integer", ALL, GPL),
  row("tail_call", ["ctx", "map_ptr", "anything"], "integer", ALL, { mapTypes: [MapType.PROG_ARRAY] }),
  row("ringbuf_output", ["map_ptr", "mem_in", "size_or_zero", "anything"], "integer", ALL, {
    mapTypes: [MapType.RINGBUF],
  }),
  row("ringbuf_reserve", ["map_ptr", "alloc_size_or_zero", "anything"], "ringbuf_mem_or_null", ALL, {
    mapTypes: [MapType.RINGBUF],
  }),
  row("ringbuf_submit", ["ringbuf_mem_release", "anything"], "void", ALL),
  row("ringbuf_discard", ["ringbuf_mem_release", "anything"], "void", ALL),
  row("ringbuf_query", ["map_ptr", "anything"], "integer", ALL, { mapTypes: [MapType.RINGBUF] }),
  row("loop", ["anything", "func", "stack_or_null", "anything"], "integer", ALL, { loopCallback: true }),
  // bpf_base_func_proto in 6.18 offers these to every type (confirmed against the live kernel)
  row("get_current_pid_tgid", [], "integer", ALL),
  row("get_current_uid_gid", [], "integer", ALL),
  row("get_current_comm", ["mem_out", "size"], "integer", ALL),
  row("get_current_task", [], "integer", ALL, GPL),
  row("get_current_cgroup_id", [], "integer", ALL),
  row("probe_read", ["mem_out", "size_or_zero", "anything"], "integer", TRACING, GPL),
  row("probe_read_str", ["mem_out", "size_or_zero", "anything"], "integer", TRACING, GPL),
  row("probe_read_user", ["mem_out", "size_or_zero", "anything"], "integer", ALL, GPL),
  row("probe_read_kernel", ["mem_out", "size_or_zero", "anything"], "integer", ALL, GPL),
  row("probe_read_user_str", ["mem_out", "size_or_zero", "anything"], "integer", ALL, GPL),
  row("probe_read_kernel_str", ["mem_out", "size_or_zero", "anything"], "integer", ALL, GPL),
  row(
    "perf_event_output",
    ["ctx", "map_ptr", "anything", "mem_in", "size_or_zero"],
    "integer",
    [...TRACING, ...SKB, "XDP"],
    { mapTypes: [MapType.PERF_EVENT_ARRAY], gplOnly: true },
  ),
  row("get_stackid", ["ctx", "map_ptr", "anything"], "integer", TRACING, {
    mapTypes: [MapType.STACK_TRACE],
    gplOnly: true,
  }),
  // net/core/filter.c
  row("skb_load_bytes", ["ctx", "anything", "mem_out", "size"], "integer", SKB),
  row("get_socket_cookie", ["ctx"], "integer", SKB),
  row("get_socket_uid", ["ctx"], "integer", SKB),
  row("redirect", ["anything", "anything"], "integer", ["XDP", "SCHED_CLS"]),
  row("redirect_map", ["map_ptr", "anything", "anything"], "integer", ["XDP"], {
    mapTypes: [MapType.DEVMAP, MapType.DEVMAP_HASH, MapType.CPUMAP, MapType.XSKMAP],
  }),
  row("xdp_adjust_head", ["ctx", "anything"], "integer", ["XDP"], { changesPktData: true }),
  row("xdp_adjust_meta", ["ctx", "anything"], "integer", ["XDP"], { changesPktData: true }),
  row("xdp_adjust_tail", ["ctx", "anything"], "integer", ["XDP"], { changesPktData: true }),
];

export const HELPER_BY_ID: ReadonlyMap<number, HelperProto> = new Map(HELPER_PROTOS.map((h) => [h.id, h]));

/**
 * Map types whose maps only certain helpers accept (kernel: check_map_func_compatibility, first
 * switch). Map types absent here work with the helpers whose `mapTypes` list them.
 */
export const MAP_TYPE_HELPERS: ReadonlyMap<number, readonly string[]> = new Map([
  [MapType.PROG_ARRAY, ["tail_call"]],
  [MapType.PERF_EVENT_ARRAY, ["perf_event_read", "perf_event_output", "perf_event_read_value"]],
  [MapType.RINGBUF, ["ringbuf_output", "ringbuf_reserve", "ringbuf_query"]],
  [MapType.STACK_TRACE, ["get_stackid"]],
  [MapType.CPUMAP, ["redirect_map"]],
  [MapType.DEVMAP, ["redirect_map", "map_lookup_elem"]],
  [MapType.DEVMAP_HASH, ["redirect_map", "map_lookup_elem"]],
  [MapType.XSKMAP, ["redirect_map", "map_lookup_elem"]],
]);

export { helperName };
