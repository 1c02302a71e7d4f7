/**
 * Byte layouts of the kernel structures runtime/kernel fills in: the members of `union bpf_attr`
 * per command, `struct bpf_prog_info`, `struct bpf_map_info` and `struct perf_event_attr`, as
 * offsets and sizes from include/uapi/linux/bpf.h and perf_event.h. test/kernel/layout.test.ts
 * checks every entry against offsetof() in the installed headers; fields younger than those headers
 * are listed in `since` with the kernel version that added them.
 */
export type Field = readonly [offset: number, size: number];

export interface Layout<F extends string> {
  /** C type the offsets are in ("union bpf_attr", "struct bpf_prog_info", ...). */
  readonly cType: string;
  /** Member path prefix in C ("test." for BPF_PROG_TEST_RUN's anonymous struct `test`). */
  readonly cPrefix: string;
  /** Bytes passed as the size argument: offsetofend of the last field used. */
  readonly size: number;
  readonly fields: { readonly [K in F]: Field };
  /** Fields newer than linux-libc-dev 6.1: C name → the kernel version that added them. */
  readonly since?: { readonly [K in F]?: string };
}

function layout<F extends string>(l: Layout<F>): Layout<F> {
  return l;
}

const ATTR = "union bpf_attr";

/** BPF_MAP_CREATE */
export const MapCreateAttr = layout({
  cType: ATTR,
  cPrefix: "",
  size: 72,
  fields: {
    map_type: [0, 4],
    key_size: [4, 4],
    value_size: [8, 4],
    max_entries: [12, 4],
    map_flags: [16, 4],
    inner_map_fd: [20, 4],
    numa_node: [24, 4],
    map_name: [28, 16],
    map_ifindex: [44, 4],
    btf_fd: [48, 4],
    btf_key_type_id: [52, 4],
    btf_value_type_id: [56, 4],
    btf_vmlinux_value_type_id: [60, 4],
    map_extra: [64, 8],
  },
});

/** BPF_MAP_*_ELEM, BPF_MAP_GET_NEXT_KEY, BPF_MAP_FREEZE (value and next_key share offset 16). */
export const MapElemAttr = layout({
  cType: ATTR,
  cPrefix: "",
  size: 32,
  fields: { map_fd: [0, 4], key: [8, 8], value: [16, 8], next_key: [16, 8], flags: [24, 8] },
});

/** BPF_PROG_LOAD */
export const ProgLoadAttr = layout({
  cType: ATTR,
  cPrefix: "",
  size: 144,
  fields: {
    prog_type: [0, 4],
    insn_cnt: [4, 4],
    insns: [8, 8],
    license: [16, 8],
    log_level: [24, 4],
    log_size: [28, 4],
    log_buf: [32, 8],
    kern_version: [40, 4],
    prog_flags: [44, 4],
    prog_name: [48, 16],
    prog_ifindex: [64, 4],
    expected_attach_type: [68, 4],
    prog_btf_fd: [72, 4],
    func_info_rec_size: [76, 4],
    func_info: [80, 8],
    func_info_cnt: [88, 4],
    line_info_rec_size: [92, 4],
    line_info: [96, 8],
    line_info_cnt: [104, 4],
    attach_btf_id: [108, 4],
    attach_prog_fd: [112, 4],
    core_relo_cnt: [116, 4],
    fd_array: [120, 8],
    core_relos: [128, 8],
    core_relo_rec_size: [136, 4],
    log_true_size: [140, 4],
  },
  since: { log_true_size: "6.4" },
});

/** BPF_OBJ_PIN / BPF_OBJ_GET */
export const ObjAttr = layout({
  cType: ATTR,
  cPrefix: "",
  size: 16,
  fields: { pathname: [0, 8], bpf_fd: [8, 4], file_flags: [12, 4] },
});

