import { BpfCommand } from "../uapi/bpf.js";
import { TestRunAttr } from "./attr.js";
import { type KernelResult } from "./errors.js";
import { bpfCall } from "./syscall.js";

/** BPF_PROG_TEST_RUN arguments (kernel: bpf_prog_test_run_* in net/bpf/test_run.c). */
export interface TestRunOptions {
  /** Packet (XDP, socket filter, tc), or syscall-program input. */
  readonly data?: Uint8Array;
  /**
   * Bytes reserved for data_out; default: data length + 256 (XDP programs may grow the packet with
   * bpf_xdp_adjust_head/tail; the kernel returns ENOSPC when out is too small).
   */
  readonly dataOutSize?: number;
  /** Context in (struct xdp_md, struct __sk_buff, ...); its layout is the program type's. */
  readonly ctx?: Uint8Array;
  /** Bytes reserved for ctx_out; default: the ctx length (0 → no ctx out). */
  readonly ctxOutSize?: number;
  /** Runs (the kernel reports the mean duration per run); default 1. */
  readonly repeat?: number;
  /** TestRunFlags.* */
  readonly flags?: number;
  readonly cpu?: number;
  readonly batchSize?: number;
}

export interface TestRunResult {
  /** r0 at exit, truncated to 32 bits by the kernel (test.retval is a __u32). */
  readonly retval: number;
  /** Mean nanoseconds per run, as the kernel measured it. */
  readonly duration: number;
  /** The packet as the program left it (data_size_out bytes). */
  readonly dataOut: Uint8Array;
  /** The context as the program left it, when one was passed. */
  readonly ctxOut: Uint8Array;
}

export function progTestRun(progFd: number, o: TestRunOptions = {}): KernelResult<TestRunResult> {
  let dataOut: Uint8Array | undefined;
  let ctxOut: Uint8Array | undefined;
  return bpfCall(
    BpfCommand.PROG_TEST_RUN,
    TestRunAttr,
    (a, arena) => {
      a.u32("prog_fd", progFd)
        .u32("repeat", o.repeat ?? 1)
        .u32("flags", o.flags ?? 0)
        .u32("cpu", o.cpu ?? 0)
        .u32("batch_size", o.batchSize ?? 0);
      if (o.data) {
        a.u64("data_in", arena.bytes(o.data).address).u32("data_size_in", o.data.length);
        const outSize = o.dataOutSize ?? o.data.length + 256;
        const out = arena.alloc(outSize);
        dataOut = out.bytes;
        a.u64("data_out", out.address).u32("data_size_out", outSize);
      }
      if (o.ctx) {
        a.u64("ctx_in", arena.bytes(o.ctx).address).u32("ctx_size_in", o.ctx.length);
        const outSize = o.ctxOutSize ?? o.ctx.length;
        if (outSize > 0) {
          const out = arena.alloc(outSize);
          ctxOut = out.bytes;
          a.u64("ctx_out", out.address).u32("ctx_size_out", outSize);
        }
      }
    },
    ({ attr }) => ({
      retval: attr.getU32("retval"),
      duration: attr.getU32("duration"),
      dataOut: dataOut ? dataOut.slice(0, attr.getU32("data_size_out")) : new Uint8Array(0),
      ctxOut: ctxOut ? ctxOut.slice(0, attr.getU32("ctx_size_out")) : new Uint8Array(0),
    }),
  );
}
