import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCollectionSpec, type CollectionSpec, type MapSpec } from "../../runtime/object/index.js";
import { AttachType, MapFlags, MapType, ProgFlags } from "../../runtime/uapi/bpf.js";
import {
  committedObject,
  compileFixture,
  findTool,
  fixtureId,
  OBJECT_FIXTURES,
  type ObjectFixture,
} from "./fixtures.js";

/**
 * What loadCollectionSpec makes of each fixture, written down from the C sources: programs (name,
 * SEC(), type, attach target, expected attach type, flags), maps as libbpf would create them, global
 * data and the license. Checked on the committed objects and on fresh clang output.
 */
type ProgramRow = [
  name: string,
  section: string,
  type: string,
  attachTo?: string,
  expectedAttachType?: number,
  flags?: number,
];
type MapRow = Pick<MapSpec, "name" | "type" | "keySize" | "valueSize" | "maxEntries" | "flags"> &
  Partial<MapSpec>;

interface Expectation {
  readonly programs: ProgramRow[];
  readonly maps: MapRow[];
  readonly data?: Array<{ name: string; size: number; readOnly: boolean; variables: string[] }>;
  readonly license: string;
  readonly warnings?: string[];
}

const counts: MapRow = {
  name: "counts",
  type: MapType.HASH,
  keySize: 4,
  valueSize: 8,
  maxEntries: 10240,
  flags: 0,
};
const EXPECTED: Record<string, Expectation> = {
  tracepoint_hash: {
    programs: [
      ["on_openat", "tracepoint/syscalls/sys_enter_openat", "TRACEPOINT", "syscalls/sys_enter_openat"],
    ],
    maps: [counts],
    license: "GPL",
  },
  xdp_parse: {
    programs: [
      ["count_proto", "xdp", "XDP", undefined, AttachType.XDP],
      ["frags_pass", "xdp.frags", "XDP", undefined, AttachType.XDP, ProgFlags.XDP_HAS_FRAGS],
    ],
    maps: [
      { name: "per_proto", type: MapType.PERCPU_ARRAY, keySize: 4, valueSize: 8, maxEntries: 256, flags: 0 },
    ],
    license: "Dual BSD/GPL",
  },
  tc_classifier: {
    programs: [
      ["tc_ingress", "tc", "SCHED_CLS"],
      ["cls_egress", "classifier", "SCHED_CLS"],
      ["tcx_in", "tcx/ingress", "SCHED_CLS", undefined, AttachType.TCX_INGRESS],
      ["tcx_out", "tcx/egress", "SCHED_CLS", undefined, AttachType.TCX_EGRESS],
    ],
    maps: [{ name: "bytes_seen", type: MapType.ARRAY, keySize: 4, valueSize: 8, maxEntries: 2, flags: 0 }],
    license: "GPL",
  },
  socket_filter: { programs: [["keep_tcp", "socket", "SOCKET_FILTER"]], maps: [], license: "GPL" },
  ringbuf: {
    programs: [["on_exec", "tp/sched/sched_process_exec", "TRACEPOINT", "sched/sched_process_exec"]],
    maps: [
      { name: "events", type: MapType.RINGBUF, keySize: 0, valueSize: 0, maxEntries: 256 * 1024, flags: 0 },
    ],
    license: "GPL",
  },
  bounded_loop: {
    programs: [["sum_loop", "raw_tp/sys_enter", "RAW_TRACEPOINT", "sys_enter"]],
    maps: [{ name: "table", type: MapType.ARRAY, keySize: 4, valueSize: 256, maxEntries: 1, flags: 0 }],
    license: "GPL",
  },
  subprogs: {
    programs: [
      ["first", "kprobe/do_sys_openat2", "KPROBE", "do_sys_openat2"],
      ["second", "kprobe/do_sys_openat2", "KPROBE", "do_sys_openat2"],
      ["third", "kretprobe/do_sys_openat2", "KPROBE", "do_sys_openat2"],
    ],
    maps: [{ name: "acc", type: MapType.ARRAY, keySize: 4, valueSize: 8, maxEntries: 4, flags: 0 }],
    license: "GPL",
  },
  globals: {
    programs: [["on_write", "tracepoint/syscalls/sys_enter_write", "TRACEPOINT", "syscalls/sys_enter_write"]],
    maps: [],
    data: [
      {
        name: ".rodata",
        size: 38,
        readOnly: true,
        variables: ["target_pid", "threshold", "on_write.____fmt"],
      },
      { name: ".data", size: 12, readOnly: false, variables: ["hits", "last_pid"] },
      { name: ".bss", size: 40, readOnly: false, variables: ["misses", "seen"] },
      { name: ".rodata.str1.1", size: 12, readOnly: true, variables: [] },
    ],
    license: "GPL",
  },
  legacy_maps: {
    programs: [["legacy", "socket", "SOCKET_FILTER"]],
    maps: [
      {
        name: "old_hash",
        type: MapType.HASH,
        keySize: 4,
        valueSize: 8,
        maxEntries: 128,
        flags: MapFlags.NO_PREALLOC,
      },
      { name: "old_array", type: MapType.ARRAY, keySize: 4, valueSize: 4, maxEntries: 16, flags: 0 },
    ],
    license: "GPL",
  },
  map_values: {
    programs: [
      ["tail_a", "socket", "SOCKET_FILTER"],
      ["tail_b", "socket", "SOCKET_FILTER"],
      ["dispatch", "socket", "SOCKET_FILTER"],
    ],
    maps: [
      { name: "inner_a", type: MapType.ARRAY, keySize: 4, valueSize: 4, maxEntries: 4, flags: 0 },
      { name: "inner_b", type: MapType.ARRAY, keySize: 4, valueSize: 4, maxEntries: 4, flags: 0 },
      {
        name: "outer",
        type: MapType.ARRAY_OF_MAPS,
        keySize: 4,
        valueSize: 4,
        maxEntries: 3,
        flags: 0,
        initialValues: [
          { key: 0, symbol: "inner_a" },
          { key: 2, symbol: "inner_b" },
        ],
      },
      {
        name: "jumps",
        type: MapType.PROG_ARRAY,
        keySize: 4,
        valueSize: 4,
        maxEntries: 4,
        flags: 0,
        initialValues: [
          { key: 1, symbol: "tail_a" },
          { key: 3, symbol: "tail_b" },
        ],
      },
      {
        name: "pinned",
        type: MapType.LRU_HASH,
        keySize: 8,
        valueSize: 16,
        maxEntries: 64,
        flags: MapFlags.NO_COMMON_LRU,
        pinning: 1,
      },
    ],
    license: "GPL",
  },
  sections: {
    programs: [
      ["kp", "kprobe/vfs_read", "KPROBE", "vfs_read"],
      ["krp", "kretprobe/vfs_read", "KPROBE", "vfs_read"],
      ["up", "uprobe//usr/bin/bash:readline", "KPROBE", "/usr/bin/bash:readline"],
      ["urp", "uretprobe//usr/bin/bash:readline", "KPROBE", "/usr/bin/bash:readline"],
      ["up_bare", "uprobe", "KPROBE"],
      ["tp_long", "tracepoint/sched/sched_switch", "TRACEPOINT", "sched/sched_switch"],
      ["tp_short", "tp/sched/sched_wakeup", "TRACEPOINT", "sched/sched_wakeup"],
      ["rtp_long", "raw_tracepoint/sched_switch", "RAW_TRACEPOINT", "sched_switch"],
      ["rtp_short", "raw_tp/sched_wakeup", "RAW_TRACEPOINT", "sched_wakeup"],
      ["fe", "fentry/do_unlinkat", "TRACING", "do_unlinkat", AttachType.TRACE_FENTRY],
      ["fx", "fexit/do_unlinkat", "TRACING", "do_unlinkat", AttachType.TRACE_FEXIT],
      ["fmr", "fmod_ret/security_file_open", "TRACING", "security_file_open", AttachType.MODIFY_RETURN],
      ["lsm_open", "lsm/file_open", "LSM", "file_open", AttachType.LSM_MAC],
      ["pe", "perf_event", "PERF_EVENT"],
      ["sc", "syscall", "SYSCALL", undefined, undefined, ProgFlags.SLEEPABLE],
      ["cg_in", "cgroup_skb/ingress", "CGROUP_SKB", undefined, AttachType.CGROUP_INET_INGRESS],
      ["cg_out", "cgroup_skb/egress", "CGROUP_SKB", undefined, AttachType.CGROUP_INET_EGRESS],
      ["tpbtf", "tp_btf/sched_switch", "TRACING", "sched_switch", AttachType.TRACE_RAW_TP],
      ["skl", "sk_lookup", "SK_LOOKUP", undefined, AttachType.SK_LOOKUP],
      ["fd", "flow_dissector", "FLOW_DISSECTOR", undefined, AttachType.FLOW_DISSECTOR],
      ["sops", "sockops", "SOCK_OPS", undefined, AttachType.CGROUP_SOCK_OPS],
      ["cgdev", "cgroup/dev", "CGROUP_DEVICE", undefined, AttachType.CGROUP_DEVICE],
      ["xdp_dm", "xdp/devmap", "XDP", undefined, AttachType.XDP_DEVMAP],
      ["it_task", "iter/task", "TRACING", "task", AttachType.TRACE_ITER],
      ["ksc", "ksyscall/openat", "KPROBE", "openat"],
      ["nf", "netfilter", "NETFILTER", undefined, AttachType.NETFILTER],
      ["unknown_sec", "my_custom_section", "UNSPEC"],
    ],
    maps: [],
    license: "GPL",
    warnings: ["TSB0370"],
  },
  core_read: { programs: [["core_tgid", "kprobe/do_exit", "KPROBE", "do_exit"]], maps: [], license: "GPL" },
  isa_v4: {
    programs: [["v4_ops", "xdp", "XDP", undefined, AttachType.XDP]],
    maps: [],
    data: [{ name: ".bss", size: 48, readOnly: false, variables: ["in", "out"] }],
    license: "GPL",
  },
};

