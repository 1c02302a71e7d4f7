/**
 * `import "tsbpf/testing/vitest"` (or list it in vitest's setupFiles): registers the probe
 * matchers and the snapshot form of maps and event streams, and types them on `expect(...)`.
 */
import { expect } from "vitest";
import { tsbpfMatchers, tsbpfSnapshotSerializer } from "./matchers.js";

expect.extend(tsbpfMatchers);
expect.addSnapshotSerializer(tsbpfSnapshotSerializer);

/**
 * `toReturnWith(value)` checks a run's return value (number: the u32 retval, negative as -errno;
 * bigint: r0). vitest already types it (as a mock matcher taking any value), and types `toReturn`
 * as taking no argument, so neither is declared here; `expect(r).toReturn(value)` works at run time.
 */
interface TsbpfAssertions<R> {
  /** The map has `key` (and, when given, `key` → `value`). */
  toHaveEntry(key: unknown, value?: unknown): R;
  /** The run (with allowFault) faulted, optionally with this code or message. */
  toFault(expected?: string | RegExp): R;
  /** trace_printk printed this line (probe: any run; result: that run). */
  toHavePrinted(expected: string | RegExp): R;
  /** The event stream holds a record with these fields. */
  toHaveEmitted(expected: unknown): R;
}

declare module "vitest" {
  // `T = any` must repeat vitest's own declaration for the interfaces to merge.
  interface Matchers<T = any> extends TsbpfAssertions<T> {}
}

export { tsbpfMatchers, tsbpfSnapshotSerializer };
