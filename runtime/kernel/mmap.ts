import { readFileSync } from "node:fs";
import koffi from "koffi";
import { type KernelResult, kernelError, success, usageError } from "./errors.js";
import { loadLibc, type NativePointer } from "./libc.js";

/** mmap(2) protection and flags (asm-generic/mman-common.h; same on x86_64 and aarch64). */
export const Mmap = { PROT_READ: 1, PROT_WRITE: 2, MAP_SHARED: 1 } as const;

/**
 * A shared mapping of a bpf object (an MMAPABLE array map's values, a ring buffer's pages), with a
 * Uint8Array over it. The view is invalid after `unmap()`; reads and writes go straight to the
 * kernel's memory, so a counter incremented by a program shows without a syscall.
 */
export class MappedRegion {
  readonly bytes: Uint8Array;
  private pointer: NativePointer | null;

  constructor(
    pointer: NativePointer,
    readonly length: number,
  ) {
    this.pointer = pointer;
    this.bytes = new Uint8Array(koffi.view(pointer, length));
  }

  get mapped(): boolean {
    return this.pointer !== null;
  }

  unmap(): KernelResult<void> {
    if (!this.pointer) return success(undefined);
    const libc = loadLibc();
    if (!libc.ok) return libc;
    const p = this.pointer;
    this.pointer = null;
    if (libc.value.munmap(p, this.length) < 0) return kernelError("munmap", libc.value.errno());
    return success(undefined);
  }
}

/** mmap(NULL, length, prot, MAP_SHARED, fd, offset). `offset` must be page-aligned. */
export function mmapFd(fd: number, length: number, prot: number, offset = 0): KernelResult<MappedRegion> {
  const libc = loadLibc();
  if (!libc.ok) return libc;
  if (length <= 0) return usageError("mmap of an empty region");
  const p = libc.value.mmap(null, length, prot, Mmap.MAP_SHARED, fd, offset);
  // MAP_FAILED is (void *) -1.
  if (p === null || koffi.address(p) === 0xffff_ffff_ffff_ffffn)
    return kernelError(`mmap(fd ${fd}, ${length} bytes)`, libc.value.errno());
  return success(new MappedRegion(p, length));
}

/** The page size mmap offsets are counted in (ring buffers place their data one page in). */
export function pageSize(): number {
  // 4 KiB on x86_64; aarch64 kernels may use 16 or 64 KiB. /proc/self/smaps reports it.
  return (cachedPageSize ??= readPageSize());
}

let cachedPageSize: number | undefined;

function readPageSize(): number {
  try {
    const text = readFileSync("/proc/self/smaps", "utf8");
    const m = /KernelPageSize:\s+(\d+) kB/.exec(text);
    if (m) return Number(m[1]) * 1024;
  } catch {
    // fall through
  }
  return 4096;
}
