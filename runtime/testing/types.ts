import type { PtRegsInput } from "../contexts/pt-regs.js";
import type { SkbInput } from "../contexts/skb.js";
import type { XdpInput } from "../contexts/xdp.js";
import type { LayoutValue } from "../layout/types.js";
import type {
  PtRegsContext,
  RawTracepointContext,
  SkBuffContext,
  TracingContext,
  XdpContext,
} from "../../stdlib/index.js";
import type { EventStream } from "./events.js";
import type { HistogramMap, HistogramMethods, KeyedHistogramMap, ProbeMap } from "./probe-map.js";
import type { PacketSource } from "./packet/builder.js";

/**
 * What `load<typeof Module>()` derives from a program module's own declarations: program names,
 * each program's input shape (from its context type), map key/value types and ring-buffer record
 * types. To TypeScript every DSL integer type is `number` (u32 and u64 are the same type), so
 * integers read back are typed `number | bigint`: at run time u64/i64 and pointers are bigints
 * and narrower integers numbers, as the layout codec decodes them.
 */

/** An integer the harness accepts: a number (safe integers) or a bigint. */
export type IntInput = number | bigint;
/** An integer read back: bigint for 64-bit types and pointers, number for narrower ones. */
export type IntValue = number | bigint;

type CStringLike = { readonly __cstring: number };
type FixedArrayLike<E> = { readonly length: number; readonly [index: number]: E };

/** The JavaScript value a DSL type decodes to. */
export type Value<T> = T extends boolean
  ? boolean
  : T extends number
    ? IntValue
    : T extends CStringLike
      ? string
      : T extends FixedArrayLike<infer E>
        ? readonly Value<E>[] | Uint8Array
        : T extends object
          ? { readonly [K in keyof T]: Value<T[K]> }
          : LayoutValue;

/** The JavaScript value that encodes to a DSL type. */
export type ValueInput<T> = T extends boolean
  ? boolean
  : T extends number
    ? IntInput
    : T extends CStringLike
      ? string
      : T extends FixedArrayLike<infer E>
        ? readonly ValueInput<E>[] | Uint8Array
        : T extends object
          ? { readonly [K in keyof T]: ValueInput<T[K]> }
          : unknown;

type PerCpuKind = "percpu_hash" | "percpu_array" | "lru_percpu_hash";

/** The harness view of one map declaration. */
export type ProbeMapOf<D> = D extends { readonly kind: "histogram" }
  ? HistogramMap
  : D extends { readonly kind: "keyed_histogram"; record(key: infer K, value: number, times?: number): void }
    ? KeyedHistogramMap<Value<K>, ValueInput<K>>
    : D extends { readonly kind: PerCpuKind; get(key: infer K): infer V | undefined }
      ? ProbeMap<Value<K>, readonly Value<V>[], ValueInput<K>, readonly ValueInput<V>[]>
      : D extends { get(key: infer K): infer V | undefined }
        ? ProbeMap<Value<K>, Value<V>, ValueInput<K>, ValueInput<V>>
        : never;

type MapKeys<M> = {
  [K in keyof M]: M[K] extends { readonly kind: "histogram" | "keyed_histogram" }
    ? K
    : M[K] extends { readonly kind: string; get(key: never): unknown }
      ? K
      : never;
}[keyof M];

type EventKeys<M> = {
  [K in keyof M]: M[K] extends { readonly kind: "ringbuf" | "perf_event_array" } ? K : never;
}[keyof M];

type ProgramKeys<M> = {
  [K in keyof M]: M[K] extends { readonly kind: string; readonly fn: (ctx: never) => number } ? K : never;
}[keyof M] &
  string;

type RecordOf<D> = D extends { reserve(): infer T | null }
  ? T
  : D extends { output(ctx: object, record: infer T, flags?: number): number }
    ? T
    : unknown;

/** Maps of a module with keys and values typed from their declarations. */
export type MapsOf<M> = { readonly [K in MapKeys<M>]: ProbeMapOf<M[K]> };
/** Ring buffers and perf event arrays of a module, with decoded records. */
export type EventsOf<M> = { readonly [K in EventKeys<M>]: EventStream<Value<RecordOf<M[K]>>> };
export type ProgramsOf<M> = ProgramKeys<M>;

/** A packet program's input: the frame (bytes or a builder), and context fields. */
export type XdpRunInput = PacketSource | (Omit<XdpInput, "packet"> & { readonly packet: PacketSource });
export type SkbRunInput = PacketSource | (Omit<SkbInput, "packet"> & { readonly packet: PacketSource });
/** Raw tracepoint, fentry/fexit/lsm: the u64 arguments in order. */
export interface ArgsRunInput {
  readonly args: readonly IntInput[];
}
/** kprobe/uprobe (and their return probes): registers by name, arguments, return value. */
export type RegistersRunInput = PtRegsInput;

type FieldInput<T> = T extends CStringLike
  ? string | Uint8Array
  : T extends FixedArrayLike<number>
    ? readonly IntInput[] | Uint8Array
    : T extends number
      ? IntInput
      : string | Uint8Array | IntInput;

/**
 * A tracepoint program's input: record fields by their tracefs names (unset ones are zero;
 * `common_pid` is the environment's pid). For `syscalls/sys_enter_*`, `args` sets the syscall's
 * arguments in order; `tracepoint` overrides the attach point the section names.
 */
export type TracepointRunInput<C> = { readonly [F in keyof C]?: FieldInput<C[F]> } & {
  readonly args?: readonly IntInput[];
  readonly tracepoint?: string;
};

/** The input of a program whose context is `C`. */
export type InputFor<C> = C extends XdpContext
  ? XdpRunInput
  : C extends SkBuffContext
    ? SkbRunInput
    : C extends PtRegsContext
      ? RegistersRunInput
      : C extends TracingContext
        ? ArgsRunInput
        : C extends RawTracepointContext
          ? ArgsRunInput
          : TracepointRunInput<C>;

/** Any program's input, for probes loaded without a module type (C objects). */
export type AnyRunInput =
  | PacketSource
  | { readonly packet: PacketSource; readonly [field: string]: unknown }
  | { readonly [field: string]: unknown };

type ContextOf<D> = D extends { readonly fn: (ctx: infer C) => number } ? C : never;

/** With no module type (`load(path)`), names are strings and values are the codec's. */
type Untyped<M> = unknown extends M ? true : false;

export type ProgramName<M> = Untyped<M> extends true ? string : ProgramsOf<M>;
export type RunInputOf<M, P> =
  Untyped<M> extends true ? AnyRunInput : P extends keyof M ? InputFor<ContextOf<M[P]>> : never;
export type MapsView<M> = Untyped<M> extends true ? { readonly [name: string]: UntypedMap } : MapsOf<M>;
export type EventsView<M> =
  Untyped<M> extends true ? { readonly [name: string]: EventStream<LayoutValue> } : EventsOf<M>;

/** A map of an untyped probe: values as the codec decodes them; histogram methods throw unless it is one. */
export type UntypedMap = ProbeMap<LayoutValue, LayoutValue, unknown, unknown> & HistogramMethods;
