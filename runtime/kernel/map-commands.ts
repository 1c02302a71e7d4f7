import { BpfCommand, UpdateFlags } from "../uapi/bpf.js";
import { MapCreateAttr, MapElemAttr } from "./attr.js";
import { type KernelResult, success } from "./errors.js";
import { bpfCall } from "./syscall.js";

/** BPF_MAP_CREATE arguments (bpf_attr's map_create struct). */
export interface MapCreateOptions {
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags?: number;
  /** Up to 15 bytes of [A-Za-z0-9_.] (kernel: bpf_obj_name_cpy); see `kernelObjectName`. */
  readonly name?: string;
  readonly innerMapFd?: number;
  readonly numaNode?: number;
  readonly btfFd?: number;
  readonly btfKeyTypeId?: number;
  readonly btfValueTypeId?: number;
  readonly btfVmlinuxValueTypeId?: number;
  readonly mapExtra?: bigint;
  readonly ifindex?: number;
}

/** BPF_MAP_CREATE; returns the new map's fd (the caller owns it). */
export function mapCreate(o: MapCreateOptions): KernelResult<number> {
  return bpfCall(
    BpfCommand.MAP_CREATE,
    MapCreateAttr,
    (a) => {
      a.u32("map_type", o.type)
        .u32("key_size", o.keySize)
        .u32("value_size", o.valueSize)
        .u32("max_entries", o.maxEntries)
        .u32("map_flags", o.flags ?? 0)
        .u32("inner_map_fd", o.innerMapFd ?? 0)
        .u32("numa_node", o.numaNode ?? 0)
        .name("map_name", kernelObjectName(o.name ?? ""))
        .u32("map_ifindex", o.ifindex ?? 0)
        .u32("btf_key_type_id", o.btfKeyTypeId ?? 0)
        .u32("btf_value_type_id", o.btfValueTypeId ?? 0)
        .u32("btf_vmlinux_value_type_id", o.btfVmlinuxValueTypeId ?? 0)
        .u64("map_extra", o.mapExtra ?? 0n);
      if (o.btfFd !== undefined) a.u32("btf_fd", o.btfFd);
    },
    ({ ret }) => ret,
    `BPF_MAP_CREATE${o.name ? ` '${o.name}'` : ""}`,
  );
}

/**
 * The kernel accepts object names of at most 15 bytes of letters, digits, '_' and '.'
 * (kernel: bpf_obj_name_cpy); anything else is EINVAL. Other characters become '_'.
 */
export function kernelObjectName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.]/g, "_").slice(0, 15);
}

/**
 * BPF_MAP_LOOKUP_ELEM into a value buffer of `valueBytes` (value_size, or the per-CPU size for
 * per-CPU maps). ENOENT is not an error here: the result is `undefined`. `key` undefined peeks at
 * a queue or stack map.
 */
export function mapLookup(
  fd: number,
  key: Uint8Array | undefined,
  valueBytes: number,
  flags = 0,
): KernelResult<Uint8Array | undefined> {
  const r = elemCall(BpfCommand.MAP_LOOKUP_ELEM, fd, key, valueBytes, undefined, flags);
  if (!r.ok && r.errno === 2) return success(undefined);
  return r;
}

/**
 * BPF_MAP_UPDATE_ELEM (flags: UpdateFlags.ANY / NOEXIST / EXIST / F_LOCK). `key` undefined pushes
 * onto a queue or stack map.
 */
export function mapUpdate(
  fd: number,
  key: Uint8Array | undefined,
  value: Uint8Array,
  flags: number = UpdateFlags.ANY,
): KernelResult<void> {
  const r = elemCall(BpfCommand.MAP_UPDATE_ELEM, fd, key, 0, value, flags);
  return r.ok ? success(undefined) : r;
}

/** BPF_MAP_DELETE_ELEM; ENOENT is reported (the key was not there). */
export function mapDelete(fd: number, key: Uint8Array): KernelResult<void> {
  const r = elemCall(BpfCommand.MAP_DELETE_ELEM, fd, key, 0, undefined, 0);
  return r.ok ? success(undefined) : r;
}

/**
 * BPF_MAP_GET_NEXT_KEY: the key after `key`, or the first key when `key` is undefined (a NULL key
 * pointer, kernel ≥ 4.12). `undefined` at the end (ENOENT).
 */
export function mapGetNextKey(
  fd: number,
  key: Uint8Array | undefined,
  keySize: number,
): KernelResult<Uint8Array | undefined> {
  let next: Uint8Array | undefined;
  const r = bpfCall(
    BpfCommand.MAP_GET_NEXT_KEY,
    MapElemAttr,
    (a, arena) => {
      a.u32("map_fd", fd);
      if (key) a.u64("key", arena.bytes(key).address);
      const out = arena.alloc(keySize);
      a.u64("next_key", out.address);
      next = out.bytes;
    },
    () => next!.slice(),
  );
  if (!r.ok && r.errno === 2) return success(undefined);
  return r;
}

/**
 * BPF_MAP_LOOKUP_AND_DELETE_ELEM: pop for queue/stack maps (pass `key` undefined), or take-and-remove
 * for hash maps (kernel ≥ 5.14). `undefined` when empty (ENOENT).
 */
export function mapLookupAndDelete(
  fd: number,
  key: Uint8Array | undefined,
  valueBytes: number,
  flags = 0,
): KernelResult<Uint8Array | undefined> {
  const r = elemCall(BpfCommand.MAP_LOOKUP_AND_DELETE_ELEM, fd, key, valueBytes, undefined, flags);
  if (!r.ok && r.errno === 2) return success(undefined);
  return r;
}

/** BPF_MAP_FREEZE: no more writes from user space (used for .rodata after its contents are set). */
export function mapFreeze(fd: number): KernelResult<void> {
  return bpfCall(
    BpfCommand.MAP_FREEZE,
    MapElemAttr,
    (a) => a.u32("map_fd", fd),
    () => undefined,
  );
}

/** Shared body of the *_ELEM commands: key in, value in or out. */
function elemCall(
  cmd: number,
  fd: number,
  key: Uint8Array | undefined,
  outBytes: number,
  valueIn: Uint8Array | undefined,
  flags: number,
): KernelResult<Uint8Array> {
  let out: Uint8Array | undefined;
  return bpfCall(
    cmd,
    MapElemAttr,
    (a, arena) => {
      a.u32("map_fd", fd).u64("flags", BigInt(flags));
      if (key) a.u64("key", arena.bytes(key).address);
      if (valueIn) a.u64("value", arena.bytes(valueIn).address);
      else if (outBytes > 0) {
        const block = arena.alloc(outBytes);
        out = block.bytes;
        a.u64("value", block.address);
      }
    },
    () => (out ? out.slice() : new Uint8Array(0)),
  );
}
