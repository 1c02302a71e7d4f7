import { BpfCommand } from "../uapi/bpf.js";
import { AttrWriter, type Layout } from "./attr.js";
import { type KernelResult, kernelError, success } from "./errors.js";
import { loadLibc } from "./libc.js";
import { type Arena, withArena } from "./memory.js";

const COMMAND_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(BpfCommand).map(([name, n]) => [n, `BPF_${name}`]),
);

/** "BPF_MAP_CREATE" for 0, ... */
export function commandName(cmd: number): string {
  return COMMAND_NAMES[cmd] ?? `bpf cmd ${cmd}`;
}

/** What a bpf(2) call returned, with the attr as the kernel left it (outputs are written back). */
export interface BpfReturn<F extends string> {
  readonly ret: number;
  readonly attr: AttrWriter<F>;
}

/**
 * One bpf(2) call: a zeroed attr of `layout.size` bytes in native memory is filled by `fill`
 * (which may allocate more native memory from the arena for the pointers it stores), the syscall
 * runs, and `read` sees the attr and the arena's blocks before they are freed. EINTR and EAGAIN on
 * BPF_PROG_LOAD are retried like libbpf's sys_bpf_prog_load does (a few times).
 */
export function bpfCall<F extends string, T>(
  cmd: number,
  layout: Layout<F>,
  fill: (attr: AttrWriter<F>, arena: Arena) => void,
  read: (ret: BpfReturn<F>) => T,
  describe: string = commandName(cmd),
  /** Runs after the syscall whatever its outcome, while the attr and arena are still alive. */
  always?: (attr: AttrWriter<F>) => void,
): KernelResult<T> {
  const libc = loadLibc();
  if (!libc.ok) return libc;
  return withArena((arena) => {
    const block = arena.alloc(layout.size);
    const attr = new AttrWriter(layout, block.view);
    fill(attr, arena);
    let ret = -1;
    let errno = 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      ret = libc.value.bpf(cmd, block.pointer, layout.size);
      if (ret >= 0) break;
      errno = libc.value.errno();
      const retryable = errno === 4 || (errno === 11 && cmd === BpfCommand.PROG_LOAD);
      if (!retryable) break;
    }
    always?.(attr);
    if (ret < 0) return kernelError(describe, errno);
    return success(read({ ret, attr }));
  });
}

/** close(2); closing a closed or invalid fd is reported as EBADF. */
export function closeFd(fd: number): KernelResult<void> {
  const libc = loadLibc();
  if (!libc.ok) return libc;
  if (libc.value.close(fd) < 0) return kernelError(`close(${fd})`, libc.value.errno());
  return success(undefined);
}
