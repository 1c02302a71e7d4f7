import type { Instruction } from "../isa/instruction.js";
import type { Relocation } from "../object/spec.js";
import { ProgType } from "../uapi/bpf.js";
import { type KernelResult, success } from "./errors.js";
import type { KernelMap } from "./kernel-map.js";
import { KernelProgram } from "./kernel-program.js";
import { patchRelocations } from "./patch-relocations.js";

/** Options of the one-shot test-run helpers. */
export interface RunProgramOptions {
  /** Maps by name, for `relocations` (kind "map"/"mapValue") and lddw MAP_FD with meta.reloc.symbol. */
  readonly maps?: Readonly<Record<string, KernelMap>>;
  readonly relocations?: readonly Relocation[];
  /** Context in (struct xdp_md / struct __sk_buff bytes); the kernel derives one when absent. */
  readonly ctx?: Uint8Array;
  readonly repeat?: number;
  readonly expectedAttachType?: number;
  readonly license?: string;
  /** Verifier log level of the load (0: a log only when rejected). */
  readonly logLevel?: number;
}

export interface RunProgramResult {
  /** r0 as the kernel reports it: the low 32 bits, unsigned. */
  readonly retval: number;
  /** The packet after the program (XDP may have resized it; socket filters leave it unchanged). */
  readonly packet: Uint8Array;
  readonly ctxOut: Uint8Array;
  /** Mean ns per run, the kernel's own measure. */
  readonly duration: number;
  /** The verifier's log when a log level was asked for. */
  readonly log: string;
}

/**
 * Loads `program` as `type`, runs it once (or `repeat` times) on `packet` with BPF_PROG_TEST_RUN
 * and unloads it. Meant for differential tests of the VM against the kernel: the same instructions
 * and packet in both, compare retval and packet. A verifier rejection comes back as a KernelError
 * with the log.
 */
export function runProgram(
  type: number,
  program: readonly Instruction[],
  packet: Uint8Array,
  options: RunProgramOptions = {},
): KernelResult<RunProgramResult> {
  const maps = options.maps ?? {};
  const patched = patchRelocations(program, options.relocations ?? [], (name) => maps[name]?.fd);
  if (!patched.ok) return patched;
  const loaded = KernelProgram.load({
    type,
    instructions: patched.value,
    name: "tsbpf_test",
    license: options.license ?? "GPL",
    ...(options.expectedAttachType !== undefined ? { expectedAttachType: options.expectedAttachType } : {}),
    ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
  });
  if (!loaded.ok) return loaded;
  const prog = loaded.value;
  try {
    const run = prog.testRun({
      data: packet,
      ...(options.ctx ? { ctx: options.ctx } : {}),
      ...(options.repeat !== undefined ? { repeat: options.repeat } : {}),
    });
    if (!run.ok) return run;
    return success({
      retval: run.value.retval,
      packet: run.value.dataOut,
      ctxOut: run.value.ctxOut,
      duration: run.value.duration,
      log: prog.log,
    });
  } finally {
    prog.close();
  }
}

/** runProgram as XDP (retval is an XdpAction). The kernel needs packets of at least 14 bytes (ETH_HLEN). */
export function testRunXdp(
  program: readonly Instruction[],
  packet: Uint8Array,
  options: RunProgramOptions = {},
): KernelResult<RunProgramResult> {
  return runProgram(ProgType.XDP, program, packet, options);
}

/** runProgram as SOCKET_FILTER (retval: bytes of the packet to keep, 0 = drop). Packets ≥ 14 bytes. */
export function testRunSocketFilter(
  program: readonly Instruction[],
  packet: Uint8Array,
  options: RunProgramOptions = {},
): KernelResult<RunProgramResult> {
  return runProgram(ProgType.SOCKET_FILTER, program, packet, options);
}

/** runProgram as SCHED_CLS (tc); retval is a TC_ACT_* code. */
export function testRunSchedCls(
  program: readonly Instruction[],
  packet: Uint8Array,
  options: RunProgramOptions = {},
): KernelResult<RunProgramResult> {
  return runProgram(ProgType.SCHED_CLS, program, packet, options);
}
