import { ptRegsContext, type PtRegsInput } from "../contexts/pt-regs.js";
import { SkbContext, type SkbInput, type SkbKind } from "../contexts/skb.js";
import { rawTracepointContext, tracepointContext } from "../contexts/tracepoint.js";
import { XdpContext, type XdpInput } from "../contexts/xdp.js";
import { formatDiagnosticLine } from "../diag/diagnostic.js";
import type { PacketContext } from "../helpers/kernel.js";
import type { ProgramSpec } from "../object/spec.js";
import { AttachType } from "../uapi/bpf.js";
import type { Memory } from "../vm/memory.js";
import type { RawRunInput, RawTracepointRunInput, RunInput, TracepointRunInput } from "./input.js";

/** What a run's context setup produced. */
export interface BuiltContext {
  readonly args: readonly bigint[];
  readonly packet?: PacketContext;
  /** Bytes LD_ABS / LD_IND read (socket filters and tc: from skb->data). */
  readonly legacyPacket?: Uint8Array;
  /** After the run: the packet as BPF_PROG_TEST_RUN would return it. */
  packetOut?(): Uint8Array;
  /** After the run: skb fields a program may have written. */
  skbFields?(): SkbFields;
}

/** __sk_buff fields programs may write, after a run. */
export interface SkbFields {
  readonly mark: number;
  readonly priority: number;
  readonly tcIndex: number;
  readonly tcClassid: number;
  readonly queueMapping: number;
  readonly cb: readonly number[];
}

const skbKinds: Partial<Record<ProgramSpec["type"], SkbKind>> = {
  SOCKET_FILTER: "socket_filter",
  SCHED_CLS: "tc",
  SCHED_ACT: "tc",
  CGROUP_SKB: "cgroup_skb",
};

/** `category/name` of a tracepoint program, from its attach target or section. */
export function tracepointOf(spec: ProgramSpec): string | undefined {
  if (spec.attachTo && spec.attachTo.includes("/")) return spec.attachTo;
  const m = /^(?:tracepoint|tp)\/(.+\/.+)$/.exec(spec.section);
  return m?.[1];
}

/**
 * Builds the context of `spec`'s program type in `mem` from `input` and returns r1 (and the
 * packet hooks). Throws (a RangeError with the reason) for input that does not fit; the VM turns
 * a throwing setup into a BAD_OPTION fault, so the caller sees a value.
 */
export function buildContext(
  spec: ProgramSpec,
  mem: Memory,
  input: RunInput | undefined,
  pid: number,
): BuiltContext {
  const skbKind = skbKinds[spec.type];
  if (spec.type === "XDP") {
    const x = input as XdpInput | undefined;
    if (!x?.packet) throw new RangeError(`${spec.name} is an XDP program: pass { packet }`);
    const ctx = new XdpContext(mem, x, { devmap: spec.expectedAttachType === AttachType.XDP_DEVMAP });
    return { args: [ctx.pointer], packet: ctx, packetOut: () => ctx.packet().slice() };
  }
  if (skbKind) {
    const s = input as SkbInput | undefined;
    if (!s?.packet) throw new RangeError(`${spec.name} is a ${skbKind} program: pass { packet }`);
    const ctx = new SkbContext(mem, s, skbKind);
    return {
      args: [ctx.pointer],
      packet: ctx,
      legacyPacket: ctx.packet(),
      packetOut: () => ctx.output(),
      skbFields: () => ({
        mark: ctx.field("mark"),
        priority: ctx.field("priority"),
        tcIndex: ctx.field("tc_index"),
        tcClassid: ctx.field("tc_classid"),
        queueMapping: ctx.field("queue_mapping"),
        cb: Array.from({ length: 5 }, (_, i) => new DataView(ctx.ctx.buffer).getUint32(48 + 4 * i, true)),
      }),
    };
  }
  if (spec.type === "TRACEPOINT") {
    const t = (input ?? {}) as TracepointRunInput;
    const id = t.tracepoint ?? tracepointOf(spec);
    if (!id)
      throw new RangeError(`${spec.name}: section ${spec.section} names no tracepoint; pass { tracepoint }`);
    const r = tracepointContext(mem, id, t.fields ?? {}, pid);
    if (!r.ok) throw new RangeError(r.diagnostics.map(formatDiagnosticLine).join("; "));
    return { args: [r.value.pointer] };
  }
  if (spec.type === "RAW_TRACEPOINT" || spec.type === "RAW_TRACEPOINT_WRITABLE") {
    const r = (input ?? { args: [] }) as RawTracepointRunInput;
    return { args: [rawTracepointContext(mem, r.args ?? [])] };
  }
  if (spec.type === "KPROBE") {
    return { args: [ptRegsContext(mem, (input ?? {}) as PtRegsInput)] };
  }
  const raw = (input ?? { registers: [] }) as RawRunInput;
  return { args: (raw.registers ?? []).map((v) => BigInt.asUintN(64, BigInt(v))) };
}
