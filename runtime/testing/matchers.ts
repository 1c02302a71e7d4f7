import type { MatcherState } from "vitest";
import { EventStream } from "./events.js";
import { ProbeMapView } from "./probe-map.js";
import type { RunResult } from "./probe.js";
import { formatFaultReport } from "./report.js";
import { valueText } from "./value-text.js";

/**
 * vitest matchers for probes (registered by `tsbpf/testing/vitest`, or by hand with
 * `expect.extend(tsbpfMatchers)`). Failure messages print values the way map printing does, so a
 * failing expectation reads like the map it looked at.
 */

interface Outcome {
  readonly pass: boolean;
  readonly message: () => string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

interface MapLike {
  readonly name?: string;
  has(key: unknown): boolean;
  get(key: unknown): unknown;
  entries?(): unknown;
}

function isMapLike(v: unknown): v is MapLike {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as MapLike).has === "function" &&
    typeof (v as MapLike).get === "function"
  );
}

function isRunResult(v: unknown): v is RunResult {
  return typeof v === "object" && v !== null && "ret" in v && "r0" in v && "program" in v;
}

function notA(what: string, received: unknown): Outcome {
  return { pass: false, message: () => `expected ${what}, received ${valueText(received)}` };
}

function mapName(m: MapLike): string {
  return m.name ? `map ${m.name}` : "the map";
}

function contents(m: MapLike): string {
  if (m instanceof ProbeMapView) return m.format().trimEnd() || "(empty)";
  return "";
}

/** Every property of `expected` equals the record's (asymmetric matchers allowed). */
function partialMatch(state: MatcherState, record: unknown, expected: unknown): boolean {
  if (state.equals(record, expected)) return true;
  if (typeof expected !== "object" || expected === null || typeof record !== "object" || record === null)
    return false;
  if ("asymmetricMatch" in expected) return false;
  return Object.entries(expected).every(([k, v]) => state.equals((record as Record<string, unknown>)[k], v));
}

interface MockLike {
  readonly mock: { readonly results: ReadonlyArray<{ readonly type: string; readonly value: unknown }> };
}

function isMock(v: unknown): v is MockLike {
  return typeof v === "function" && Array.isArray((v as Partial<MockLike>).mock?.results);
}

/** vitest's toHaveReturned / toHaveReturnedWith, which `toReturn` and `toReturnWith` alias for mocks. */
function mockReturned(
  state: MatcherState,
  fn: MockLike,
  expected: [] | [unknown] | [value?: unknown],
): Outcome {
  const returns = fn.mock.results.filter((r) => r.type === "return");
  const pass =
    expected.length === 0 ? returns.length > 0 : returns.some((r) => state.equals(r.value, expected[0]));
  return {
    pass,
    message: () =>
      `expected the mock ${state.isNot ? "not " : ""}to have returned${expected.length ? ` ${valueText(expected[0])}` : ""}; it returned ${returns.map((r) => valueText(r.value)).join(", ") || "nothing"}`,
  };
}

function returned(state: MatcherState, r: RunResult, expected: number | bigint): Outcome {
  const pass =
    !r.fault &&
    (typeof expected === "bigint"
      ? r.r0 === BigInt.asUintN(64, expected)
      : expected < 0
        ? (r.ret | 0) === expected
        : r.ret === expected);
  const got = typeof expected === "bigint" ? `${r.r0}n` : String(expected < 0 ? r.ret | 0 : r.ret);
  return {
    pass,
    message: () =>
      r.fault
        ? `expected ${r.program} to return ${valueText(expected)}, but it faulted: ${formatFaultReport(r.fault)}`
        : state.isNot
          ? `expected ${r.program} not to return ${valueText(expected)}`
          : `expected ${r.program} to return ${valueText(expected)}, it returned ${got}`,
    actual: typeof expected === "bigint" ? r.r0 : r.ret,
    expected,
  };
}

