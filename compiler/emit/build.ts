import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { error, fail, ok, type Diagnostic, type Result } from "../../runtime/diag/diagnostic.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import type { CollectionSpec } from "../../runtime/object/spec.js";
import { VerifierCode, verify } from "../../runtime/verifier/index.js";
import { compile } from "../codegen/compile.js";
import { EmitCode } from "./codes.js";
import { writeObject } from "./elf-writer.js";
import { writeSkeleton } from "./skeleton.js";

export interface BuildOptions {
  /** Output path; default: the entry file with `.ts` replaced by `.bpf.o`, beside it. */
  readonly out?: string;
  /** Write `.BTF.ext` line and function info (default true). */
  readonly debug?: boolean;
  /** License string (default "GPL"). */
  readonly license?: string;
  /** Run tsbpf's verifier on every program before writing (default true). */
  readonly verify?: boolean;
  /** Also write a typed loader module, `<name>.skel.ts`, beside the object. */
  readonly skeleton?: boolean;
  /** Module the skeleton imports its runtime from (default "tsbpf/skeleton"). */
  readonly skeletonRuntime?: string;
}

export interface BuildResult {
  /** Absolute path of the object written. */
  readonly out: string;
  readonly size: number;
  /** Absolute path of the skeleton written, with `skeleton: true`. */
  readonly skeleton?: string;
}

/** `probe.ts` → `probe.bpf.o`. */
export function defaultOutput(entryFile: string): string {
  const base = basename(entryFile).replace(/\.(m|c)?tsx?$/, "");
  return join(dirname(entryFile), `${base}.bpf.o`);
}

function errnoText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Writes `bytes` to `path` so that readers see either the old file or the whole new one: the
 * bytes go to a temporary file in the same directory, are flushed, and the file is renamed over
 * `path` (rename(2) is atomic within a file system). On any failure the temporary file is removed.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): Result<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", 0o644);
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
    return ok(undefined);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the unlink below matters more
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    return fail(error(EmitCode.OUTPUT, `cannot write ${path}: ${errnoText(e)}`));
  }
}

/**
 * `tsbpf build`: compiles `entryFile` and writes the object. Every failure — unreadable input,
 * compile errors, an unwritable output — comes back as diagnostics, and the output path is then
 * left as it was.
 */
export function buildObject(entryFile: string, options: BuildOptions = {}): Result<BuildResult> {
  const out = resolve(options.out ?? defaultOutput(entryFile));
  const input = resolve(entryFile);
  if (out === input) {
    return fail(
      error(EmitCode.BAD_OUTPUT_PATH, `the output ${options.out ?? out} would overwrite the input file`, {
        hint: "pass -o with a .bpf.o path",
      }),
    );
  }
  try {
    if (statSync(out).isDirectory()) {
      return fail(
        error(EmitCode.BAD_OUTPUT_PATH, `the output ${out} is a directory`, {
          hint: "pass -o with a file path",
        }),
      );
    }
  } catch {
    // no such file yet: the usual case
  }
  const compiled = compile(entryFile, options.license !== undefined ? { license: options.license } : {});
  if (!compiled.ok) return compiled;
  const written = writeObject(compiled.value, {
    debug: options.debug ?? true,
    sourceName: basename(entryFile),
  });
  if (!written.ok) return written;
  // Verify the object as a loader will see it: read back, with its global data sections and BTF
  // (which tells global functions from static ones), and line info pointing at the TypeScript.
  let verdict: { errors: Diagnostic[]; notes: Diagnostic[] } = { errors: [], notes: [] };
  if (options.verify !== false) {
    const readBack = loadCollectionSpec(written.value, { file: entryFile });
    if (!readBack.ok) return readBack;
    verdict = verifyCollection(readBack.value);
  }
  if (verdict.errors.length) return fail(...verdict.errors);
  let skeleton: string | undefined;
  if (options.skeleton) {
    skeleton = out.replace(/(\.bpf)?\.o$/, "") + ".skel.ts";
    const text = writeSkeleton(compiled.value, basename(out), basename(entryFile), options.skeletonRuntime);
    const savedSkeleton = writeFileAtomic(skeleton, new TextEncoder().encode(text));
    if (!savedSkeleton.ok) return savedSkeleton;
  }
  const saved = writeFileAtomic(out, written.value);
  if (!saved.ok) return saved;
  const warnings: Diagnostic[] = [
    ...(compiled.warnings ?? []),
    ...verdict.notes,
    ...(written.warnings ?? []),
  ];
  const value = { out, size: written.value.length, ...(skeleton ? { skeleton } : {}) };
  return warnings.length ? { ok: true, value, warnings } : ok(value);
}

/**
 * Runs tsbpf's verifier on every program of a collection. Rejections the kernel would make are
 * errors; where tsbpf's verifier only says it does not model a construct yet (TSB4099), the
 * kernel decides at load time, so that is reported as a warning rather than blocking the build.
 */
export function verifyCollection(spec: CollectionSpec): { errors: Diagnostic[]; notes: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const notes: Diagnostic[] = [];
  for (const program of spec.programs) {
    const result = verify(program, {
      maps: spec.maps,
      data: spec.data,
      ...(spec.btf ? { btf: spec.btf } : {}),
      logLevel: 0,
    });
    if (result.accepted) continue;
    for (const d of result.diagnostics) {
      if (d.code === VerifierCode.NOT_MODELLED) {
        notes.push({
          ...d,
          severity: "warning",
          message: `${program.name}: ${d.message} (the kernel will decide)`,
        });
      } else errors.push(d);
    }
  }
  return { errors, notes };
}
