import type { Result } from "../diag/diagnostic.js";
import { ok } from "../diag/diagnostic.js";
import {
  buildTracepointRecord,
  tracepointFormat,
  type FieldValue,
  type TracepointFormat,
} from "../tracepoint/index.js";
import type { AccessPolicy, Memory } from "../vm/memory.js";
import { describeOffset, type CtxField } from "./fields.js";

/** PERF_MAX_TRACE_SIZE: the largest offset a tracepoint program may read. */
const PERF_MAX_TRACE_SIZE = 8192;

/** Read-only context with the kernel's tracing rule: reads only, aligned to their size. */
function readOnlyPolicy(what: string, fields: readonly CtxField[], limit: number): AccessPolicy {
  return {
    check(offset, size, write) {
      const field = describeOffset(fields, offset);
      if (write) return `${what} is read-only (write of ${size} bytes at ${field})`;
      if (offset >= limit) return `read at ${field} is beyond the ${limit} bytes ${what} programs may read`;
      if (offset % size !== 0) return `${size}-byte read at ${field} is not aligned to its size`;
      return undefined;
    },
  };
}

/**
 * A tracepoint program's context: the record laid out from the tracefs format of `id`
 * (`category/name`) with the given field values; `common_pid` is the environment's pid unless
 * given. Kernel rule (tp_prog_is_valid_access): read-only, reads aligned to their size.
 */
export function tracepointContext(
  mem: Memory,
  id: string,
  values: Readonly<Record<string, FieldValue>>,
  pid: number,
): Result<{ pointer: bigint; record: Uint8Array; format: TracepointFormat }> {
  const format = tracepointFormat(id);
  if (!format.ok) return format;
  const record = buildTracepointRecord(format.value, values, { pid });
  if (!record.ok) return record;
  const fields = format.value.fields.map((f) => ({ name: f.name, offset: f.offset, size: f.size }));
  const pointer = mem
    .add(record.value, {
      kind: "ctx",
      name: `${id} record`,
      writable: false,
      policy: readOnlyPolicy("tracepoint record", fields, PERF_MAX_TRACE_SIZE),
    })
    .address(0);
  return ok({ pointer, record: record.value, format: format.value });
}

/** MAX_BPF_FUNC_ARGS: raw tracepoint programs may read args[0..11]. */
export const RAW_TP_MAX_ARGS = 12;

/**
 * A raw tracepoint's context: `u64 args[]` (struct bpf_raw_tracepoint_args), the tracepoint's
 * arguments in order; unused slots read as 0. Rule (raw_tp_prog_is_valid_access): read-only,
 * within 12 arguments, aligned.
 */
export function rawTracepointContext(mem: Memory, args: ReadonlyArray<bigint | number>): bigint {
  if (args.length > RAW_TP_MAX_ARGS)
    throw new RangeError(`raw tracepoints have at most ${RAW_TP_MAX_ARGS} arguments`);
  const bytes = new Uint8Array(8 * RAW_TP_MAX_ARGS);
  const view = new DataView(bytes.buffer);
  args.forEach((a, i) => view.setBigUint64(i * 8, BigInt.asUintN(64, BigInt(a)), true));
  const fields = Array.from({ length: RAW_TP_MAX_ARGS }, (_, i) => ({
    name: `args[${i}]`,
    offset: i * 8,
    size: 8,
  }));
  return mem
    .add(bytes, {
      kind: "ctx",
      name: "bpf_raw_tracepoint_args",
      writable: false,
      policy: readOnlyPolicy("bpf_raw_tracepoint_args", fields, 8 * RAW_TP_MAX_ARGS),
    })
    .address(0);
}
