import type { Layout } from "../layout/types.js";
import type { HistScale } from "../maps/hist-format.js";

/** What the harness knows about one map beyond its MapSpec: how to read its keys and values. */
export interface MapInfo {
  readonly name: string;
  readonly key?: Layout;
  /** The value layout; for ring buffers and perf event arrays, the record layout. */
  readonly value?: Layout;
  /** Set for histogram maps (bucket-indexed u64 counts), printed like bpftrace's hist()/lhist(). */
  readonly histogram?: HistScale;
}