/** BPF_PROG_TEST_RUN (the anonymous struct `test`) */
export const TestRunAttr = layout({
  cType: ATTR,
  cPrefix: "test.",
  size: 76,
  fields: {
    prog_fd: [0, 4],
    retval: [4, 4],
    data_size_in: [8, 4],
    data_size_out: [12, 4],
    data_in: [16, 8],
    data_out: [24, 8],
    repeat: [32, 4],
    duration: [36, 4],
    ctx_size_in: [40, 4],
    ctx_size_out: [44, 4],
    ctx_in: [48, 8],
    ctx_out: [56, 8],
    flags: [64, 4],
    cpu: [68, 4],
    batch_size: [72, 4],
  },
});

/** BPF_*_GET_NEXT_ID and BPF_*_GET_FD_BY_ID (start_id, prog_id, map_id, btf_id, link_id share 0). */
export const IdAttr = layout({
  cType: ATTR,
  cPrefix: "",
  size: 12,
  fields: {
    start_id: [0, 4],
    prog_id: [0, 4],
    map_id: [0, 4],
    btf_id: [0, 4],
    link_id: [0, 4],
    next_id: [4, 4],
    open_flags: [8, 4],
  },
});

/** BPF_OBJ_GET_INFO_BY_FD (the anonymous struct `info`) */
export const InfoAttr = layout({
  cType: ATTR,
  cPrefix: "info.",
  size: 16,
  fields: { bpf_fd: [0, 4], info_len: [4, 4], info: [8, 8] },
});

/** BPF_BTF_LOAD */
export const BtfLoadAttr = layout({
  cType: ATTR,
  cPrefix: "",
  size: 32,
  fields: {
    btf: [0, 8],
    btf_log_buf: [8, 8],
    btf_size: [16, 4],
    btf_log_size: [20, 4],
    btf_log_level: [24, 4],
    btf_log_true_size: [28, 4],
  },
  since: { btf_log_true_size: "6.4" },
});

/** BPF_RAW_TRACEPOINT_OPEN (the anonymous struct `raw_tracepoint`) */
export const RawTracepointAttr = layout({
  cType: ATTR,
  cPrefix: "raw_tracepoint.",
  size: 16,
  fields: { name: [0, 8], prog_fd: [8, 4] },
});

/** BPF_LINK_CREATE (the anonymous struct `link_create`); the union after `flags` starts at 16. */
export const LinkCreateAttr = layout({
  cType: ATTR,
  cPrefix: "link_create.",
  size: 48,
  fields: {
    prog_fd: [0, 4],
    target_fd: [4, 4],
    target_ifindex: [4, 4],
    attach_type: [8, 4],
    flags: [12, 4],
    target_btf_id: [16, 4],
    "perf_event.bpf_cookie": [16, 8],
    "tcx.relative_fd": [16, 4],
    "tcx.expected_revision": [24, 8],
  },
  since: { "tcx.relative_fd": "6.6", "tcx.expected_revision": "6.6" },
});

/** BPF_PROG_ATTACH / BPF_PROG_DETACH (cgroup and legacy attachment) */
export const ProgAttachAttr = layout({
  cType: ATTR,
  cPrefix: "",
  size: 20,
  fields: {
    target_fd: [0, 4],
    attach_bpf_fd: [4, 4],
    attach_type: [8, 4],
    attach_flags: [12, 4],
    replace_bpf_fd: [16, 4],
  },
});

/** BPF_LINK_DETACH (the anonymous struct `link_detach`) */
export const LinkDetachAttr = layout({
  cType: ATTR,
  cPrefix: "link_detach.",
  size: 4,
  fields: { link_fd: [0, 4] },
});

/** struct bpf_prog_info, as far as tsbpf reads it. */
export const ProgInfoLayout = layout({
  cType: "struct bpf_prog_info",
  cPrefix: "",
  size: 232,
  fields: {
    type: [0, 4],
    id: [4, 4],
    tag: [8, 8],
    jited_prog_len: [16, 4],
    xlated_prog_len: [20, 4],
    jited_prog_insns: [24, 8],
    xlated_prog_insns: [32, 8],
    load_time: [40, 8],
    created_by_uid: [48, 4],
    nr_map_ids: [52, 4],
    map_ids: [56, 8],
    name: [64, 16],
    ifindex: [80, 4],
    btf_id: [128, 4],
    run_time_ns: [192, 8],
    run_cnt: [200, 8],
    recursion_misses: [208, 8],
    verified_insns: [216, 4],
    attach_btf_obj_id: [220, 4],
    attach_btf_id: [224, 4],
  },
});

