import { existsSync } from "node:fs";
import koffi from "koffi";

/**
 * The kernel's verdict on each program of a clang-built object, loaded the way real users load
 * them: through libbpf (libbpf.so.1 from libbpf-dev, called with koffi), which loads BTF, applies
 * CO-RE relocations, creates and freezes global data maps and sanitises what the kernel would not
 * take. Each program is loaded on its own (the others' autoload off) so one refusal does not hide
 * the verdicts of the rest. Used by the differential tests and bench/verifier.ts.
 */

export interface ObjectProgramVerdict {
  readonly name: string;
  /**
   * The verifier's verdict; undefined when the program never reached it (libbpf refused the
   * object or section first) or was loaded but failed after verification (e.g. a program array
   * that names a program not loaded).
   */
  readonly accepted: boolean | undefined;
  /** errno of the failed load (0 when accepted). */
  readonly errno: number;
  /** "processed N insns" of the kernel's log. */
  readonly processed: number | undefined;
  /** "verification time N usec" of the kernel's log. */
  readonly timeUs: number | undefined;
  /** bpf_prog_info.verified_insns of the loaded program (accepted programs only). */
  readonly verifiedInsns?: number;
  /** Level-1 log on refusal, the statistics lines on success. */
  readonly log: string;
}

type Ptr = unknown;

interface Api {
  open(path: string): Ptr | null;
  next(obj: Ptr, prev: Ptr | null): Ptr | null;
  name(prog: Ptr): string;
  setAutoload(prog: Ptr, on: boolean): number;
  setLogBuf(prog: Ptr, buf: Buffer, size: number): number;
  setLogLevel(prog: Ptr, level: number): number;
  load(obj: Ptr): number;
  close(obj: Ptr): void;
  fd(prog: Ptr): number;
  info(fd: number, info: Buffer, len: Buffer): number;
}

let api: Api | undefined | null;

function bind(): Api | undefined {
  if (api !== undefined) return api ?? undefined;
  try {
    const lib = koffi.load("libbpf.so.1");
    koffi.opaque("bpf_object");
    koffi.opaque("bpf_program");
    const printFn = koffi.proto("int libbpf_print_fn(int level, const char *fmt, void *args)");
    const setPrint = lib.func("void *libbpf_set_print(libbpf_print_fn *fn)");
    setPrint(null); // libbpf's own messages would flood the test output
    api = {
      open: (
        (f: (p: string, o: null) => Ptr) => (p: string) =>
          f(p, null)
      )(
        lib.func("bpf_object *bpf_object__open_file(const char *path, void *opts)") as (
          p: string,
          o: null,
        ) => Ptr,
      ),
      next: lib.func("bpf_program *bpf_object__next_program(bpf_object *obj, bpf_program *prog)") as (
        o: Ptr,
        p: Ptr | null,
      ) => Ptr | null,
      name: lib.func("const char *bpf_program__name(bpf_program *prog)") as (p: Ptr) => string,
      setAutoload: lib.func("int bpf_program__set_autoload(bpf_program *prog, bool autoload)") as (
        p: Ptr,
        on: boolean,
      ) => number,
      setLogBuf: lib.func("int bpf_program__set_log_buf(bpf_program *prog, void *buf, size_t size)") as (
        p: Ptr,
        b: Buffer,
        n: number,
      ) => number,
      setLogLevel: lib.func("int bpf_program__set_log_level(bpf_program *prog, uint32_t level)") as (
        p: Ptr,
        l: number,
      ) => number,
      load: lib.func("int bpf_object__load(bpf_object *obj)") as (o: Ptr) => number,
      close: lib.func("void bpf_object__close(bpf_object *obj)") as (o: Ptr) => void,
      fd: lib.func("int bpf_program__fd(bpf_program *prog)") as (p: Ptr) => number,
      info: lib.func("int bpf_obj_get_info_by_fd(int fd, void *info, void *len)") as (
        fd: number,
        info: Buffer,
        len: Buffer,
      ) => number,
    };
    void printFn;
  } catch {
    api = null;
  }
  return api ?? undefined;
}

/** Why objects cannot be loaded through libbpf here, or undefined when they can. */
export function libbpfUnavailable(): string | undefined {
  if (process.platform !== "linux") return "needs Linux";
  if (!existsSync("/sys/kernel/btf/vmlinux")) return "no /sys/kernel/btf/vmlinux";
  if (!bind()) return "libbpf.so.1 cannot be loaded (apt-get install libbpf1)";
  return undefined;
}

