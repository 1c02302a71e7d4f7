import type { Instruction } from "../isa/index.js";
import type { MapSpec } from "../object/spec.js";
import type { ProgTypeName } from "../uapi/bpf.js";
import type { Cfg } from "./cfg.js";

/** What an instruction's 64-bit immediate load refers to, resolved before the walk. */
export type LddwTarget =
  | { readonly kind: "map"; readonly map: MapSpec; readonly index: number }
  | { readonly kind: "mapValue"; readonly map: MapSpec; readonly index: number; readonly offset: number };

/** Everything the checks share while walking one program (kernel: struct bpf_verifier_env). */
export interface Env {
  readonly program: readonly Instruction[];
  readonly cfg: Cfg;
  readonly progType: ProgTypeName;
  readonly expectedAttachType?: number;
  /** Resolved lddw targets by instruction index. */
  readonly lddw: ReadonlyMap<number, LddwTarget>;
  /** Whether any path may use bpf_tail_call (checked against BPF-to-BPF calls). */
  readonly hasTailCall: boolean;
  /** Instruction being checked. */
  insn: number;
  /** Next fresh id for pointers and references (kernel: env->id_gen). */
  idGen: number;
  /** Deepest stack use (bytes) of each subprogram (kernel: subprog_info[].stack_depth). */
  readonly stackDepth: number[];
  /** Appends a line to the verifier log when the log level allows it. */
  log(level: 1 | 2, line: string): void;
  readonly logLevel: 0 | 1 | 2;
}

export const newId = (env: Env): number => ++env.idGen;
