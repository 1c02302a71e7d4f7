import type { Instruction } from "../isa/index.js";
import type { MapSpec } from "../object/spec.js";
import type { ProgTypeName } from "../uapi/bpf.js";
import type { Cfg } from "./cfg.js";
import type { VerifierState } from "./state.js";

/** A global function's argument kinds and name (kernel: btf_prepare_func_args). */
export interface GlobalFunc {
  readonly name: string;
  readonly args: ReadonlyArray<"scalar" | "ctx">;
}

/** What an instruction's 64-bit immediate load refers to, resolved before the walk. */
export type LddwTarget =
  | { readonly kind: "map"; readonly map: MapSpec; readonly index: number }
  | { readonly kind: "func"; readonly insn: number }
  | { readonly kind: "mapValue"; readonly map: MapSpec; readonly index: number; readonly offset: number };

/** Everything the checks share while walking one program (kernel: struct bpf_verifier_env). */
export interface Env {
  readonly program: readonly Instruction[];
  readonly cfg: Cfg;
  readonly progType: ProgTypeName;
  readonly expectedAttachType?: number;
  /** Resolved lddw targets by instruction index. */
  readonly lddw: ReadonlyMap<number, LddwTarget>;
  /** Contents of frozen read-only maps (global .rodata): loads from them are known constants. */
  readonly frozen: ReadonlyMap<MapSpec, Uint8Array>;
  /** Whether any path may use bpf_tail_call (checked against BPF-to-BPF calls). */
  readonly hasTailCall: boolean;
  /** Instruction being checked. */
  insn: number;
  /** Next fresh id for pointers and references (kernel: env->id_gen). */
  idGen: number;
  /** Deepest stack use (bytes) of each subprogram (kernel: subprog_info[].stack_depth). */
  readonly stackDepth: number[];
  /** Global functions (BTF linkage global) by subprogram index: verified once, on their own. */
  readonly globals: ReadonlyMap<number, GlobalFunc>;
  /** Global functions some verified path calls (kernel: subprog_aux->called). */
  readonly calledGlobals: Set<number>;
  /** A state entering a callback, left by a helper call for the walk to explore (kernel: push_callback_call). */
  pendingCallback: { state: VerifierState; insn: number } | undefined;
  /** Appends a line to the verifier log when the log level allows it. */
  log(level: 1 | 2, line: string): void;
  readonly logLevel: 0 | 1 | 2;
  /** Where an instruction (by slot) came from, for hints: `line 12` with line info, else `insn 12`. */
  where(slot: number): string;
}

export const newId = (env: Env): number => ++env.idGen;