/** struct bpf_map_info */
export const MapInfoLayout = layout({
  cType: "struct bpf_map_info",
  cPrefix: "",
  size: 88,
  fields: {
    type: [0, 4],
    id: [4, 4],
    key_size: [8, 4],
    value_size: [12, 4],
    max_entries: [16, 4],
    map_flags: [20, 4],
    name: [24, 16],
    ifindex: [40, 4],
    btf_vmlinux_value_type_id: [44, 4],
    netns_dev: [48, 8],
    netns_ino: [56, 8],
    btf_id: [64, 4],
    btf_key_type_id: [68, 4],
    btf_value_type_id: [72, 4],
    map_extra: [80, 8],
  },
});

/** struct perf_event_attr (PERF_ATTR_SIZE_VER7 = 128 bytes is enough for tracepoints). */
export const PerfEventAttrLayout = layout({
  cType: "struct perf_event_attr",
  cPrefix: "",
  size: 128,
  fields: {
    type: [0, 4],
    size: [4, 4],
    config: [8, 8],
    sample_period: [16, 8],
    sample_type: [24, 8],
    read_format: [32, 8],
    wakeup_events: [48, 4],
    /** union { bp_addr; kprobe_func; uprobe_path; config1 } */
    config1: [56, 8],
    /** union { bp_len; kprobe_addr; probe_offset; config2 } */
    config2: [64, 8],
  },
});

/** Every layout, for the header cross-check. */
export const ALL_LAYOUTS: Readonly<Record<string, Layout<string>>> = {
  MapCreateAttr,
  MapElemAttr,
  ProgLoadAttr,
  ObjAttr,
  TestRunAttr,
  IdAttr,
  InfoAttr,
  BtfLoadAttr,
  RawTracepointAttr,
  LinkCreateAttr,
  ProgAttachAttr,
  LinkDetachAttr,
  ProgInfoLayout,
  MapInfoLayout,
  PerfEventAttrLayout,
};

/** Writes fields of one layout into a native block (little- or big-endian as the host is). */
export class AttrWriter<F extends string> {
  constructor(
    readonly layout: Layout<F>,
    readonly view: DataView,
  ) {}

  u32(field: F, value: number): this {
    const [off, size] = this.layout.fields[field];
    if (size !== 4) throw new Error(`bug: ${field} is ${size} bytes, not 4`);
    this.view.setUint32(off, value >>> 0, HOST_LITTLE_ENDIAN);
    return this;
  }

  i32(field: F, value: number): this {
    const [off] = this.layout.fields[field];
    this.view.setInt32(off, value | 0, HOST_LITTLE_ENDIAN);
    return this;
  }

  u64(field: F, value: bigint): this {
    const [off, size] = this.layout.fields[field];
    if (size !== 8) throw new Error(`bug: ${field} is ${size} bytes, not 8`);
    this.view.setBigUint64(off, BigInt.asUintN(64, value), HOST_LITTLE_ENDIAN);
    return this;
  }

  /** A fixed char[] name (map_name, prog_name): truncated to size − 1 bytes and NUL-padded. */
  name(field: F, text: string): this {
    const [off, size] = this.layout.fields[field];
    const bytes = new TextEncoder().encode(text).subarray(0, size - 1);
    for (let i = 0; i < size; i++) this.view.setUint8(off + i, i < bytes.length ? bytes[i]! : 0);
    return this;
  }

  getU32(field: F): number {
    const [off] = this.layout.fields[field];
    return this.view.getUint32(off, HOST_LITTLE_ENDIAN);
  }

  getU64(field: F): bigint {
    const [off] = this.layout.fields[field];
    return this.view.getBigUint64(off, HOST_LITTLE_ENDIAN);
  }
}

/** Kernel structures are in host byte order; every Linux target of Node today is little-endian. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
