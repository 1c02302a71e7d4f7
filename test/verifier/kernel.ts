import { existsSync } from "node:fs";
import koffi from "koffi";
import { encodeProgram, insn as mkInsn, LdImm64Src, Op, type Instruction } from "../../runtime/isa/index.js";
import type { CollectionSpec, MapSpec, ProgramSpec } from "../../runtime/object/spec.js";
import { dataSectionMap } from "../../runtime/verifier/program.js";
import { ProgType, type ProgTypeName } from "../../runtime/uapi/bpf.js";

/**
 * A minimal bpf(2) loader for the verifier's differential tests: creates maps and loads a program
 * with a verifier log, through koffi and syscall(2). runtime/kernel is being written in parallel
 * and will replace this; it is kept to what these tests need.
 */

export interface KernelVerdict {
  readonly accepted: boolean;
  readonly errno: number;
  readonly log: string;
  /** "processed N insns" of the kernel's log (level 1 and up). */
  readonly processed: number | undefined;
  /** "verification time N usec" (log level 4). */
  readonly timeUs: number | undefined;
}

const SYS_BPF = 321; // x86-64
let logBuffer: Buffer | undefined;
const BPF_MAP_CREATE = 0;
const BPF_PROG_LOAD = 5;
const BPF_MAP_UPDATE_ELEM = 2;
const BPF_MAP_FREEZE = 22;

let api:
  | {
      syscall: (nr: number, cmd: number, attr: Buffer, size: number) => number;
      address: (buf: Buffer) => bigint;
      close: (fd: number) => number;
    }
  | undefined;

function load() {
  if (api) return api;
  const libc = koffi.load("libc.so.6");
  const syscall = libc.func("long syscall(long nr, int cmd, void *attr, unsigned int size)");
  const memmove = libc.func("void *memmove(void *d, void *s, size_t n)");
  const close = libc.func("int close(int fd)");
  api = {
    syscall: (nr, cmd, attr, size) => Number(syscall(nr, cmd, attr, size)),
    // the address of a Buffer's bytes: memmove(buf, buf, 0) returns its first argument
    address: (buf) => BigInt(koffi.address(memmove(buf, buf, 0))),
    close: (fd) => Number(close(fd)),
  };
  return api;
}

/** Why the kernel tests cannot run here, or undefined when they can. */
export function kernelUnavailable(): string | undefined {
  if (process.platform !== "linux" || process.arch !== "x64") return "needs Linux on x86-64";
  if (!existsSync("/sys/kernel/btf/vmlinux")) return "no /sys/kernel/btf/vmlinux";
  try {
    const probe = kernelVerdict([mkInsn(0xb7), mkInsn(Op.EXIT)], "SOCKET_FILTER", []);
    if (!probe.accepted) return `bpf(BPF_PROG_LOAD) fails (errno ${probe.errno}): needs root`;
  } catch (e) {
    return `bpf() unusable: ${(e as Error).message}`;
  }
  return undefined;
}

function createMap(spec: MapSpec): number {
  const { syscall } = load();
  const attr = Buffer.alloc(128);
  attr.writeUInt32LE(spec.type, 0);
  attr.writeUInt32LE(spec.keySize, 4);
  attr.writeUInt32LE(spec.valueSize, 8);
  attr.writeUInt32LE(spec.maxEntries, 12);
  attr.writeUInt32LE(spec.flags, 16);
  const fd = syscall(SYS_BPF, BPF_MAP_CREATE, attr, attr.length);
  if (fd < 0) throw new Error(`BPF_MAP_CREATE ${spec.name} failed: errno ${koffi.errno()}`);
  return fd;
}

