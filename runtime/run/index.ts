export { RunCode } from "./codes.js";
export { parseDuration } from "./duration.js";
export { eventText, valueText, jsonValue, isPaddingField } from "./value-format.js";
export {
  snapshotMap,
  formatSnapshot,
  snapshotJson,
  type MapSnapshot,
  type PrintableMap,
} from "./map-print.js";
export { RunPrinter, type RunOutput } from "./printer.js";
export {
  attachProgram,
  interfaceIndex,
  closestTracepoints,
  type AttachOptions,
  type Attachment,
} from "./attach-program.js";
export { verifierDiagnostics, loadDiagnostics, failingInstruction } from "./kernel-diagnostic.js";
export { runKernelSession, decodeRecord, type SessionResult } from "./kernel-session.js";
export { runVmReplay } from "./vm-replay.js";
export { parseReplay, type ReplayRecord } from "./replay-input.js";
export type { RunSessionOptions, ReplayOptions } from "./session-options.js";
