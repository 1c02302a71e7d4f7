import { describe, expectTypeOf, it } from "vitest";
import type {
  EventStream,
  HistogramMap,
  IntInput,
  IntValue,
  KeyedHistogramMap,
  PacketSource,
  Probe,
  ProbeMap,
  RunResult,
} from "../../runtime/testing/index.js";
import type * as ExecEvents from "../fixtures/compiler/samples/exec-events.js";
import type * as Syscount from "../fixtures/compiler/samples/syscount.js";
import type * as XdpProto from "../fixtures/compiler/samples/xdp-proto.js";
import type * as Keyed from "./fixtures/keyed.js";
import type * as Latency from "./fixtures/latency.js";

/**
 * `load<typeof Module>()` types: checked by tsc (npm run lint), the `it` bodies only make vitest
 * list them. A wrong program name, input or key is a compile error here.
 */
describe("types derived from a module's declarations", () => {
  it("program names and their inputs", () => {
    type P = Probe<typeof Syscount>;
    expectTypeOf<P["programs"][number]>().toEqualTypeOf<"onOpenat">();
    expectTypeOf<Parameters<P["run"]>[0]>().toEqualTypeOf<"onOpenat">();
    const check = (p: P, x: Probe<typeof XdpProto>, l: Probe<typeof Latency>): RunResult[] => [
      p.run(
        "onOpenat",
        { dfd: -100, filename: 0x1000n, flags: 0, mode: 0 },
        { tgid: 42, comm: "cat", now: 1_000n },
      ),
      p.run("onOpenat", { args: [1, 2n] }),
      // @ts-expect-error -- no such program
      p.run("onOpen", {}),
      // @ts-expect-error -- a tracepoint field takes integers, not text
      p.run("onOpenat", { dfd: "x" }),
      x.run("countProto", new Uint8Array(14)),
      x.run("countProto", { packet: new Uint8Array(14), ingressIfindex: 2 }),
      // @ts-expect-error -- an XDP program's input is a packet
      x.run("countProto", { dfd: 1 }),
      l.run("onRawEnter", { args: [1n, 2n] }),
      // @ts-expect-error -- raw tracepoints take args
      l.run("onRawEnter", { packet: new Uint8Array(14) }),
      l.run("onExit", { id: 1, ret: 0 }),
    ];
    void check;
  });

  it("maps with keys and values from the declarations", () => {
    type L = Probe<typeof Latency>["maps"];
    expectTypeOf<L["start"]>().toEqualTypeOf<ProbeMap<IntValue, IntValue, IntInput, IntInput>>();
    expectTypeOf<L["latency"]>().toEqualTypeOf<HistogramMap>();
    expectTypeOf<ReturnType<L["perCall"]["get"]>>().toEqualTypeOf<IntValue | undefined>();
    expectTypeOf<Parameters<L["perCall"]["get"]>[0]>().toEqualTypeOf<{
      readonly tgid: IntInput;
      readonly nr: IntInput;
    }>();
    expectTypeOf<ReturnType<L["calls"]["get"]>>().toEqualTypeOf<readonly IntValue[] | undefined>();
    expectTypeOf<keyof L>().toEqualTypeOf<"start" | "latency" | "perCall" | "calls">();
    expectTypeOf<ReturnType<L["latency"]["buckets"]>>().toEqualTypeOf<Record<string, bigint>>();
  });

  it("keyed histograms take the declared key", () => {
    type S = Probe<typeof Keyed>["maps"]["sizes"];
    expectTypeOf<S>().toEqualTypeOf<KeyedHistogramMap<IntValue, IntInput>>();
    expectTypeOf<Parameters<S["buckets"]>[0]>().toEqualTypeOf<IntInput>();
  });

  it("event streams with decoded records", () => {
    type E = Probe<typeof ExecEvents>["events"];
    expectTypeOf<keyof E>().toEqualTypeOf<"events">();
    expectTypeOf<E["events"]>().toEqualTypeOf<
      EventStream<{ readonly pid: IntValue; readonly ts: IntValue; readonly comm: string }>
    >();
  });

  it("loose types without a module type", () => {
    type U = Probe;
    expectTypeOf<U["programs"][number]>().toEqualTypeOf<string>();
    expectTypeOf<Parameters<U["run"]>[1]>().toMatchTypeOf<
      PacketSource | { readonly [k: string]: unknown } | undefined
    >();
    expectTypeOf<U["maps"][string]["buckets"]>().toBeFunction();
  });
});
