import { BpfCommand } from "../uapi/bpf.js";
import { BtfLoadAttr, IdAttr, InfoAttr, ObjAttr, ProgAttachAttr, LinkDetachAttr } from "./attr.js";
import { type KernelResult, kernelError, success } from "./errors.js";
import { type Arena, cString } from "./memory.js";
import { bpfCall } from "./syscall.js";

/** BPF_OBJ_PIN: pins a map, program or link fd at a path inside a bpffs mount. */
export function objPin(fd: number, path: string): KernelResult<void> {
  return bpfCall(
    BpfCommand.OBJ_PIN,
    ObjAttr,
    (a, arena) => a.u64("pathname", arena.cstring(path).address).u32("bpf_fd", fd),
    () => undefined,
    `BPF_OBJ_PIN ${path}`,
  );
}

/** BPF_OBJ_GET: a new fd for the object pinned at `path` (flags: ObjFlags.RDONLY / WRONLY). */
export function objGet(path: string, flags = 0): KernelResult<number> {
  return bpfCall(
    BpfCommand.OBJ_GET,
    ObjAttr,
    (a, arena) => a.u64("pathname", arena.cstring(path).address).u32("file_flags", flags),
    ({ ret }) => ret,
    `BPF_OBJ_GET ${path}`,
  );
}

export interface LoadedBtf {
  readonly fd: number;
  readonly log: string;
}

/**
 * BPF_BTF_LOAD. On failure the load is repeated with log level 1 so the KernelError carries the
 * kernel's BTF log (kernel: btf_parse), with the buffer grown while it reports ENOSPC.
 */
export function btfLoad(btf: Uint8Array, logLevel = 0, logSize = 64 * 1024): KernelResult<LoadedBtf> {
  let level = logLevel;
  let size = level > 0 ? logSize : 0;
  for (;;) {
    let log = "";
    let view: Uint8Array | undefined;
    let trueSize = 0;
    const r = bpfCall(
      BpfCommand.BTF_LOAD,
      BtfLoadAttr,
      (a, arena) => {
        a.u64("btf", arena.bytes(btf).address).u32("btf_size", btf.length);
        if (level > 0) {
          const buf = arena.alloc(size);
          view = buf.bytes;
          a.u64("btf_log_buf", buf.address).u32("btf_log_size", size).u32("btf_log_level", level);
        }
      },
      ({ ret }) => ret,
      "BPF_BTF_LOAD",
      (attr) => {
        trueSize = attr.getU32("btf_log_true_size");
        log = view ? cString(view) : "";
      },
    );
    if (r.ok) return success({ fd: r.value, log });
    if (level === 0) {
      level = 1;
      size = logSize;
      continue;
    }
    if (r.errno === 28 && size < 1 << 30) {
      size = Math.min(1 << 30, Math.max(size * 4, trueSize));
      continue;
    }
    const last = log.trimEnd().split("\n").pop();
    return kernelError("BPF_BTF_LOAD", r.errno, { log, ...(last ? { detail: last } : {}) });
  }
}

/** Which object kind a *_GET_NEXT_ID / *_GET_FD_BY_ID command is about. */
export type ObjectKind = "prog" | "map" | "btf" | "link";

const NEXT_ID: Record<ObjectKind, number> = {
  prog: BpfCommand.PROG_GET_NEXT_ID,
  map: BpfCommand.MAP_GET_NEXT_ID,
  btf: BpfCommand.BTF_GET_NEXT_ID,
  link: BpfCommand.LINK_GET_NEXT_ID,
};
const FD_BY_ID: Record<ObjectKind, number> = {
  prog: BpfCommand.PROG_GET_FD_BY_ID,
  map: BpfCommand.MAP_GET_FD_BY_ID,
  btf: BpfCommand.BTF_GET_FD_BY_ID,
  link: BpfCommand.LINK_GET_FD_BY_ID,
};

/** BPF_{PROG,MAP,BTF,LINK}_GET_NEXT_ID: the id after `startId`, undefined at the end (ENOENT). */
export function getNextId(kind: ObjectKind, startId: number): KernelResult<number | undefined> {
  const r = bpfCall(
    NEXT_ID[kind],
    IdAttr,
    (a) => a.u32("start_id", startId),
    ({ attr }) => attr.getU32("next_id"),
  );
  if (!r.ok && r.errno === 2) return success(undefined);
  return r;
}

/** Every id of a kind currently in the kernel, in increasing order. */
export function listIds(kind: ObjectKind): KernelResult<number[]> {
  const ids: number[] = [];
  let id = 0;
  for (;;) {
    const r = getNextId(kind, id);
    if (!r.ok) return r;
    if (r.value === undefined) return success(ids);
    ids.push(r.value);
    id = r.value;
  }
}

/** BPF_{PROG,MAP,BTF,LINK}_GET_FD_BY_ID: a new fd (the caller owns it). */
export function getFdById(kind: ObjectKind, id: number, openFlags = 0): KernelResult<number> {
  return bpfCall(
    FD_BY_ID[kind],
    IdAttr,
    (a) => {
      a.u32("start_id", id);
      if (kind === "map") a.u32("open_flags", openFlags);
    },
    ({ ret }) => ret,
  );
}

/**
 * BPF_OBJ_GET_INFO_BY_FD into a zeroed buffer of `size` bytes; `prepare` may set pointer fields
 * (e.g. map_ids) in it first and return a function that reads what they point to after a
 * successful call, while that memory is still allocated. Returns the bytes the kernel filled.
 */
export function objGetInfo(
  fd: number,
  size: number,
  prepare?: (info: DataView, arena: Arena) => (() => void) | void,
): KernelResult<Uint8Array> {
  let out: Uint8Array | undefined;
  let collect: (() => void) | void;
  return bpfCall(
    BpfCommand.OBJ_GET_INFO_BY_FD,
    InfoAttr,
    (a, arena) => {
      const info = arena.alloc(size);
      out = info.bytes;
      collect = prepare?.(info.view, arena);
      a.u32("bpf_fd", fd).u32("info_len", size).u64("info", info.address);
    },
    ({ attr }) => {
      collect?.();
      return out!.slice(0, Math.min(size, attr.getU32("info_len")));
    },
  );
}

/** BPF_PROG_ATTACH (cgroup programs, flow dissector, sockmap parsers ...). */
export function progAttach(
  targetFd: number,
  progFd: number,
  attachType: number,
  flags = 0,
): KernelResult<void> {
  return bpfCall(
    BpfCommand.PROG_ATTACH,
    ProgAttachAttr,
    (a) =>
      a
        .u32("target_fd", targetFd)
        .u32("attach_bpf_fd", progFd)
        .u32("attach_type", attachType)
        .u32("attach_flags", flags),
    () => undefined,
  );
}

/** BPF_PROG_DETACH */
export function progDetach(targetFd: number, progFd: number, attachType: number): KernelResult<void> {
  return bpfCall(
    BpfCommand.PROG_DETACH,
    ProgAttachAttr,
    (a) => a.u32("target_fd", targetFd).u32("attach_bpf_fd", progFd).u32("attach_type", attachType),
    () => undefined,
  );
}

/** BPF_LINK_DETACH: detaches a link while its fd stays open (kernel ≥ 5.9). */
export function linkDetach(linkFd: number): KernelResult<void> {
  return bpfCall(
    BpfCommand.LINK_DETACH,
    LinkDetachAttr,
    (a) => a.u32("link_fd", linkFd),
    () => undefined,
  );
}
