/**
 * What a DSL call does when a tsbpf program is executed as plain JavaScript instead of being
 * compiled: it refuses, with a message saying how to run it. Declarations that only describe
 * something (maps, program kinds) are real descriptor values and do not throw.
 */
export class NotCompiledError extends Error {
  constructor(what: string) {
    super(
      `${what} runs only inside an eBPF program compiled by tsbpf; ` +
        `use \`tsbpf run\`, \`tsbpf build\` or the tsbpf test harness (load("probe.ts")) to execute it`,
    );
    this.name = "NotCompiledError";
  }
}

/** Throws NotCompiledError; typed `never` so it can stand in for any result. */
export function notCompiled(what: string): never {
  throw new NotCompiledError(what);
}
