import { DiagnosticError, error, fail, ok, type Diagnostic, type Result } from "../diag/diagnostic.js";
import { SK_BUFF_SIZE, SkbOffset, type SkbInput } from "../contexts/skb.js";
import { kernelAvailability } from "../kernel/availability.js";
import { possibleCpus } from "../kernel/cpus.js";
import { loadCollection, type KernelCollection } from "../kernel/collection.js";
import type { KernelError } from "../kernel/errors.js";
import type { TestRunOptions } from "../kernel/test-run.js";
import type { BpfMap } from "../maps/types.js";
import type { ProgramSpec } from "../object/spec.js";
import { MapType } from "../uapi/bpf.js";
import type { RawTracepointRunInput, RunInput, SkbFields } from "../sandbox/index.js";
import type { Backend, BackendRun, BackendRunRequest } from "./backend.js";
import { TestingCode } from "./codes.js";
import type { RawRecord } from "./events.js";
import { KernelMapView } from "../kernel/map-view.js";
import { KernelRingbufReader } from "../kernel/ringbuf-reader.js";
import { sizePerfArrays } from "../object/perf-arrays.js";
import { PACKET_TYPES } from "./run-input.js";
import { TEST_RUN_HINT, testRunRefusal } from "./test-run-types.js";
import type { ProbeSource } from "./source.js";

function kernelDiagnostic(e: KernelError): Diagnostic {
  // the end of a verifier log says what was refused and at which instruction
  const log = e.log?.trim().split("\n").slice(-25).join("\n");
  return error(TestingCode.KERNEL, e.message, log ? { hint: `verifier log (end):\n${log}` } : {});
}

/**
 * The live kernel: the same spec loaded with runtime/kernel's collection loader (maps, global
 * data, programs with line info), runs through BPF_PROG_TEST_RUN, maps read back with bpf(2).
 * The kernel runs its own helpers in its own world: the run's environment and helper overrides
 * do not reach it, and program types it cannot test-run (tracepoints, kprobes) are refused.
 * Ring buffer records are read from the map's pages; perf event arrays are not read.
 */
export async function createKernelBackend(source: ProbeSource): Promise<Result<Backend>> {
  const available = kernelAvailability();
  if (!available.ok)
    return fail(error(TestingCode.KERNEL, `the kernel backend is unavailable: ${available.reason}`));
  const loaded = loadCollection(sizePerfArrays(source.spec, possibleCpus()));
  if (!loaded.ok) return fail(kernelDiagnostic(loaded));
  return ok(new KernelBackend(source, loaded.value));
}

function refuse(message: string, hint?: string): never {
  throw new DiagnosticError([error(TestingCode.KERNEL, message, hint ? { hint } : {})]);
}

/** __sk_buff for ctx_in: only the fields the kernel takes from user space (convert___skb_to_skb). */
function skbContext(input: SkbInput): Uint8Array {
  const ctx = new Uint8Array(SK_BUFF_SIZE);
  const v = new DataView(ctx.buffer);
  v.setUint32(SkbOffset.mark, input.mark ?? 0, true);
  v.setUint32(SkbOffset.priority, input.priority ?? 0, true);
  (input.cb ?? []).slice(0, 5).forEach((x, i) => v.setUint32(SkbOffset.cb + 4 * i, x, true));
  v.setBigUint64(SkbOffset.tstamp, input.tstamp ?? 0n, true);
  v.setUint32(SkbOffset.wire_len, input.wireLen ?? 0, true);
  v.setUint32(SkbOffset.gso_segs, input.gsoSegs ?? 0, true);
  v.setUint32(SkbOffset.gso_size, input.gsoSize ?? 0, true);
  return ctx;
}

function skbFields(ctx: Uint8Array): SkbFields | undefined {
  if (ctx.length < SK_BUFF_SIZE) return undefined;
  const v = new DataView(ctx.buffer, ctx.byteOffset, ctx.byteLength);
  const u32 = (o: number): number => v.getUint32(o, true);
  return {
    mark: u32(SkbOffset.mark),
    priority: u32(SkbOffset.priority),
    tcIndex: u32(SkbOffset.tc_index),
    tcClassid: u32(SkbOffset.tc_classid),
    queueMapping: u32(SkbOffset.queue_mapping),
    cb: Array.from({ length: 5 }, (_, i) => u32(SkbOffset.cb + 4 * i)),
  };
}