/** BPF_PROG_LOAD of instructions whose map references are already file descriptors. */
function loadRaw(
  patched: readonly Instruction[],
  type: ProgTypeName,
  options: { logLevel?: number; license?: string; expectedAttachType?: number },
): KernelVerdict {
  const { syscall, address, close } = load();
  const insns = Buffer.from(encodeProgram(patched));
  const license = Buffer.from((options.license ?? "GPL") + "\0");
  const log = (logBuffer ??= Buffer.alloc(1 << 22));
  log.fill(0, 0, 1 << 16);
  const attr = Buffer.alloc(160);
  attr.writeUInt32LE(ProgType[type], 0);
  attr.writeUInt32LE(insns.length / 8, 4);
  attr.writeBigUInt64LE(address(insns), 8);
  attr.writeBigUInt64LE(address(license), 16);
  attr.writeUInt32LE(options.logLevel ?? 1, 24);
  attr.writeUInt32LE(log.length, 28);
  attr.writeBigUInt64LE(address(log), 32);
  attr.writeUInt32LE(options.expectedAttachType ?? 0, 68);
  const fd = syscall(SYS_BPF, BPF_PROG_LOAD, attr, attr.length);
  const errno = fd < 0 ? koffi.errno() : 0;
  if (fd >= 0) close(fd);
  const text = log.toString("utf8", 0, Math.max(0, log.indexOf(0)));
  const m = /processed (\d+) insns/.exec(text);
  const t = /verification time (\d+) usec/.exec(text);
  return {
    accepted: fd >= 0,
    errno,
    log: text,
    processed: m ? Number(m[1]) : undefined,
    timeUs: t ? Number(t[1]) : undefined,
  };
}

/**
 * Loads `program` (lddw map immediates are indexes into `maps`, as tsbpf's verifier reads them
 * without relocations) and returns the kernel's verdict with its log at `logLevel`.
 */
export function kernelVerdict(
  program: readonly Instruction[],
  type: ProgTypeName,
  maps: readonly MapSpec[],
  options: { logLevel?: number; license?: string; expectedAttachType?: number } = {},
): KernelVerdict {
  const { syscall, address, close } = load();
  const fds: number[] = [];
  try {
    for (const m of maps) fds.push(createMap(m));
    const patched = program.map((i) => {
      if (i.opcode !== Op.LDDW) return i;
      if (i.src !== LdImm64Src.MAP_FD && i.src !== LdImm64Src.MAP_VALUE) return i;
      const fd = fds[i.imm];
      return fd === undefined ? i : { ...i, imm: fd };
    });
    return loadRaw(patched, type, options);
  } finally {
    for (const fd of fds) close(fd);
  }
}

/**
 * Loads one program of a collection (tsbpf's compiler output or any CollectionSpec) the way a
 * loader would: creates its maps and one array map per global data section (read-only sections
 * frozen), points every map relocation at them, and returns the kernel's verdict. Without BTF, so
 * func_info and line_info are not passed (a program with global functions needs libbpf).
 */
export function kernelVerdictSpec(
  program: ProgramSpec,
  collection: CollectionSpec,
  options: { logLevel?: number } = {},
): KernelVerdict {
  const { syscall, address, close } = load();
  const fds = new Map<string, number>();
  try {
    for (const m of collection.maps) fds.set(m.name, createMap(m));
    for (const d of collection.data) {
      const fd = createMap(dataSectionMap(d));
      fds.set(d.name, fd);
      const key = Buffer.alloc(4);
      const value = Buffer.alloc(Math.max(d.bytes.length, 1));
      value.set(d.bytes);
      const attr = Buffer.alloc(32);
      attr.writeUInt32LE(fd, 0);
      attr.writeBigUInt64LE(address(key), 8);
      attr.writeBigUInt64LE(address(value), 16);
      if (syscall(SYS_BPF, BPF_MAP_UPDATE_ELEM, attr, attr.length) < 0)
        throw new Error(`BPF_MAP_UPDATE_ELEM ${d.name}: errno ${koffi.errno()}`);
      if (d.readOnly) {
        const freeze = Buffer.alloc(8);
        freeze.writeUInt32LE(fd, 0);
        if (syscall(SYS_BPF, BPF_MAP_FREEZE, freeze, freeze.length) < 0)
          throw new Error(`BPF_MAP_FREEZE ${d.name}: errno ${koffi.errno()}`);
      }
    }
    const relocs = new Map(program.relocations.map((r) => [r.insn, r.target]));
    const patched = program.instructions.map((insn, i) => {
      const t = relocs.get(i);
      if (!t || insn.opcode !== Op.LDDW) return insn;
      if (t.kind === "map") return { ...insn, src: LdImm64Src.MAP_FD, imm: fds.get(t.map)! };
      if (t.kind === "mapValue")
        return { ...insn, src: LdImm64Src.MAP_VALUE, imm: fds.get(t.map)!, immHi: t.offset };
      return insn;
    });
    return loadRaw(patched, program.type, {
      ...options,
      license: program.license,
      ...(program.expectedAttachType !== undefined ? { expectedAttachType: program.expectedAttachType } : {}),
    });
  } finally {
    for (const fd of fds.values()) close(fd);
  }
}
