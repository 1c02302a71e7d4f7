import { type Field, HOST_LITTLE_ENDIAN, MapInfoLayout, ProgInfoLayout } from "./attr.js";
import { type KernelResult, success } from "./errors.js";
import { cString } from "./memory.js";
import { objGetInfo } from "./object-commands.js";

/** What BPF_OBJ_GET_INFO_BY_FD tells about a program (struct bpf_prog_info). */
export interface ProgramInfo {
  readonly type: number;
  readonly id: number;
  /** The 8-byte program tag as 16 hex digits, as bpftool prints it. */
  readonly tag: string;
  readonly name: string;
  readonly jitedLength: number;
  readonly xlatedLength: number;
  readonly loadTime: bigint;
  readonly createdByUid: number;
  readonly mapIds: readonly number[];
  readonly btfId: number;
  /** Only counted while bpf stats are enabled (sysctl kernel.bpf_stats_enabled). */
  readonly runTimeNs: bigint;
  readonly runCount: bigint;
  readonly recursionMisses: bigint;
  /** Instructions the verifier processed (kernel ≥ 5.16; 0 before). */
  readonly verifiedInsns: number;
  readonly attachBtfObjId: number;
  readonly attachBtfId: number;
}

/** What BPF_OBJ_GET_INFO_BY_FD tells about a map (struct bpf_map_info). */
export interface MapInfo {
  readonly type: number;
  readonly id: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly name: string;
  readonly btfId: number;
  readonly btfKeyTypeId: number;
  readonly btfValueTypeId: number;
  readonly mapExtra: bigint;
}

const MAX_MAP_IDS = 64;

export function progInfo(fd: number): KernelResult<ProgramInfo> {
  const f = ProgInfoLayout.fields;
  let mapIds: number[] = [];
  const r = objGetInfo(fd, ProgInfoLayout.size, (info, arena) => {
    // Ask for the ids of the maps the program uses: nr_map_ids in, map_ids → a u32 array.
    const ids = arena.alloc(MAX_MAP_IDS * 4);
    info.setUint32(f.nr_map_ids[0], MAX_MAP_IDS, HOST_LITTLE_ENDIAN);
    info.setBigUint64(f.map_ids[0], ids.address, HOST_LITTLE_ENDIAN);
    return () => {
      const n = Math.min(MAX_MAP_IDS, info.getUint32(f.nr_map_ids[0], HOST_LITTLE_ENDIAN));
      mapIds = Array.from({ length: n }, (_, i) => ids.view.getUint32(i * 4, HOST_LITTLE_ENDIAN));
    };
  });
  if (!r.ok) return r;
  const bytes = padded(r.value, ProgInfoLayout.size);
  const v = new DataView(bytes.buffer);
  return success({
    type: u32(v, f.type),
    id: u32(v, f.id),
    tag: [...bytes.subarray(f.tag[0], f.tag[0] + 8)].map((b) => b.toString(16).padStart(2, "0")).join(""),
    name: cString(bytes.subarray(f.name[0], f.name[0] + f.name[1])),
    jitedLength: u32(v, f.jited_prog_len),
    xlatedLength: u32(v, f.xlated_prog_len),
    loadTime: u64(v, f.load_time),
    createdByUid: u32(v, f.created_by_uid),
    mapIds,
    btfId: u32(v, f.btf_id),
    runTimeNs: u64(v, f.run_time_ns),
    runCount: u64(v, f.run_cnt),
    recursionMisses: u64(v, f.recursion_misses),
    verifiedInsns: u32(v, f.verified_insns),
    attachBtfObjId: u32(v, f.attach_btf_obj_id),
    attachBtfId: u32(v, f.attach_btf_id),
  });
}

export function mapInfo(fd: number): KernelResult<MapInfo> {
  const r = objGetInfo(fd, MapInfoLayout.size);
  if (!r.ok) return r;
  const f = MapInfoLayout.fields;
  const bytes = padded(r.value, MapInfoLayout.size);
  const v = new DataView(bytes.buffer);
  return success({
    type: u32(v, f.type),
    id: u32(v, f.id),
    keySize: u32(v, f.key_size),
    valueSize: u32(v, f.value_size),
    maxEntries: u32(v, f.max_entries),
    flags: u32(v, f.map_flags),
    name: cString(bytes.subarray(f.name[0], f.name[0] + f.name[1])),
    btfId: u32(v, f.btf_id),
    btfKeyTypeId: u32(v, f.btf_key_type_id),
    btfValueTypeId: u32(v, f.btf_value_type_id),
    mapExtra: u64(v, f.map_extra),
  });
}

/** Older kernels fill fewer bytes (info_len); the missing fields read as zero. */
function padded(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(bytes.subarray(0, size));
  return out;
}

function u32(v: DataView, [off]: Field): number {
  return v.getUint32(off, HOST_LITTLE_ENDIAN);
}

function u64(v: DataView, [off]: Field): bigint {
  return v.getBigUint64(off, HOST_LITTLE_ENDIAN);
}
