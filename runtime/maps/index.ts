export type { BpfMap, MapFlagsArg, MapOptions } from "./types.js";
export { createMap, createMaps } from "./create.js";
export { checkMapSpec, type MapRefusal } from "./check.js";
export { HashMap } from "./hash-map.js";
export { LruHashMap } from "./lru-hash-map.js";
export { HashMapBase } from "./hash-base.js";
export { ArrayMap, arrayIndex, indexKey } from "./array-map.js";
export { QueueStackMap } from "./queue-stack-map.js";
export { RingBufMap } from "./ringbuf-map.js";
export { PerfEventArrayMap, type PerfSample } from "./perf-event-array.js";
export { ProgArrayMap } from "./prog-array.js";
export { StackTraceMap } from "./stack-trace-map.js";
export { LpmTrieMap } from "./lpm-trie-map.js";
export { BloomFilterMap } from "./bloom-filter-map.js";
export { hashBytes } from "./hashing.js";
export { typedMap, type TypedMap } from "./typed-map.js";
export {
  formatHist,
  formatHistMap,
  formatLhist,
  linearBucketLabel,
  log2BucketLabel,
  type Count,
  type HistEntry,
  type HistScale,
} from "./hist-format.js";
export {
  Histogram,
  bucketCount,
  checkLinearParams,
  histogramCounts,
  keyedHistograms,
  linearBucket,
  log2Bucket,
  printHistogramMap,
  printKeyedHistogramMap,
  type KeyedHistogram,
} from "./histogram.js";
