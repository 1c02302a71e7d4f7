import { relative } from "node:path";
import { buildObject } from "../../emit/index.js";
import { refuse, reportDiagnostics, type Io } from "../report.js";

export interface BuildCommandOptions {
  output?: string;
  debug?: boolean;
  verify?: boolean;
  license?: string;
  skeleton?: boolean;
}

/**
 * `tsbpf build probe.ts [-o probe.bpf.o]`: compiles, verifies and writes a libbpf-compatible
 * object. Nothing is written when anything fails; the previous output, if any, stays as it was.
 */
export function buildCommand(io: Io, file: string, options: BuildCommandOptions): number {
  const result = buildObject(file, {
    ...(options.output !== undefined ? { out: options.output } : {}),
    ...(options.license !== undefined ? { license: options.license } : {}),
    debug: options.debug !== false,
    verify: options.verify !== false,
    skeleton: options.skeleton === true,
  });
  if (!result.ok) return refuse(io, result.diagnostics);
  if (result.warnings?.length) reportDiagnostics(io, result.warnings);
  io.out(`wrote ${shownPath(result.value.out)} (${result.value.size} bytes)`);
  if (result.value.skeleton) io.out(`wrote ${shownPath(result.value.skeleton)}`);
  return 0;
}

/** The output path as short as it is clear: relative when inside the working directory. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}
