/**
 * Diagnostic codes of data layouts, the layout codec, typed map access and histograms
 * (range TSB0701–TSB0799, docs/diagnostics.md). Stable: tests and docs refer to them.
 */
export const LayoutCode = {
  /** An integer value outside the range of its C type. */
  INT_RANGE: "TSB0701",
  /** A JavaScript value of the wrong kind for the layout (string for an int, …). */
  WRONG_TYPE: "TSB0702",
  /** A number that is not an integer (1.5, NaN, Infinity) where an integer is needed. */
  NOT_INTEGER: "TSB0703",
  /** A string that needs more bytes than a CString<N> holds (N-1 bytes and the NUL). */
  STRING_TOO_LONG: "TSB0704",
  /** A string with a NUL character inside, which C would cut short. */
  STRING_HAS_NUL: "TSB0705",
  /** An array (or per-CPU value list) whose length differs from the layout's. */
  ARRAY_LENGTH: "TSB0706",
  /** A struct value without one of the struct's fields. */
  MISSING_FIELD: "TSB0707",
  /** A struct value with a property the struct does not have. */
  UNKNOWN_FIELD: "TSB0708",
  /** The output buffer is too small for the layout at that offset. */
  BUFFER_TOO_SMALL: "TSB0709",
  /** A layout that cannot describe C data (overlapping fields, bad alignment, …). */
  INVALID_LAYOUT: "TSB0710",
  /** A layout whose size differs from the map's key or value size. */
  SIZE_MISMATCH: "TSB0711",
  /** A map operation the map refused with an errno. */
  MAP_ERRNO: "TSB0712",
  /** A union value must set exactly one member. */
  UNION_MEMBER: "TSB0713",
  /** A JavaScript number beyond 2^53 for a 64-bit integer: precision is already lost. */
  UNSAFE_NUMBER: "TSB0714",
  /** Histogram parameters bpftrace would refuse (lhist step ≤ 0, max ≤ min, …). */
  HISTOGRAM_PARAMS: "TSB0720",
  /** A map spec tsbpf cannot create in process: unsupported type. */
  MAP_UNSUPPORTED: "TSB0750",
  /** A map spec the kernel would refuse at BPF_MAP_CREATE (message names the errno). */
  MAP_INVALID: "TSB0751",
} as const;
export type LayoutCodeName = keyof typeof LayoutCode;