function check(f: ObjectFixture, bytes: Uint8Array) {
  const r = loadCollectionSpec(bytes, { file: `${fixtureId(f)}.o` });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  const want = EXPECTED[f.name]!;
  const spec: CollectionSpec = r.value;
  expect(
    spec.programs.map((p): ProgramRow => {
      const row: ProgramRow = [p.name, p.section, p.type, p.attachTo, p.expectedAttachType, p.flags];
      while (row.length > 3 && row[row.length - 1] === undefined) row.pop();
      return row;
    }),
  ).toEqual(want.programs);
  expect(spec.maps).toMatchObject(want.maps);
  expect(spec.maps.length).toBe(want.maps.length);
  if (want.data) {
    expect(
      spec.data.map((d) => ({
        name: d.name,
        size: d.bytes.length,
        readOnly: d.readOnly,
        variables: d.variables.map((v) => v.name),
      })),
    ).toEqual(want.data);
  }
  expect(spec.license).toBe(want.license);
  expect(spec.programs.every((p) => p.license === want.license)).toBe(true);
  expect((r.warnings ?? []).map((w) => w.code)).toEqual(want.warnings ?? []);
  expect(spec.btf?.length).toBeGreaterThan(0);
  expect(spec.btfExt?.length).toBeGreaterThan(0);
  return spec;
}

