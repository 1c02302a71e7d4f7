import { MapType, ProgType } from "../uapi/bpf.js";
import { insn } from "../isa/instruction.js";
import { Op, Cls, Alu, Src } from "../isa/opcodes.js";
import { type KernelError } from "./errors.js";
import { loadLibc } from "./libc.js";
import { mapCreate } from "./map-commands.js";
import { progLoad } from "./prog-load.js";
import { closeFd } from "./syscall.js";

export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

let cached: Availability | undefined;

/**
 * Whether this process can use bpf(2): Linux, libc through koffi, a map and a trivial socket
 * filter can be created. Tests skip with `reason` when not. Probed once per process.
 */
export function kernelAvailability(): Availability {
  cached ??= probe();
  return cached;
}

function probe(): Availability {
  const libc = loadLibc();
  if (!libc.ok) return { ok: false, reason: libc.message };
  const map = mapCreate({
    type: MapType.ARRAY,
    keySize: 4,
    valueSize: 4,
    maxEntries: 1,
    name: "tsbpf_probe",
  });
  if (!map.ok) return { ok: false, reason: explain(map) };
  closeFd(map.value);
  const prog = progLoad({
    type: ProgType.SOCKET_FILTER,
    instructions: [insn(Cls.ALU64 | Alu.MOV | Src.K, { dst: 0, imm: 0 }), insn(Op.EXIT)],
    name: "tsbpf_probe",
  });
  if (!prog.ok) return { ok: false, reason: explain(prog) };
  closeFd(prog.value.fd);
  return { ok: true };
}

function explain(e: KernelError): string {
  const uid = process.getuid?.();
  switch (e.name) {
    case "EPERM":
    case "EACCES":
      return `bpf() refused (${e.name}): ${uid === 0 ? "root but without CAP_BPF/CAP_SYS_ADMIN (container? lockdown?)" : `not root (uid ${uid}); run as root or grant CAP_BPF+CAP_PERFMON`}`;
    case "ENOSYS":
      return "bpf() is not implemented by this kernel (CONFIG_BPF_SYSCALL=n) or blocked by seccomp";
    default:
      return `bpf() probe failed: ${e.message}`;
  }
}
