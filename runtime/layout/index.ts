export type {
  ArrayLayout,
  BoolLayout,
  CStringLayout,
  Field,
  IntLayout,
  IntSize,
  Layout,
  LayoutValue,
  OpaqueLayout,
  PointerLayout,
  StructLayout,
  UnionLayout,
} from "./types.js";
export {
  alignOf,
  array,
  bool,
  cstring,
  i16,
  i32,
  i64,
  i8,
  int,
  isPowerOfTwo,
  opaque,
  pointer,
  roundUp,
  sizeOf,
  struct,
  u16,
  u32,
  u64,
  u8,
  union,
  type AggregateOptions,
  type FieldSpec,
} from "./build.js";
export { LayoutCode, type LayoutCodeName } from "./codes.js";
export { describeLayout, locate, memberNames, type Located } from "./describe.js";
export { validateLayout } from "./validate.js";
export { decode } from "./decode.js";
export { encode, encodeToBytes, type EncodeOptions } from "./encode.js";
