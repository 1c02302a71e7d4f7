import { Errno } from "../uapi/bpf.js";
import type { Memory } from "../vm/memory.js";
import { define, smallArg, type HelperEntries } from "./define.js";
import type { KernelState, PrintkLine } from "./kernel.js";
import { probeSources, probeString } from "./probe.js";
import { formatPrintk, type FormatArgs } from "./printk-format.js";

/** MAX_TRACE_PRINTK_VARARGS and MAX_BPRINTF_VARARGS. */
const PRINTK_ARGS = 3;
const BPRINTF_ARGS = 12;
/** Longest string %s prints (the kernel's per-call bprintf buffer is MAX_BPRINTF_BUF = 512). */
const MAX_STRING = 512;

/** The format string at fmt (fmt_size bytes that must contain a NUL), or undefined (-EINVAL). */
function readFormat(mem: Memory, fmt: bigint, size: bigint): string | undefined {
  const n = smallArg(size);
  if (n <= 0) return undefined;
  const bytes = mem.view(fmt, n);
  const nul = bytes.indexOf(0);
  if (nul < 0) return undefined;
  return new TextDecoder("latin1").decode(bytes.subarray(0, nul));
}

function args(kernel: KernelState, mem: Memory, values: readonly bigint[]): FormatArgs {
  return {
    args: values,
    readString: (addr, space) => probeString(kernel, mem, addr, space, MAX_STRING),
    readBytes: (addr, len) => probeSources(kernel, mem).compat(addr, len)?.slice(),
  };
}

/** The trace_pipe line the kernel would print for `text`. */
export function tracePipeLine(kernel: KernelState, text: string, timestamp: bigint): string {
  const { comm, pid, cpu } = kernel.env;
  const secs = timestamp / 1_000_000_000n;
  const usecs = (timestamp % 1_000_000_000n) / 1000n;
  const when = `${secs}.${usecs.toString().padStart(6, "0")}`;
  const msg = text.endsWith("\n") ? text.slice(0, -1) : text;
  return `${comm.slice(0, 15).padStart(16)}-${String(pid).padEnd(7)} [${String(cpu).padStart(3, "0")}] ..... ${when}: bpf_trace_printk: ${msg}`;
}

function emit(kernel: KernelState, text: string): void {
  const timestamp = kernel.env.now;
  const line: PrintkLine = {
    text,
    pid: kernel.env.pid,
    comm: kernel.env.comm,
    cpu: kernel.env.cpu,
    timestamp,
    line: tracePipeLine(kernel, text, timestamp),
  };
  kernel.printk.push(line);
}

/** u64 arguments from a data array (bpf_trace_vprintk, bpf_snprintf): data_len must be a multiple of 8. */
function dataArgs(mem: Memory, data: bigint, len: bigint): bigint[] | undefined {
  const n = smallArg(len);
  if (n < 0 || n % 8 !== 0 || n / 8 > BPRINTF_ARGS) return undefined;
  if (n === 0) return [];
  const bytes = mem.read(data, n);
  const view = new DataView(bytes.buffer);
  return Array.from({ length: n / 8 }, (_, i) => view.getBigUint64(i * 8, true));
}

/**
 * bpf_trace_printk(fmt, fmt_size, a1, a2, a3), bpf_trace_vprintk(fmt, fmt_size, data, data_len)
 * and bpf_snprintf(str, str_size, fmt, data, data_len). Printed lines collect in the kernel
 * state's printk log (what trace_pipe would show). Return values as the kernel's: the printed
 * length, -EINVAL for a bad format.
 */
export function printkHelpers(kernel: KernelState): HelperEntries {
  const h: HelperEntries = new Map();
  define(h, "trace_printk", (ctx, fmt, size, a1, a2, a3) => {
    const f = readFormat(ctx.mem, fmt, size);
    if (f === undefined) return -Errno.EINVAL;
    const r = formatPrintk(f, args(kernel, ctx.mem, [a1, a2, a3]), PRINTK_ARGS);
    if (!r.ok) return -Errno.EINVAL;
    emit(kernel, r.text);
    return new TextEncoder().encode(r.text).length;
  });
  define(h, "trace_vprintk", (ctx, fmt, size, data, len) => {
    const f = readFormat(ctx.mem, fmt, size);
    const values = dataArgs(ctx.mem, data, len);
    if (f === undefined || values === undefined) return -Errno.EINVAL;
    const r = formatPrintk(f, args(kernel, ctx.mem, values), BPRINTF_ARGS);
    if (!r.ok) return -Errno.EINVAL;
    emit(kernel, r.text);
    return new TextEncoder().encode(r.text).length;
  });
  define(h, "snprintf", (ctx, str, strSize, fmt, data, len) => {
    const c = ctx.mem.readCString(fmt, 1024);
    const f = c.terminated ? new TextDecoder("latin1").decode(c.bytes) : undefined;
    const values = dataArgs(ctx.mem, data, len);
    const n = smallArg(strSize);
    if (f === undefined || values === undefined || n < 0) return -Errno.EINVAL;
    const r = formatPrintk(f, args(kernel, ctx.mem, values), BPRINTF_ARGS);
    if (!r.ok) return -Errno.EINVAL;
    const bytes = new TextEncoder().encode(r.text);
    if (n > 0) {
      const out = ctx.mem.view(str, n, true);
      const k = Math.min(bytes.length, n - 1);
      out.set(bytes.subarray(0, k));
      out[k] = 0;
    }
    return bytes.length + 1;
  });
  return h;
}
