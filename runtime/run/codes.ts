/** `tsbpf run` and its session diagnostics (TSB5001–TSB5099; docs/diagnostics.md). */
export const RunCode = {
  /** bpf() refused: not root, no CAP_BPF, or no bpf() at all. */
  NO_BPF: "TSB5001",
  /** tracefs (or bpffs) is not mounted and could not be mounted. */
  NO_TRACEFS: "TSB5002",
  /** A tracepoint the program names does not exist in this kernel. */
  UNKNOWN_TRACEPOINT: "TSB5004",
  /** --iface names no network interface. */
  NO_INTERFACE: "TSB5005",
  /** The kernel's verifier refused a program. */
  VERIFIER: "TSB5006",
  /** A program needs something to attach to that was not given (--iface, --socket-fd, --uprobe). */
  ATTACH_TARGET: "TSB5007",
  /** The kernel refuses this kind of program or attachment (kprobe, fentry/fexit, lsm). */
  UNSUPPORTED: "TSB5008",
  /** Any other load or attach failure (errno and message from the kernel). */
  KERNEL: "TSB5009",
  /** Bad command-line values (-p names no program, bad --duration, ...). */
  USAGE: "TSB5010",
  /** --input: a line of the replay file is not a valid record. */
  INPUT: "TSB5011",
  /** --vm: a replayed run faulted or was refused. */
  REPLAY: "TSB5012",
  /** tsbpf's verifier refused a program before it was loaded. */
  TSBPF_VERIFIER: "TSB5013",
} as const;
