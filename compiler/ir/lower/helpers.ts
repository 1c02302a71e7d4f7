import { I64, U32, U64, type IntType } from "../../frontend/int-types.js";

/**
 * The bpf.* helpers the DSL offers, by stdlib name, with Linux's helper ids (enum bpf_func_id in
 * include/uapi/linux/bpf.h) and how each argument is passed. "buf" passes a place's address
 * followed by its size (the kernel's ARG_PTR_TO_UNINIT_MEM + ARG_CONST_SIZE pairs).
 */
export type HelperArg = "buf" | "u64" | "u32";

export interface HelperInfo {
  readonly id: number;
  readonly args: readonly HelperArg[];
  readonly ret: IntType;
}

export const HELPERS: Readonly<Record<string, HelperInfo>> = {
  "bpf.ktimeGetNs": { id: 5, args: [], ret: U64 },
  "bpf.ktimeGetBootNs": { id: 125, args: [], ret: U64 },
  "bpf.getCurrentPidTgid": { id: 14, args: [], ret: U64 },
  "bpf.getCurrentUidGid": { id: 15, args: [], ret: U64 },
  "bpf.getCurrentComm": { id: 16, args: ["buf"], ret: I64 },
  "bpf.getSmpProcessorId": { id: 8, args: [], ret: U32 },
  "bpf.getPrandomU32": { id: 7, args: [], ret: U32 },
  "bpf.getCurrentTask": { id: 35, args: [], ret: U64 },
  "bpf.getCurrentCgroupId": { id: 80, args: [], ret: U64 },
  "bpf.probeReadUser": { id: 112, args: ["buf", "u64"], ret: I64 },
  "bpf.probeReadKernel": { id: 113, args: ["buf", "u64"], ret: I64 },
  "bpf.probeReadUserStr": { id: 114, args: ["buf", "u64"], ret: I64 },
  "bpf.probeReadKernelStr": { id: 115, args: ["buf", "u64"], ret: I64 },
};

/** Helper ids the map and program lowering uses directly. */
export const HelperId = {
  MAP_LOOKUP_ELEM: 1,
  MAP_UPDATE_ELEM: 2,
  MAP_DELETE_ELEM: 3,
  TRACE_PRINTK: 6,
  TAIL_CALL: 12,
  PERF_EVENT_OUTPUT: 25,
  SKB_LOAD_BYTES: 26,
  GET_STACKID: 27,
  MAP_PUSH_ELEM: 87,
  MAP_POP_ELEM: 88,
  MAP_PEEK_ELEM: 89,
  RINGBUF_OUTPUT: 130,
  RINGBUF_RESERVE: 131,
  RINGBUF_SUBMIT: 132,
  RINGBUF_DISCARD: 133,
  LOOP: 181,
} as const;
