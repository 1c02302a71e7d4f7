import { createHash } from "node:crypto";
import {
  existsSync,
  type Dirent,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { release, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CompiledProbe } from "./compile-cache.js";

/**
 * Compiled TypeScript probes kept on disk between test processes, as vitest keeps transformed
 * files: a test file that loads an unchanged probe does not import the compiler at all, which is
 * most of a fresh process's load() time. An entry is used only when the probe's file, every
 * local module it imports (relative imports, followed transitively), tsbpf's own code (the
 * compiler, stdlib and runtime: file sizes and times) and the kernel release (tracepoint formats)
 * are what they were when it was written;
 * otherwise the probe is compiled again. Set TSBPF_CACHE=0 to turn it off, TSBPF_CACHE_DIR to move it.
 */

const FORMAT = 1;

function cacheDir(): string | undefined {
  if (process.env.TSBPF_CACHE === "0") return undefined;
  if (process.env.TSBPF_CACHE_DIR) return resolve(process.env.TSBPF_CACHE_DIR);
  const modules = join(process.cwd(), "node_modules");
  if (existsSync(modules)) return join(modules, ".cache", "tsbpf-testing");
  return join(tmpdir(), `tsbpf-testing-${process.getuid?.() ?? "user"}`);
}

/** tsbpf's package root: runtime/testing (or dist/runtime/testing) is two or three levels down. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "stdlib"))) return dir;
    dir = dirname(dir);
  }
  return dirname(dirname(fileURLToPath(import.meta.url)));
}

let stamp: string | undefined;

/**
 * Sizes and modification times of tsbpf's code: a new compiler never reads an old entry. Every
 * file is still looked at (an edit in place changes no directory), but only files are stat'ed:
 * directory entries say which names are folders, so the walk costs one readdir per folder and one
 * stat per .ts/.js/.json file (about half the earlier time; launch time, issue #9).
 */
function toolStamp(): string {
  if (stamp) return stamp;
  const h = createHash("sha256").update(`format ${FORMAT}\0`);
  const root = packageRoot();
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = `${dir}/${e.name}`; // not join(): normalizing ~400 paths costs more than the stats
      if (e.isDirectory()) walk(path);
      else if (/\.(ts|js|json)$/.test(e.name)) {
        // a symlink or a file that vanished since readdir: stat follows links, absence is hashed
        const st = statSync(path, { throwIfNoEntry: false });
        h.update(st ? `${path}\0${st.size}\0${st.mtimeMs}\0` : `${path}\0gone\0`);
      }
    }
  };
  for (const part of ["compiler", "stdlib", "runtime"]) walk(join(root, part));
  h.update(readFileSync(join(root, "package.json")));
  // tracepoint record layouts come from the running kernel's tracefs formats
  h.update(`kernel ${release()}\0`);
  return (stamp = h.digest("hex"));
}

const IMPORT =
  /(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\s*["'](\.{1,2}\/[^"']+)["']/g;

/** `spec` from `file` as TypeScript resolves a relative import, or undefined. */
function resolveImport(file: string, spec: string): string | undefined {
  const base = resolve(dirname(file), spec);
  const candidates = [base, base.replace(/\.(m|c)?js$/, ".$1ts"), `${base}.ts`, join(base, "index.ts")];
  return candidates.find((c) => /\.(m|c)?tsx?$/.test(c) && existsSync(c));
}

/**
 * The local files a probe is made of with the hash of each, or undefined when an import cannot
 * be followed (then the probe is not cached: a stale entry must never be possible).
 */
export function localFiles(entry: string, entryBytes: Uint8Array): Array<[string, string]> | undefined {
  const out: Array<[string, string]> = [];
  const seen = new Set<string>();
  const visit = (file: string, bytes: Uint8Array): boolean => {
    if (seen.has(file)) return true;
    seen.add(file);
    out.push([file, createHash("sha256").update(bytes).digest("hex")]);
    const text = new TextDecoder().decode(bytes);
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveImport(file, (m[1] ?? m[2])!);
      if (!target) return false;
      if (!visit(target, readFileSync(target))) return false;
    }
    return true;
  };
  return visit(entry, entryBytes) ? out : undefined;
}

// Tagged JSON: bigints, byte arrays and undefined array slots survive the round trip.
function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === "bigint") return { $bigint: value.toString() };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString("base64") };
  if (value === undefined && Array.isArray(this)) return { $undefined: true };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const o = value as Record<string, unknown>;
  if (typeof o.$bigint === "string") return BigInt(o.$bigint);
  if (typeof o.$bytes === "string") return new Uint8Array(Buffer.from(o.$bytes, "base64"));
  if (o.$undefined === true) return undefined;
  return value;
}

export function serializeCompiled(c: CompiledProbe): string {
  return JSON.stringify({ spec: c.spec, layouts: { maps: c.layouts.maps } }, replacer);
}

export function deserializeCompiled(text: string): CompiledProbe {
  return JSON.parse(text, reviver) as CompiledProbe;
}

interface Entry {
  readonly files: Array<[string, string]>;
  readonly compiled: string;
}

function entryPath(dir: string, file: string, bytes: Uint8Array): string {
  const key = createHash("sha256").update(toolStamp()).update(file).update("\0").update(bytes).digest("hex");
  return join(dir, `${key.slice(0, 32)}.json`);
}

/** The compiled probe of `file` from an earlier process, if nothing it depends on changed. */
export function readCompiled(file: string, bytes: Uint8Array): CompiledProbe | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    const entry = JSON.parse(readFileSync(entryPath(dir, file, bytes), "utf8")) as Entry;
    const now = localFiles(file, bytes);
    if (!now || JSON.stringify(now) !== JSON.stringify(entry.files)) return undefined;
    return deserializeCompiled(entry.compiled);
  } catch {
    return undefined; // absent, unreadable or from another format: compile again
  }
}

/** Keeps a successful compile for later processes; a cache that cannot be written is skipped. */
export function writeCompiled(file: string, bytes: Uint8Array, compiled: CompiledProbe): void {
  const dir = cacheDir();
  if (!dir) return;
  const files = localFiles(file, bytes);
  if (!files) return;
  try {
    mkdirSync(dir, { recursive: true });
    const path = entryPath(dir, file, bytes);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ files, compiled: serializeCompiled(compiled) } satisfies Entry));
    renameSync(tmp, path); // atomic: parallel test processes never read half an entry
  } catch {
    // read-only checkout, full disk: the cache is an optimisation only
  }
}
