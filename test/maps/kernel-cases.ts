import type { MapSpec } from "../../runtime/object/spec.js";
import { Errno, MapFlags, MapType, UpdateFlags } from "../../runtime/uapi/bpf.js";

/**
 * Map behaviour as data: operation sequences with the results the kernel gives, written so the
 * same table can run against tsbpf's in-process maps (maps.test.ts) and against real kernel maps
 * through bpf(2) (a differential test for runtime/kernel to add). Keys and values are u32/u64
 * little-endian numbers to keep the table readable; `expect` is 0 or -errno, or for lookups the
 * value expected (null = absent). Iteration cases give the keys in kernel order only where the
 * order is defined (arrays); hash iteration is checked as a set.
 */
export type Op =
  | {
      readonly op: "update";
      readonly key: number;
      readonly value: number;
      readonly flags?: number;
      readonly expect: number;
    }
  | { readonly op: "delete"; readonly key: number; readonly expect: number }
  | { readonly op: "lookup"; readonly key: number; readonly expect: number | null }
  | { readonly op: "push"; readonly value: number; readonly flags?: number; readonly expect: number }
  | { readonly op: "pop" | "peek"; readonly expect: number | null; readonly errno?: number }
  | { readonly op: "nextKey"; readonly key: number | null; readonly expect: number | null }
  | { readonly op: "keys"; readonly expect: readonly number[] };

export interface MapCase {
  readonly name: string;
  readonly spec: MapSpec;
  readonly ops: readonly Op[];
}

const { ANY, NOEXIST, EXIST, F_LOCK } = UpdateFlags;
const { ENOENT, EEXIST, E2BIG, EINVAL } = Errno;

const spec = (type: number, keySize: number, valueSize: number, maxEntries: number, flags = 0): MapSpec => ({
  name: "m",
  type,
  keySize,
  valueSize,
  maxEntries,
  flags,
});

const hashOps = (): Op[] => [
  { op: "lookup", key: 1, expect: null },
  { op: "update", key: 1, value: 10, flags: EXIST, expect: -ENOENT },
  { op: "update", key: 1, value: 10, flags: NOEXIST, expect: 0 },
  { op: "update", key: 1, value: 11, flags: NOEXIST, expect: -EEXIST },
  { op: "lookup", key: 1, expect: 10 },
  { op: "update", key: 1, value: 12, flags: EXIST, expect: 0 },
  { op: "lookup", key: 1, expect: 12 },
  { op: "update", key: 2, value: 20, flags: ANY, expect: 0 },
  { op: "update", key: 3, value: 30, flags: ANY, expect: 0 },
  { op: "update", key: 4, value: 40, flags: ANY, expect: -E2BIG },
  { op: "update", key: 4, value: 40, flags: NOEXIST, expect: -E2BIG },
  { op: "update", key: 4, value: 40, flags: EXIST, expect: -ENOENT },
  { op: "update", key: 3, value: 31, flags: ANY, expect: 0 }, // replacing works when full
  { op: "lookup", key: 3, expect: 31 },
  { op: "update", key: 2, value: 0, flags: 3, expect: -EINVAL },
  { op: "update", key: 2, value: 0, flags: F_LOCK, expect: -EINVAL },
  { op: "keys", expect: [1, 2, 3] },
  { op: "delete", key: 2, expect: 0 },
  { op: "delete", key: 2, expect: -ENOENT },
  { op: "lookup", key: 2, expect: null },
  { op: "update", key: 4, value: 40, flags: ANY, expect: 0 },
  { op: "keys", expect: [1, 3, 4] },
];

export const MAP_CASES: readonly MapCase[] = [
  { name: "hash u32→u64", spec: spec(MapType.HASH, 4, 8, 3), ops: hashOps() },
  { name: "hash, not preallocated", spec: spec(MapType.HASH, 4, 8, 3, MapFlags.NO_PREALLOC), ops: hashOps() },
  { name: "per-CPU hash", spec: spec(MapType.PERCPU_HASH, 4, 8, 3), ops: hashOps() },
  {
    name: "array",
    spec: spec(MapType.ARRAY, 4, 8, 3),
    ops: [
      { op: "lookup", key: 0, expect: 0 },
      { op: "lookup", key: 3, expect: null },
      { op: "update", key: 1, value: 7, flags: ANY, expect: 0 },
      { op: "update", key: 1, value: 8, flags: EXIST, expect: 0 },
      { op: "lookup", key: 1, expect: 8 },
      { op: "update", key: 1, value: 9, flags: NOEXIST, expect: -EEXIST },
      { op: "update", key: 3, value: 9, flags: ANY, expect: -E2BIG },
      { op: "update", key: 3, value: 9, flags: NOEXIST, expect: -E2BIG },
      { op: "update", key: 1, value: 9, flags: 3, expect: -EINVAL },
      { op: "update", key: 1, value: 9, flags: F_LOCK, expect: -EINVAL },
      { op: "delete", key: 1, expect: -EINVAL },
      { op: "delete", key: 5, expect: -EINVAL },
      { op: "nextKey", key: null, expect: 0 },
      { op: "nextKey", key: 0, expect: 1 },
      { op: "nextKey", key: 1, expect: 2 },
      { op: "nextKey", key: 2, expect: null },
      { op: "nextKey", key: 99, expect: 0 },
      { op: "keys", expect: [0, 1, 2] },
    ],
  },
  {
    name: "per-CPU array",
    spec: spec(MapType.PERCPU_ARRAY, 4, 8, 2),
    ops: [
      { op: "update", key: 0, value: 5, flags: ANY, expect: 0 },
      { op: "lookup", key: 0, expect: 5 },
      { op: "update", key: 2, value: 5, flags: ANY, expect: -E2BIG },
      { op: "update", key: 0, value: 5, flags: NOEXIST, expect: -EEXIST },
      { op: "delete", key: 0, expect: -EINVAL },
    ],
  },
  {
    name: "queue",
    spec: spec(MapType.QUEUE, 0, 4, 2),
    ops: [
      { op: "pop", expect: null, errno: -ENOENT },
      { op: "peek", expect: null, errno: -ENOENT },
      { op: "push", value: 1, expect: 0 },
      { op: "push", value: 2, expect: 0 },
      { op: "push", value: 3, expect: -E2BIG },
      { op: "push", value: 3, flags: NOEXIST, expect: -EINVAL },
      { op: "push", value: 3, flags: 4, expect: -EINVAL },
      { op: "peek", expect: 1 },
      { op: "push", value: 3, flags: EXIST, expect: 0 }, // drops the oldest (1)
      { op: "pop", expect: 2 },
      { op: "pop", expect: 3 },
      { op: "pop", expect: null, errno: -ENOENT },
    ],
  },
  {
    name: "stack",
    spec: spec(MapType.STACK, 0, 4, 2),
    ops: [
      { op: "push", value: 1, expect: 0 },
      { op: "push", value: 2, expect: 0 },
      { op: "peek", expect: 2 },
      { op: "push", value: 3, expect: -E2BIG },
      { op: "push", value: 3, flags: EXIST, expect: 0 }, // drops the oldest (1), the bottom
      { op: "pop", expect: 3 },
      { op: "pop", expect: 2 },
      { op: "pop", expect: null, errno: -ENOENT },
    ],
  },
];
