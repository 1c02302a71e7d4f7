import type { AttachOptions } from "./attach-program.js";

/** What `tsbpf run` (and its API twin, runProbe) is asked to do. */
export interface RunSessionOptions extends AttachOptions {
  /** The probe: a TypeScript program or a BPF ELF object. */
  readonly file: string;
  /** Attach only these programs (default: every program of the probe). */
  readonly programs?: readonly string[];
  /** Stop after this many milliseconds (default: until Ctrl-C / SIGTERM / `signal`). */
  readonly durationMs?: number;
  /** Print the maps every this many milliseconds (they are always printed at exit). */
  readonly intervalMs?: number;
  /** JSON lines instead of text. */
  readonly json?: boolean;
  /** Check programs with tsbpf's verifier before loading them (default true). */
  readonly verify?: boolean;
  /** Stops the session as Ctrl-C does (for callers that embed it). */
  readonly signal?: AbortSignal;
  /** Called once every program is attached (before any event is printed). */
  readonly onAttached?: (attached: readonly string[]) => void;
}

/** `tsbpf run --vm --input file.jsonl`. */
export interface ReplayOptions {
  readonly file: string;
  /** The recorded inputs: JSON lines, see docs/run.md. */
  readonly input: string;
  readonly programs?: readonly string[];
  readonly json?: boolean;
  readonly verify?: boolean;
}
