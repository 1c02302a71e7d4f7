/**
 * Sandbox diagnostics (TSB0901–TSB0949; the range is unassigned in docs/diagnostics.md and
 * claimed here for the sandbox, contexts and helpers).
 */
export const SandboxCode = {
  /** A map of the collection cannot be created in process. */
  MAP: "TSB0901",
  /** A program failed to load into the VM (the VM's own TSB05xx diagnostics follow). */
  PROGRAM: "TSB0902",
  /** A helper override names no kernel helper. */
  HELPER_OVERRIDE: "TSB0903",
  /** A relocation names a map, section or function the collection does not have. */
  RELOCATION: "TSB0904",
} as const;
