import { error } from "../../../runtime/diag/diagnostic.js";
import { RunCode } from "../../../runtime/run/codes.js";
import { parseDuration } from "../../../runtime/run/duration.js";
import type { SessionResult } from "../../../runtime/run/kernel-session.js";
import { refuse, type Io } from "../report.js";

export interface RunCommandOptions {
  duration?: string;
  interval?: string;
  json?: boolean;
  program?: string[];
  vm?: boolean;
  input?: string;
  iface?: string;
  cgroup?: string;
  socketFd?: string;
  uprobe?: string;
  pid?: string;
  verify?: boolean;
}

function usage(io: Io, message: string, hint?: string): number {
  return refuse(io, [error(RunCode.USAGE, message, hint ? { hint } : {})]);
}

function integer(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * `tsbpf run probe.ts`: load, attach, stream events and print maps until --duration, Ctrl-C or
 * SIGTERM; `--vm --input FILE` replays recorded inputs through the VM instead. Exit 0 when the
 * session ran, 1 when anything refused it (printed as diagnostics with codes).
 */
export async function runCommand(io: Io, file: string, o: RunCommandOptions): Promise<number> {
  const durationMs = o.duration !== undefined ? parseDuration(o.duration) : undefined;
  if (o.duration !== undefined && durationMs === undefined)
    return usage(io, `--duration ${o.duration} is not a duration`, "write e.g. 10s, 500ms, 2m");
  const intervalMs = o.interval !== undefined ? parseDuration(o.interval) : undefined;
  if (o.interval !== undefined && intervalMs === undefined)
    return usage(io, `--interval ${o.interval} is not a duration`, "write e.g. 1s, 250ms");
  const socketFd = integer(o.socketFd);
  if (o.socketFd !== undefined && socketFd === undefined)
    return usage(io, `--socket-fd ${o.socketFd} is not an fd number`);
  const pid = integer(o.pid);
  if (o.pid !== undefined && pid === undefined) return usage(io, `--pid ${o.pid} is not a process id`);
  const programs = o.program ?? [];
  let result: SessionResult;
  if (o.vm) {
    if (!o.input)
      return usage(
        io,
        "--vm replays recorded inputs: pass --input events.jsonl",
        "see docs/run.md for the format",
      );
    // each mode imports only its own half: the VM, sandbox and replay parser are not needed to
    // attach to the kernel, nor the kernel loader to replay (launch time, issue #9)
    const { runVmReplay } = await import("../../../runtime/run/vm-replay.js");
    result = await runVmReplay(
      { file, input: o.input, programs, json: o.json === true, verify: o.verify !== false },
      io,
    );
  } else {
    if (o.input) return usage(io, "--input is for --vm (replaying recorded inputs through the VM)");
    const { runKernelSession } = await import("../../../runtime/run/kernel-session.js");
    result = await runKernelSession(
      {
        file,
        programs,
        json: o.json === true,
        verify: o.verify !== false,
        ...(durationMs !== undefined ? { durationMs } : {}),
        ...(intervalMs !== undefined ? { intervalMs } : {}),
        ...(o.iface !== undefined ? { iface: o.iface } : {}),
        ...(o.cgroup !== undefined ? { cgroup: o.cgroup } : {}),
        ...(socketFd !== undefined ? { socketFd } : {}),
        ...(o.uprobe !== undefined ? { uprobe: o.uprobe } : {}),
        ...(pid !== undefined ? { pid } : {}),
      },
      io,
    );
  }
  return result.ok ? 0 : refuse(io, result.diagnostics);
}