export const tsbpfMatchers = {
  /** `expect(probe.maps.counts).toHaveEntry(42, 1n)`; without a value: the key is present. */
  toHaveEntry(this: MatcherState, received: unknown, key: unknown, ...value: [value?: unknown]): Outcome {
    if (!isMapLike(received)) return notA("a probe map", received);
    const present = received.has(key);
    const actual = present ? received.get(key) : undefined;
    const checkValue = value.length > 0;
    const pass = present && (!checkValue || this.equals(actual, value[0]));
    const want = checkValue ? `${valueText(key)} → ${valueText(value[0])}` : `key ${valueText(key)}`;
    return {
      pass,
      message: () =>
        this.isNot
          ? `expected ${mapName(received)} not to have ${want}`
          : present
            ? `expected ${mapName(received)} to have ${want}, but ${valueText(key)} → ${valueText(actual)}\n${contents(received)}`
            : `expected ${mapName(received)} to have ${want}, but the key is absent\n${contents(received)}`,
      ...(checkValue ? { actual, expected: value[0] } : {}),
    };
  },

  /**
   * `expect(r).toReturnWith(XdpAction.Drop)` (also registered as `toReturn`): numbers compare with
   * the u32 retval (negative ones as its signed reading, for -errno), bigints with the full r0.
   * On a mock function it keeps vitest's meaning (returned this value at least once).
   */
  toReturnWith(this: MatcherState, received: unknown, expected: number | bigint): Outcome {
    if (isMock(received)) return mockReturned(this, received, [expected]);
    if (!isRunResult(received)) return notA("the result of probe.run()", received);
    return returned(this, received, expected);
  },

  /** `toReturnWith` under the name jest-style tests use for values; `toReturn()` on a mock as before. */
  toReturn(this: MatcherState, received: unknown, ...expected: [value?: number | bigint]): Outcome {
    if (isMock(received)) return mockReturned(this, received, expected);
    if (!isRunResult(received)) return notA("the result of probe.run()", received);
    if (expected[0] === undefined)
      return { pass: !received.fault, message: () => `${received.program} faulted` };
    return returned(this, received, expected[0]);
  },

  /** `expect(r).toFault()`, `.toFault("TSB0503")`, `.toFault(/out of bounds/)` (runs with allowFault). */
  toFault(this: MatcherState, received: unknown, expected?: string | RegExp): Outcome {
    if (!isRunResult(received)) return notA("the result of probe.run()", received);
    const f = received.fault;
    const matches =
      f !== undefined &&
      (expected === undefined ||
        (typeof expected === "string"
          ? f.code === expected || f.message.includes(expected)
          : expected.test(f.message)));
    return {
      pass: matches,
      message: () =>
        f
          ? this.isNot
            ? `expected ${received.program} not to fault${expected ? ` with ${String(expected)}` : ""}, but: ${formatFaultReport(f)}`
            : `expected ${received.program} to fault with ${String(expected)}, but: ${formatFaultReport(f)}`
          : `expected ${received.program} to fault, but it returned ${received.ret}`,
    };
  },

  /** `expect(probe).toHavePrinted("opened 3")` or a RegExp; also on one run's result. */
  toHavePrinted(this: MatcherState, received: unknown, expected: string | RegExp): Outcome {
    const lines = (received as { printk?: readonly string[] } | undefined)?.printk;
    if (!Array.isArray(lines)) return notA("a probe or a run result", received);
    const pass = lines.some((l: string) =>
      typeof expected === "string" ? l === expected : expected.test(l),
    );
    return {
      pass,
      message: () =>
        `expected trace_printk ${this.isNot ? "not " : ""}to have printed ${String(expected)}; it printed:\n${lines.map((l) => `  ${l}`).join("\n") || "  (nothing)"}`,
    };
  },

  /** `expect(probe.events.events).toHaveEmitted({ pid: 42 })`: some pending record has these fields. */
  toHaveEmitted(this: MatcherState, received: unknown, expected: unknown): Outcome {
    if (!(received instanceof EventStream)) return notA("a probe event stream", received);
    const records = received.peek();
    const pass = records.some((r) => partialMatch(this, r, expected));
    return {
      pass,
      message: () =>
        `expected ${received.name} ${this.isNot ? "not " : ""}to have a record like ${valueText(expected)}; records:\n${records.map((r) => `  ${valueText(r)}`).join("\n") || "  (none)"}`,
    };
  },
};

export type TsbpfMatchers = typeof tsbpfMatchers;

/**
 * Snapshot form of maps and event streams: maps as bpftrace prints them (histograms as bars),
 * streams one record per line — stable text whose diffs read well.
 */
export const tsbpfSnapshotSerializer = {
  test(value: unknown): boolean {
    return value instanceof ProbeMapView || value instanceof EventStream;
  },
  serialize(value: unknown): string {
    if (value instanceof ProbeMapView) return value.format().trimEnd();
    const records = (value as EventStream).peek();
    return records.map((r) => valueText(r)).join("\n") || "(no records)";
  },
};
