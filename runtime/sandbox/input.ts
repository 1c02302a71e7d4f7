import type { PtRegsInput } from "../contexts/pt-regs.js";
import type { SkbInput } from "../contexts/skb.js";
import type { XdpInput } from "../contexts/xdp.js";
import type { FieldValue } from "../tracepoint/index.js";

/** Input of an XDP run. */
export type XdpRunInput = XdpInput;
/** Input of a tc, socket filter or cgroup_skb run: the frame from the Ethernet header on. */
export type SkbRunInput = SkbInput;

/** Input of a tracepoint run: field values by their tracefs names (`filename`, `id`, `args`...). */
export interface TracepointRunInput {
  readonly fields?: Readonly<Record<string, FieldValue>>;
  /** Overrides the tracepoint the section names (`category/name`). */
  readonly tracepoint?: string;
}

/** Input of a raw tracepoint run: the u64 arguments. */
export interface RawTracepointRunInput {
  readonly args: ReadonlyArray<bigint | number>;
}

/** Input of a kprobe/uprobe run: registers. */
export type ProbeRunInput = PtRegsInput;

/** Input of any other program: r1–r5 as given (r1 usually points nowhere). */
export interface RawRunInput {
  readonly registers: ReadonlyArray<bigint | number>;
}

export type RunInput =
  | XdpRunInput
  | SkbRunInput
  | TracepointRunInput
  | RawTracepointRunInput
  | ProbeRunInput
  | RawRunInput;
