import { Errno } from "../uapi/bpf.js";
import { VmFaultSignal } from "../vm/fault.js";
import type { Memory } from "../vm/memory.js";
import { define, smallArg, type HelperEntries } from "./define.js";
import type { ProbeMemory } from "./environment.js";
import type { KernelState } from "./kernel.js";

/** x86_64 TASK_SIZE_MAX: below it an address is user space (bpf_probe_read_compat's split). */
export const TASK_SIZE = 0x0000_7fff_ffff_f000n;

/** A source of probe-readable bytes: `len` bytes at `addr`, or undefined when any is unreadable. */
type Source = (addr: bigint, len: number) => Uint8Array | undefined;

function fromRanges(ranges: readonly ProbeMemory[]): Source {
  return (addr, len) => {
    for (const r of ranges) {
      const off = addr - r.address;
      if (off >= 0n && off + BigInt(len) <= BigInt(r.bytes.length)) {
        const o = Number(off);
        return r.bytes.subarray(o, o + len);
      }
    }
    return undefined;
  };
}

/** VM memory read without faulting (the kernel's *_nofault copies). */
function fromVm(mem: Memory): Source {
  return (addr, len) => {
    try {
      return len === 0 ? new Uint8Array(0) : mem.view(addr, len);
    } catch (e) {
      if (e instanceof VmFaultSignal) return undefined;
      throw e;
    }
  };
}

function either(...sources: Source[]): Source {
  return (addr, len) => {
    for (const s of sources) {
      const v = s(addr, len);
      if (v) return v;
    }
    return undefined;
  };
}

/** Bytes of a NUL-terminated string at `addr`, at most `max` bytes read; undefined on a fault first. */
function readString(
  src: Source,
  addr: bigint,
  max: number,
): { bytes: Uint8Array; terminated: boolean } | undefined {
  const out: number[] = [];
  for (let i = 0; i < max; i++) {
    const b = src(addr + BigInt(i), 1);
    if (!b) return undefined;
    if (b[0] === 0) return { bytes: Uint8Array.from(out), terminated: true };
    out.push(b[0]!);
  }
  return { bytes: Uint8Array.from(out), terminated: false };
}

/**
 * The probe-memory sources a run can read: user space is `env.userMemory`; kernel space is
 * `env.kernelMemory` and the VM's own regions (stack, maps, context are kernel memory);
 * the legacy helpers pick by address as bpf_probe_read_compat does on x86_64.
 */
export function probeSources(
  kernel: KernelState,
  mem: Memory,
): { user: Source; kernel: Source; compat: Source } {
  const user = fromRanges(kernel.env.userMemory);
  const kern = either(fromRanges(kernel.env.kernelMemory), fromVm(mem));
  const compat: Source = (addr, len) =>
    addr < TASK_SIZE ? (user(addr, len) ?? kern(addr, len)) : kern(addr, len);
  return { user, kernel: kern, compat };
}

/** Formats a string for bpf_trace_printk's %s from the right space (k: kernel, u: user). */
export function probeString(
  kernel: KernelState,
  mem: Memory,
  addr: bigint,
  space: "kernel" | "user" | "compat",
  max: number,
): string | undefined {
  const s = readString(probeSources(kernel, mem)[space], addr, max);
  return s ? new TextDecoder().decode(s.bytes) : undefined;
}

/**
 * bpf_probe_read{,_user,_kernel}(dst, size, unsafe_ptr): copies size bytes or, when any byte is
 * unreadable, zeroes dst and returns -EFAULT (kernel: bpf_probe_read_*_common).
 * bpf_probe_read{,_user,_kernel}_str: copies up to size - 1 bytes and a NUL; returns the length
 * with the NUL, or size when the string was cut; -EFAULT (dst zeroed) on a fault before the NUL;
 * size 0 returns 0 (kernel: strncpy_from_*_nofault semantics).
 */
export function probeHelpers(kernel: KernelState): HelperEntries {
  const h: HelperEntries = new Map();
  const read =
    (space: "user" | "kernel" | "compat") =>
    (ctx: { mem: Memory }, dst: bigint, size: bigint, src: bigint) => {
      const n = smallArg(size);
      if (n < 0) return -Errno.EINVAL;
      const out = ctx.mem.view(dst, n, true);
      const bytes = probeSources(kernel, ctx.mem)[space](src, n);
      if (!bytes) {
        out.fill(0);
        return -Errno.EFAULT;
      }
      out.set(bytes);
      return 0;
    };
  const readStr =
    (space: "user" | "kernel" | "compat") =>
    (ctx: { mem: Memory }, dst: bigint, size: bigint, src: bigint) => {
      const n = smallArg(size);
      if (n < 0) return -Errno.EINVAL;
      if (n === 0) return 0;
      const out = ctx.mem.view(dst, n, true);
      const s = readString(probeSources(kernel, ctx.mem)[space], src, n);
      if (!s) {
        out.fill(0);
        return -Errno.EFAULT;
      }
      if (!s.terminated) {
        // strncpy_from_*_nofault: count bytes copied, the last one replaced by NUL
        out.set(s.bytes.subarray(0, n - 1));
        out[n - 1] = 0;
        return n;
      }
      out.set(s.bytes);
      out[s.bytes.length] = 0;
      return s.bytes.length + 1;
    };
  define(h, "probe_read", read("compat"));
  define(h, "probe_read_user", read("user"));
  define(h, "probe_read_kernel", read("kernel"));
  define(h, "probe_read_str", readStr("compat"));
  define(h, "probe_read_user_str", readStr("user"));
  define(h, "probe_read_kernel_str", readStr("kernel"));
  // bpf_copy_from_user (sleepable): the same copy, -EFAULT and zeroed on a fault
  define(h, "copy_from_user", read("user"));
  return h;
}
