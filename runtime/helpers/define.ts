import { HELPER_IDS } from "../uapi/helpers.js";
import { VmCode } from "../vm/codes.js";
import { VmFaultSignal } from "../vm/fault.js";
import type { Helper, HelperDef } from "../vm/helper.js";

/** Helpers of one family by id, each with its kernel name (bpf_…) for fault messages. */
export type HelperEntries = Map<number, HelperDef>;

/** Adds helper `name` (without the `bpf_` prefix) to `entries` under its uapi id. */
export function define(entries: HelperEntries, name: string, fn: Helper): void {
  const id = HELPER_IDS.get(name);
  if (id === undefined) throw new Error(`no kernel helper named ${name}`);
  entries.set(id, { name: `bpf_${name}`, fn });
}

/**
 * Stops the run: an argument the kernel's verifier would have refused (a non-map where a map
 * pointer belongs, a pointer that is not a ring-buffer record, ...). Programs the verifier accepts
 * never get here.
 */
export function badArgument(message: string): never {
  throw new VmFaultSignal({ code: VmCode.HELPER_FAILED, message });
}

/** u64 helper argument as a JS number when it is a small non-negative integer, else -1. */
export function smallArg(v: bigint, max = 0x7fff_ffff): number {
  return v >= 0n && v <= BigInt(max) ? Number(v) : -1;
}

/** The low 32 bits of an argument, signed (the kernel's `int` / `s32` parameters). */
export function s32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

/** The low 32 bits of an argument, unsigned (`u32` parameters). */
export function u32(v: bigint): number {
  return Number(BigInt.asUintN(32, v));
}
