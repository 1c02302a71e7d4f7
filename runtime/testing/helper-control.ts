import { DiagnosticError, error } from "../diag/diagnostic.js";
import type { Backend } from "./backend.js";
import { TestingCode } from "./codes.js";
import {
  helperId,
  kernelHelperName,
  toHelper,
  type HelperName,
  type HelperOverride,
} from "./helper-names.js";

/** Helper replacements for the runs that follow (VM backend). */
export interface HelperControl {
  /** Replaces a helper: `override("ktimeGetNs", () => 5n)`, `override("getCurrentComm", () => "bash")`. */
  override(name: HelperName, fn: HelperOverride): void;
  /** Puts back one overridden helper, or all of them. */
  restore(name?: HelperName): void;
}

export class Helpers implements HelperControl {
  private readonly backend: Backend;
  private readonly overridden = new Set<number>();

  constructor(backend: Backend) {
    this.backend = backend;
  }

  override(name: HelperName, fn: HelperOverride): void {
    const id = helperId(name);
    if (this.backend.kind !== "vm")
      throw new DiagnosticError([
        error(
          TestingCode.HELPER,
          `the kernel backend cannot override ${name}: the kernel runs its own helpers`,
          {
            hint: "keep tests that replace helpers on the VM backend",
          },
        ),
      ]);
    this.backend.overrideHelper(id, kernelHelperName(name), toHelper(fn));
    this.overridden.add(id);
  }

  restore(name?: HelperName): void {
    const ids = name === undefined ? [...this.overridden] : [helperId(name)];
    for (const id of ids) {
      if (this.overridden.delete(id)) this.backend.overrideHelper(id, "", undefined);
    }
  }
}
