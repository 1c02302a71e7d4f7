/**
 * The instruction set the compiler may use. v3 (the default, what clang -mcpu=v3 targets and every
 * kernel since 5.1 runs) has no sign-extending moves or loads and no signed division; v4 (kernel
 * 6.6+) has MOVSX, LDSX and SDIV/SMOD (RFC 9669 §4.1, §5.1).
 */
export interface Target {
  readonly cpu: "v3" | "v4";
}

export const DEFAULT_TARGET: Target = { cpu: "v3" };
