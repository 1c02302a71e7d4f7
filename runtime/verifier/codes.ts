/**
 * Verifier diagnostic codes (TSB4001–TSB4999, docs/diagnostics.md). Each names one kind of
 * refusal; the message carries the kernel's wording so people who know the kernel log recognise it.
 */
export const VerifierCode = {
  INVALID_INSN: "TSB4001",
  JUMP_OUT_OF_RANGE: "TSB4002",
  JUMP_INTO_LDDW: "TSB4003",
  UNREACHABLE: "TSB4004",
  FALLS_OFF_END: "TSB4005",
  UNINIT_REG: "TSB4006",
  FRAME_POINTER_WRITE: "TSB4007",
  INVALID_MEM_ACCESS: "TSB4008",
  NULL_POINTER: "TSB4009",
  PACKET_RANGE: "TSB4010",
  MAP_VALUE_RANGE: "TSB4011",
  STACK_ACCESS: "TSB4012",
  CTX_ACCESS: "TSB4013",
  MODIFIED_CTX: "TSB4014",
  POINTER_ARITH: "TSB4015",
  HELPER_UNAVAILABLE: "TSB4016",
  HELPER_ARG_TYPE: "TSB4017",
  HELPER_MEM_ARG: "TSB4018",
  HELPER_MAP: "TSB4019",
  REFERENCE_LEAK: "TSB4020",
  BAD_RELEASE: "TSB4021",
  RETURN_VALUE: "TSB4022",
  INFINITE_LOOP: "TSB4023",
  TOO_COMPLEX: "TSB4024",
  CALL_STACK: "TSB4025",
  DIV_BY_ZERO: "TSB4026",
  UNBOUNDED_ACCESS: "TSB4027",
  SPILL_SIZE: "TSB4028",
  READ_ONLY: "TSB4029",
  LD_ABS: "TSB4030",
  MAP_REFERENCE: "TSB4031",
  PROG_TYPE: "TSB4032",
  INVALID_SHIFT: "TSB4033",
  POINTER_LEAK: "TSB4034",
  NOT_MODELLED: "TSB4099",
} as const;

export type VerifierCodeValue = (typeof VerifierCode)[keyof typeof VerifierCode];

/** A refusal found while checking one instruction. */
export interface Failure {
  readonly code: VerifierCodeValue;
  /** Kernel-style message (the kernel's wording where the kernel has one). */
  readonly message: string;
  /** What to do instead, in words. */
  readonly hint?: string;
  /** Register whose state made the check fail. */
  readonly regno?: number;
}

export function failure(code: VerifierCodeValue, message: string, hint?: string, regno?: number): Failure {
  return { code, message, ...(hint ? { hint } : {}), ...(regno !== undefined ? { regno } : {}) };
}

export function notModelled(what: string): Failure {
  return failure(
    VerifierCode.NOT_MODELLED,
    `not modelled yet: ${what}`,
    "tsbpf's verifier refuses what it cannot model rather than guess; load it into the kernel to get its verdict",
  );
}
