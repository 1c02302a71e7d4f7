import type { KernelLink } from "../../runtime/kernel/index.js";
import type { KernelResult } from "../../runtime/kernel/errors.js";

/** The part of the generated syscount skeleton the kernel test uses (it is imported by path). */
export declare function load(): {
  maps: {
    counts: { get(k: number): bigint | undefined; set(k: number, v: bigint): void };
  };
  programs: { onOpenat: { attach(target: string): KernelResult<KernelLink> } };
  close(): void;
};