function u64s(values: ReadonlyArray<bigint | number>): Uint8Array {
  const out = new Uint8Array(8 * values.length);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setBigUint64(8 * i, BigInt.asUintN(64, BigInt(x)), true));
  return out;
}

const ETH_HLEN = 14;

class KernelBackend implements Backend {
  readonly kind = "kernel";
  readonly spec: ProbeSource["spec"];
  private readonly collection: KernelCollection;
  private readonly views = new Map<string, BpfMap>();
  private readonly readers = new Map<string, KernelRingbufReader>();

  constructor(source: ProbeSource, collection: KernelCollection) {
    this.spec = source.spec;
    this.collection = collection;
  }

  map(name: string): BpfMap | undefined {
    let view = this.views.get(name);
    if (!view) {
      const kmap = this.collection.map(name);
      if (!kmap) return undefined;
      view = new KernelMapView(kmap);
      this.views.set(name, view);
    }
    return view;
  }

  private request(spec: ProgramSpec, input: RunInput): TestRunOptions {
    const kind = PACKET_TYPES[spec.type];
    if (kind) {
      const packet = (input as { packet: Uint8Array }).packet;
      // net/bpf/test_run.c bpf_test_init: EINVAL below ETH_HLEN, said here in words
      if (packet.length < ETH_HLEN)
        refuse(
          `the kernel's test run refuses packets shorter than an Ethernet header (${packet.length} < ${ETH_HLEN} bytes)`,
          "run frames this short on the VM backend",
        );
      if (spec.type === "XDP") return { data: packet };
      return { data: packet, ctx: skbContext(input as SkbInput), ctxOutSize: SK_BUFF_SIZE };
    }
    // bpf_prog_test_run_raw_tp / _syscall refuse data, ctx_out and repeat (even 1)
    if (spec.type === "RAW_TRACEPOINT") {
      // all MAX_BPF_FUNC_ARGS slots, the unused ones zero, as the VM's context has them
      const args = [...((input as RawTracepointRunInput).args ?? [])];
      while (args.length < 12) args.push(0n);
      return { ctx: u64s(args), ctxOutSize: 0, repeat: 0 };
    }
    const regs = (input as { registers?: ReadonlyArray<bigint | number> }).registers ?? [];
    return regs.length ? { ctx: u64s(regs), ctxOutSize: 0, repeat: 0 } : { repeat: 0 };
  }

  run(program: string, request: BackendRunRequest): BackendRun {
    const spec = this.spec.programs.find((p) => p.name === program)!;
    const refusal = testRunRefusal(spec);
    if (refusal) refuse(refusal, TEST_RUN_HINT);
    if (request.trace)
      refuse("tracing a run needs the VM backend: the kernel does not report executed instructions");
    const prog = this.collection.program(program);
    if (!prog) refuse(`${program} was not loaded into the kernel`);
    const r = prog.testRun(this.request(spec, request.input));
    if (!r.ok) throw new DiagnosticError([kernelDiagnostic(r)]);
    const skb = PACKET_TYPES[spec.type] && spec.type !== "XDP" ? skbFields(r.value.ctxOut) : undefined;
    return {
      ret: r.value.retval,
      r0: BigInt(r.value.retval),
      insns: Number.NaN,
      printk: [],
      duration: r.value.duration,
      ...(PACKET_TYPES[spec.type] ? { packet: r.value.dataOut } : {}),
      ...(skb ? { skb } : {}),
    };
  }

  records(map: string): RawRecord[] {
    let reader = this.readers.get(map);
    if (!reader) {
      const kmap = this.collection.map(map);
      if (!kmap || kmap.type !== MapType.RINGBUF)
        refuse(
          `reading the records of ${map} from the kernel is not supported (perf event arrays need perf buffers)`,
          "assert on perf events with the VM backend",
        );
      const opened = KernelRingbufReader.open(kmap);
      if (!opened.ok) throw new DiagnosticError([kernelDiagnostic(opened)]);
      reader = opened.value;
      this.readers.set(map, reader);
    }
    return reader.consume().map((data) => ({ data }));
  }

  overrideHelper(): void {
    refuse("the kernel backend cannot override helpers: the kernel runs its own");
  }

  close(): void {
    for (const r of this.readers.values()) r.close();
    this.readers.clear();
    this.collection.close();
  }
}
