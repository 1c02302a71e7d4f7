import { AttachType, type ProgTypeName } from "../uapi/bpf.js";
import { failure, VerifierCode, type Failure } from "./codes.js";
import { regTypeName, type RegState } from "./reg.js";

/** The values a program (or callback) may return, inclusive (kernel: struct bpf_retval_range). */
export interface RetvalRange {
  readonly min: bigint;
  readonly max: bigint;
}

/**
 * kernel: check_return_code — the range R0 must lie in when the main program exits, or undefined
 * when the type returns anything. Only the types tsbpf models are listed.
 */
export function returnRange(type: ProgTypeName, attach: number | undefined): RetvalRange | undefined {
  switch (type) {
    case "CGROUP_SKB":
      return attach === AttachType.CGROUP_INET_EGRESS ? { min: 0n, max: 3n } : { min: 0n, max: 1n };
    case "SOCK_OPS":
    case "CGROUP_DEVICE":
    case "SK_LOOKUP": // SK_DROP..SK_PASS
      return { min: 0n, max: 1n };
    case "TRACING":
      return attach === AttachType.TRACE_ITER ? { min: 0n, max: 1n } : undefined;
    default:
      return undefined;
  }
}

/** kernel: retval_range_within + verbose_invalid_scalar. `where` is "At program exit" or "At callback return". */
export function checkRetval(r0: RegState, range: RetvalRange, where: string): Failure | undefined {
  if (r0.type !== "scalar") {
    return failure(
      VerifierCode.RETURN_VALUE,
      `${where} the register R0 is not a known value (${regTypeName(r0)})`,
      "return a number",
      0,
    );
  }
  const b = r0.bounds;
  if (b.smin >= range.min && b.smax <= range.max) return undefined;
  const parts: string[] = [];
  if (b.smin > -(1n << 63n)) parts.push(` smin=${b.smin}`);
  if (b.smax < (1n << 63n) - 1n) parts.push(` smax=${b.smax}`);
  return failure(
    VerifierCode.RETURN_VALUE,
    `${where} the register R0 has${parts.length ? parts.join("") : " unknown scalar value"} should have been in [${range.min}, ${range.max}]`,
    `return a value from ${range.min} to ${range.max}`,
    0,
  );
}