describe("loadCollectionSpec on the committed objects", () => {
  for (const f of OBJECT_FIXTURES) it(fixtureId(f), () => void check(f, committedObject(f)));
});

describe("loadCollectionSpec on fresh clang objects", () => {
  for (const f of OBJECT_FIXTURES) {
    it.skipIf(!findTool("clang", f.clang))(fixtureId(f), () => {
      const built = compileFixture(f);
      if ("skip" in built) return;
      check(f, new Uint8Array(readFileSync(built.path)));
    });
  }
});

describe("details", () => {
  const load = (name: string, cpu = "v3") => {
    const f = OBJECT_FIXTURES.find((x) => x.name === name && x.cpu === cpu)!;
    const r = loadCollectionSpec(committedObject(f));
    if (!r.ok) throw new Error(r.diagnostics[0]!.message);
    return r.value;
  };

  it("global data keeps the initial bytes; .bss is zeros; string literals stay in .rodata.str1.1", () => {
    const spec = load("globals");
    const bytes = (n: string) => spec.data.find((d) => d.name === n)!;
    const rodata = bytes(".rodata");
    const view = new DataView(rodata.bytes.buffer, rodata.bytes.byteOffset);
    const at = (d: typeof rodata, v: string) => d.variables.find((x) => x.name === v)!;
    expect(at(rodata, "threshold")).toMatchObject({ offset: 8, size: 8 });
    expect(view.getBigUint64(8, true)).toBe(100n);
    const data = bytes(".data");
    expect(
      new DataView(data.bytes.buffer, data.bytes.byteOffset).getBigUint64(at(data, "hits").offset, true),
    ).toBe(7n);
    expect(bytes(".bss").bytes.every((b) => b === 0)).toBe(true);
    expect(new TextDecoder().decode(bytes(".rodata.str1.1").bytes)).toBe("literal %d\n\0");
    // Every global access is a MAP_VALUE relocation whose offset lies inside its section.
    const p = spec.programs[0]!;
    expect(p.relocations.length).toBeGreaterThan(5);
    for (const r of p.relocations) {
      expect(r.target.kind).toBe("mapValue");
      if (r.target.kind !== "mapValue") continue;
      const section = bytes(r.target.map);
      expect(r.target.offset).toBeLessThan(section.bytes.length);
      const insn = p.instructions[r.insn]!;
      expect([insn.opcode, insn.src, insn.imm, insn.immHi]).toEqual([0x18, 2, 0, r.target.offset]);
    }
    expect(p.relocations.some((r) => r.target.kind === "mapValue" && r.target.map === ".rodata.str1.1")).toBe(
      true,
    );
  });

  it("map references become lddw BPF_PSEUDO_MAP_FD with the map named in the relocation", () => {
    const spec = load("tracepoint_hash");
    const p = spec.programs[0]!;
    expect(p.relocations).toEqual([
      { insn: 7, target: { kind: "map", map: "counts" } },
      { insn: 16, target: { kind: "map", map: "counts" } },
    ]);
    for (const r of p.relocations) {
      expect(p.instructions[r.insn]).toMatchObject({ opcode: 0x18, src: 1, imm: 0, immHi: 0 });
      expect(p.instructions[r.insn]!.meta?.reloc).toMatchObject({
        symbol: "counts",
        type: 1,
        section: ".maps",
      });
    }
  });

  it("map definitions carry the BTF key/value type ids, which name the C types", async () => {
    const { readBtf, typeName } = await import("../../runtime/btf/index.js");
    const spec = load("ringbuf");
    expect(spec.maps[0]!.keyType).toBeUndefined();
    const tp = load("tracepoint_hash");
    const btf = readBtf(tp.btf!);
    if (!btf.ok) throw new Error("btf");
    expect(typeName(btf.value, tp.maps[0]!.keyType!)).toBe("__u32");
    expect(typeName(btf.value, tp.maps[0]!.valueType!)).toBe("__u64");
  });

  it("CO-RE relocations are kept per program, by instruction index", async () => {
    const { readBtf, typeName } = await import("../../runtime/btf/index.js");
    const spec = load("core_read");
    const p = spec.programs[0]!;
    const btf = readBtf(spec.btf!);
    if (!btf.ok) throw new Error("btf");
    expect(p.coreRelocations).toHaveLength(1);
    const relo = p.coreRelocations![0]!;
    // BPF_CORE_READ(t, tgid): field byte offset (kind 0) of member 1 of struct task_struct.
    expect(relo).toMatchObject({ accessString: "0:1", kind: 0 });
    expect(typeName(btf.value, relo.typeId)).toBe("struct task_struct");
    expect(p.instructions[relo.insn]!.imm).toBe(4); // the field offset clang computed locally
  });

  it("map-in-map definitions describe the inner map template", () => {
    const outer = load("map_values").maps.find((m) => m.name === "outer")!;
    expect(outer.inner).toMatchObject({
      name: "outer.inner",
      type: MapType.ARRAY,
      keySize: 4,
      valueSize: 4,
      maxEntries: 4,
    });
  });
});
