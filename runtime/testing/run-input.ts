import { DiagnosticError, error } from "../diag/diagnostic.js";
import type { ProgramSpec } from "../object/spec.js";
import { tracepointOf, type RunInput } from "../sandbox/index.js";
import { tracepointFormat, type FieldValue } from "../tracepoint/index.js";
import { TestingCode } from "./codes.js";
import { isPacketSource, packetBytes } from "./packet/builder.js";

/** Program types whose input is a packet, and what they are called in messages. */
export const PACKET_TYPES: Readonly<Partial<Record<ProgramSpec["type"], string>>> = {
  XDP: "XDP",
  SOCKET_FILTER: "socket filter",
  SCHED_CLS: "tc",
  SCHED_ACT: "tc action",
  CGROUP_SKB: "cgroup_skb",
};

function refuse(message: string, hint?: string): never {
  throw new DiagnosticError([error(TestingCode.RUN_INPUT, message, hint ? { hint } : {})]);
}

type Loose = { readonly [k: string]: unknown };

/**
 * Turns a test's input into the sandbox's (and the kernel backend's) run input by program type:
 * packets from bytes or builders; tracepoint fields by tracefs name, with `args` spread over a
 * `syscalls/sys_enter_*` record's arguments; raw tracepoint `args`; registers for probes.
 */
export function toRunInput(spec: ProgramSpec, input: unknown): RunInput {
  const kind = PACKET_TYPES[spec.type];
  if (kind) {
    if (isPacketSource(input)) return { packet: packetBytes(input).slice() };
    const o = input as Loose | undefined;
    if (!o || !isPacketSource(o.packet))
      refuse(
        `${spec.name} is a ${kind} program: its input is a packet`,
        "pass packet.ethernet()...build(), a builder, a Uint8Array, or { packet, ...context fields }",
      );
    return { ...o, packet: packetBytes(o.packet as Parameters<typeof packetBytes>[0]).slice() } as RunInput;
  }
  const o = (input ?? {}) as Loose;
  switch (spec.type) {
    case "TRACEPOINT":
      return tracepointInput(spec, o);
    case "RAW_TRACEPOINT":
    case "RAW_TRACEPOINT_WRITABLE":
      return { args: argsOf(spec, o) };
    case "KPROBE":
    case "PERF_EVENT":
      return o as RunInput;
    default:
      // fentry/fexit/lsm/syscall and the rest: the arguments arrive in r1–r5
      return { registers: (o.registers ?? o.args ?? []) as ReadonlyArray<bigint | number> };
  }
}

function argsOf(spec: ProgramSpec, o: Loose): ReadonlyArray<bigint | number> {
  const args = o.args ?? [];
  if (!Array.isArray(args) || args.some((a) => typeof a !== "number" && typeof a !== "bigint"))
    refuse(`${spec.name}: args must be an array of numbers or bigints`);
  return args as ReadonlyArray<bigint | number>;
}

function tracepointInput(spec: ProgramSpec, o: Loose): RunInput {
  const id = (typeof o.tracepoint === "string" ? o.tracepoint : undefined) ?? tracepointOf(spec);
  const fields: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(o)) if (k !== "tracepoint") fields[k] = v as FieldValue;
  if (id && fields.args !== undefined) {
    const format = tracepointFormat(id);
    if (!format.ok) throw new DiagnosticError(format.diagnostics);
    const hasArgsField = format.value.fields.some((f) => f.name === "args");
    if (!hasArgsField) {
      if (!/^syscalls\/sys_enter_/.test(id))
        refuse(
          `${id} has no args field`,
          `its fields: ${format.value.fields
            .filter((f) => !f.common)
            .map((f) => f.name)
            .join(", ")}`,
        );
      // sys_enter_* records: __syscall_nr, then one field per syscall argument in order
      const params = format.value.fields.filter((f) => !f.common && f.name !== "__syscall_nr");
      const args = argsOf(spec, o);
      if (args.length > params.length)
        refuse(
          `${id} takes ${params.length} arguments (${params.map((p) => p.name).join(", ")}), got ${args.length}`,
        );
      delete fields.args;
      args.forEach((a, i) => {
        const name = params[i]!.name;
        if (fields[name] === undefined) fields[name] = a;
      });
    }
  }
  return id ? { fields, tracepoint: id } : { fields };
}