const LOG_SIZE = 1 << 24;
let logBuf: Buffer | undefined;

function programNames(a: Api, path: string): string[] | undefined {
  const obj = a.open(path);
  if (!obj) return undefined;
  const names: string[] = [];
  for (let p = a.next(obj, null); p; p = a.next(obj, p)) names.push(a.name(p));
  a.close(obj);
  return names;
}

function loadOne(a: Api, path: string, name: string, level: number): ObjectProgramVerdict {
  const obj = a.open(path);
  if (!obj)
    return { name, accepted: false, errno: koffi.errno(), processed: undefined, timeUs: undefined, log: "" };
  const buf = (logBuf ??= Buffer.alloc(LOG_SIZE));
  buf.fill(0, 0, 1 << 16);
  let prog: Ptr | undefined;
  for (let p = a.next(obj, null); p; p = a.next(obj, p)) {
    const mine = a.name(p) === name;
    a.setAutoload(p, mine);
    if (mine) {
      prog = p;
      a.setLogBuf(p, buf, LOG_SIZE);
      a.setLogLevel(p, level);
    }
  }
  const err = a.load(obj);
  const verifiedInsns = err === 0 && prog ? verifiedInsnsOf(a, a.fd(prog)) : undefined;
  a.close(obj);
  const log = buf.toString("utf8", 0, Math.max(0, buf.indexOf(0)));
  const processed = /processed (\d+) insns/.exec(log)?.[1];
  const time = /verification time (\d+) usec/.exec(log)?.[1];
  return {
    name,
    accepted: err === 0,
    errno: err < 0 ? -err : 0,
    processed: processed !== undefined ? Number(processed) : undefined,
    timeUs: time !== undefined ? Number(time) : undefined,
    ...(verifiedInsns !== undefined ? { verifiedInsns } : {}),
    log,
  };
}

/** uapi struct bpf_prog_info: offset of verified_insns (Linux 5.16+), and a size that covers it. */
const VERIFIED_INSNS_OFFSET = 216;
const PROG_INFO_SIZE = 232;

/** bpf_prog_info.verified_insns of a loaded program (libbpf: bpf_obj_get_info_by_fd). */
function verifiedInsnsOf(a: Api, fd: number): number | undefined {
  if (fd < 0) return undefined;
  const info = Buffer.alloc(PROG_INFO_SIZE);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(PROG_INFO_SIZE);
  if (a.info(fd, info, len) !== 0 || len.readUInt32LE() < VERIFIED_INSNS_OFFSET + 4) return undefined;
  return info.readUInt32LE(VERIFIED_INSNS_OFFSET);
}

/**
 * Loads every program of the object at `path` on its own; undefined when libbpf cannot open the
 * object at all (e.g. legacy `maps` sections, which libbpf 1.x dropped). Accepted programs are
 * loaded with statistics only (a full log of a big program would not fit the buffer); refused ones
 * again with a level-1 log for the reason.
 */
export function kernelLoadObject(path: string): ObjectProgramVerdict[] | undefined {
  const a = bind();
  if (!a) return undefined;
  const names = programNames(a, path);
  if (!names) return undefined;
  return names.map((name) => {
    const stats = loadOne(a, path, name, 4);
    if (stats.accepted) return stats;
    const detailed = loadOne(a, path, name, 1);
    return { ...detailed, accepted: verifierVerdict(detailed.log) };
  });
}

/**
 * Reads the verifier's own verdict from a level-1 log of a failed load: refused when an error
 * message precedes the statistics line; accepted when the last line before it is an instruction
 * (the load then failed for another reason); undefined without a log (libbpf gave up earlier).
 */
function verifierVerdict(log: string): boolean | undefined {
  const lines = log.trimEnd().split("\n");
  const at = lines.findIndex((l) => l.startsWith("processed "));
  if (at < 0) return log.trim() ? false : undefined;
  const before = lines
    .slice(0, at)
    .filter((l) => !l.startsWith("verification time") && !l.startsWith("stack depth"))
    .at(-1);
  if (before === undefined) return undefined;
  return /^\d+: (\(|safe)|^from \d+ to \d+/.test(before) ? undefined : false;
}
