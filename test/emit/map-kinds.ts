import { Op, insn } from "../../runtime/isa/index.js";
import { array, cstring, struct, u32, u64, type Layout } from "../../runtime/layout/index.js";
import type { CollectionSpec, MapSpec } from "../../runtime/object/spec.js";
import { MapType } from "../../runtime/uapi/bpf.js";

/**
 * One map of each kind the DSL declares (and the definition attributes libbpf reads: flags,
 * pinning, numa_node, map_extra), with the layouts the compiler would give, in a collection
 * whose only program returns 0.
 */
export const ExecEvent = struct(
  [
    ["pid", u32],
    ["ts", u64],
    ["comm", cstring(16)],
  ],
  { name: "ExecEvent" },
);

const map = (
  name: string,
  type: number,
  keySize: number,
  valueSize: number,
  extra: Partial<MapSpec> = {},
): MapSpec => ({
  name,
  type,
  keySize,
  valueSize,
  maxEntries: 64,
  flags: 0,
  ...extra,
});

export function mapKinds(pinnedName = "pinned"): Array<[MapSpec, { key?: Layout; value?: Layout }]> {
  return [
    [map("events", MapType.HASH, 4, 32, { flags: 1 }), { key: u32, value: ExecEvent }],
    [map("perCpu", MapType.PERCPU_ARRAY, 4, 8), { key: u32, value: u64 }],
    [map("ring", MapType.RINGBUF, 0, 0, { maxEntries: 4096 }), { value: ExecEvent }],
    [map("perf", MapType.PERF_EVENT_ARRAY, 4, 4, { maxEntries: 0 }), { key: u32, value: ExecEvent }],
    [map("jumps", MapType.PROG_ARRAY, 4, 4), {}],
    [map("stacks", MapType.STACK_TRACE, 4, 8 * 127), { key: u32, value: array(u64, 127) }],
    [map(pinnedName, MapType.HASH, 8, 8, { pinning: 1, numaNode: 0, flags: 1 }), { key: u64, value: u64 }],
    [map("bloom", MapType.BLOOM_FILTER, 0, 8, { mapExtra: 3 }), { value: u64 }],
    [map("queue", MapType.QUEUE, 0, 8), { value: u64 }],
    [map("lru", MapType.LRU_HASH, 4, 8), { key: u32, value: u64 }],
  ];
}

const RET0 = [insn(0xb7, { dst: 0, imm: 0 }), insn(Op.EXIT)];

export function mapKindsInput(pinnedName?: string): {
  spec: CollectionSpec;
  layouts: { maps: Record<string, { key?: Layout; value?: Layout }> };
} {
  const kinds = mapKinds(pinnedName);
  return {
    spec: {
      programs: [
        { name: "prog", section: "xdp", type: "XDP", instructions: RET0, relocations: [], license: "GPL" },
      ],
      maps: kinds.map(([m]) => m),
      data: [],
      license: "GPL",
    },
    layouts: { maps: Object.fromEntries(kinds.map(([m, l]) => [m.name, l])) },
  };
}
