import { loadLibc } from "./libc.js";

/**
 * Every fd a live object (KernelMap, KernelProgram, KernelLink, perf event, BTF) holds is tracked
 * here, so one exit/SIGINT/SIGTERM handler can close them all: attached programs then detach at
 * once instead of whenever the process finally dies, and nothing is left for a pinned path to keep
 * alive by accident. The kernel would close them at exit anyway; the handler makes Ctrl-C on
 * `tsbpf run` detach before any other exit work runs.
 */
const open = new Set<number>();
let installed = false;

export function trackFd(fd: number): void {
  open.add(fd);
  installHandlers();
}

export function untrackFd(fd: number): void {
  open.delete(fd);
}

/** fds currently tracked (a copy), for tests and diagnostics. */
export function trackedFds(): number[] {
  return [...open];
}

/** Closes every tracked fd; returns how many were closed. Safe to call more than once. */
export function closeAllTracked(): number {
  const libc = loadLibc();
  let n = 0;
  for (const fd of open) {
    if (libc.ok) libc.value.close(fd);
    n++;
  }
  open.clear();
  return n;
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.once("exit", () => closeAllTracked());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    const onSignal = (): void => {
      closeAllTracked();
      // Keep the default meaning of the signal when nobody else handles it: remove ourselves
      // and re-raise, so the process still dies of SIGINT/SIGTERM with the usual exit status.
      process.removeListener(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
