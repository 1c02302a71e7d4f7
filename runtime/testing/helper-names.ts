import { DiagnosticError, error } from "../diag/diagnostic.js";
import { HELPER_IDS } from "../uapi/helpers.js";
import type { Helper, HelperContext } from "../vm/helper.js";
import { TestingCode } from "./codes.js";

/**
 * Helper names as tests write them: the DSL's camelCase (`getCurrentComm`, the name `bpf.*`
 * uses), the kernel's (`get_current_comm`) or with its prefix (`bpf_get_current_comm`).
 */
export type HelperName =
  | "ktimeGetNs"
  | "ktimeGetBootNs"
  | "ktimeGetCoarseNs"
  | "ktimeGetTaiNs"
  | "getCurrentPidTgid"
  | "getCurrentUidGid"
  | "getCurrentComm"
  | "getSmpProcessorId"
  | "getPrandomU32"
  | "getCurrentTask"
  | "getCurrentCgroupId"
  | "probeReadUser"
  | "probeReadKernel"
  | "probeReadUserStr"
  | "probeReadKernelStr"
  | "tracePrintk"
  | (string & {});

/**
 * A stand-in for a helper: the kernel helper's arguments r1–r5 as u64 bigints, r0 from the
 * result (a number may be a negative errno; nothing means 0). For buffer-filling helpers whose
 * r1/r2 are (buf, size) — `getCurrentComm` — a returned string or byte array is written to the
 * buffer NUL-terminated and zero-padded, and r0 is 0.
 */
export type HelperOverride = (
  ctx: HelperContext,
  r1: bigint,
  r2: bigint,
  r3: bigint,
  r4: bigint,
  r5: bigint,
) => bigint | number | void | string | Uint8Array;

/** `getCurrentComm` → `get_current_comm`; kernel names pass through; `bpf_` is dropped. */
export function kernelHelperName(name: string): string {
  const bare = name.replace(/^bpf_/, "");
  if (bare.includes("_") || bare === bare.toLowerCase()) return bare;
  return bare.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The helper id of a name in any of the accepted spellings; throws TSB0956 for unknown ones. */
export function helperId(name: string): number {
  const id = HELPER_IDS.get(kernelHelperName(name));
  if (id === undefined)
    throw new DiagnosticError([
      error(
        TestingCode.HELPER,
        `'${name}' names no kernel helper (looked for bpf_${kernelHelperName(name)})`,
        {
          hint: "use the camelCase name of bpf.* (getCurrentComm) or the kernel's (get_current_comm)",
        },
      ),
    ]);
  return id;
}

/** Wraps an override into a VM helper (strings and bytes go to the (buf, size) buffer). */
export function toHelper(fn: HelperOverride): Helper {
  return (ctx, r1, r2, r3, r4, r5) => {
    const out = fn(ctx, r1, r2, r3, r4, r5);
    if (typeof out === "string" || out instanceof Uint8Array) {
      const bytes = typeof out === "string" ? new TextEncoder().encode(out) : out;
      const size = Number(BigInt.asUintN(32, r2));
      if (size === 0) return 0;
      const buf = ctx.mem.view(r1, size, true);
      buf.fill(0);
      buf.set(bytes.subarray(0, size - 1));
      return 0;
    }
    return out;
  };
}
