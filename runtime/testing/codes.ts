/**
 * Diagnostics of the test harness (TSB0951–TSB0999; the range is unassigned in
 * docs/diagnostics.md and claimed here for runtime/testing). Thrown inside DiagnosticErrors,
 * since `load()`, `run()` and the packet builders are test-facing APIs that return plain values.
 */
export const TestingCode = {
  /** The source given to load() cannot be read, compiled or parsed (its own diagnostics follow). */
  SOURCE: "TSB0951",
  /** The verifier refused a program at load (its TSB4xxx diagnostic follows). */
  VERIFIER: "TSB0952",
  /** A run named no program of the probe, or its input does not fit the program kind. */
  RUN_INPUT: "TSB0953",
  /** The program stopped with a VM fault (a run that throws on faults). */
  FAULT: "TSB0954",
  /** A map is unknown, or its key/value types are not known (C objects without BTF types). */
  MAP: "TSB0955",
  /** A helper override names no kernel helper, or the backend cannot override helpers. */
  HELPER: "TSB0956",
  /** A BTF type has no data layout (a function, a forward declaration, a 128-bit integer). */
  BTF_LAYOUT: "TSB0957",
  /** The kernel backend is unavailable (no root, no bpf(), or the program type cannot test-run). */
  KERNEL: "TSB0958",
  /** A packet builder got a field it cannot encode (a bad address, a value out of range). */
  PACKET: "TSB0961",
  /** A packet's layers are in an order no frame has (TCP straight after Ethernet, ...). */
  PACKET_ORDER: "TSB0962",
} as const;

export type TestingCodeValue = (typeof TestingCode)[keyof typeof TestingCode];
