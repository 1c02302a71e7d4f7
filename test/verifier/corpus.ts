import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { compile } from "../../compiler/index.js";
import { loadCollectionSpec, type CollectionSpec } from "../../runtime/object/index.js";

/**
 * The real programs the verifier is held to: clang-built objects (the committed ELF fixtures and
 * the C twins of the examples, compiled here) and tsbpf's own TypeScript samples and examples.
 * Each entry is a CollectionSpec plus, for clang objects, the ELF path libbpf can load.
 */

/** The repository: found upwards from here, so a copy compiled elsewhere (bench/) finds it too. */
export const ROOT = ((): string => {
  for (let d = import.meta.dirname; d !== dirname(d); d = dirname(d)) {
    const pkg = join(d, "package.json");
    if (
      existsSync(pkg) &&
      existsSync(join(d, "examples")) &&
      readFileSync(pkg, "utf8").includes('"name": "tsbpf"')
    )
      return d;
  }
  return resolve(import.meta.dirname, "../..");
})();

export interface CorpusEntry {
  /** Short name for messages: file name. */
  readonly name: string;
  readonly origin: "object" | "example-c" | "typescript";
  readonly spec: CollectionSpec;
  /** ELF file for the kernel (through libbpf); undefined for TypeScript (loaded from the spec). */
  readonly elf?: string;
}

const CLANG_FLAGS = ["-O2", "-g", "-target", "bpf", "-mcpu=v3", "-I/usr/include/x86_64-linux-gnu", "-c"];

/** Why clang cannot build the C examples here, or undefined. */
export function clangUnavailable(): string | undefined {
  const r = spawnSync("clang", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? undefined : "clang is not installed (apt-get install clang)";
}

function fromElf(path: string, origin: CorpusEntry["origin"]): CorpusEntry | string {
  const spec = loadCollectionSpec(new Uint8Array(readFileSync(path)), { file: basename(path) });
  if (!spec.ok) return `${basename(path)}: ${spec.diagnostics[0]?.message}`;
  return { name: basename(path), origin, spec: spec.value, elf: path };
}

/** The committed clang objects of test/fixtures/objects. */
export function fixtureObjects(): Array<CorpusEntry | string> {
  const dir = join(ROOT, "test/fixtures/objects");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".o"))
    .sort()
    .map((f) => fromElf(join(dir, f), "object"));
}

/** examples/c/*.bpf.c built with the flags the README gives. */
export function exampleObjects(): Array<CorpusEntry | string> {
  const dir = join(ROOT, "examples/c");
  if (!existsSync(dir) || clangUnavailable()) return [];
  const out = mkdtempSync(join(tmpdir(), "tsbpf-verifier-"));
  return readdirSync(dir)
    .filter((f) => f.endsWith(".bpf.c"))
    .sort()
    .map((f) => {
      const obj = join(out, f.replace(/\.c$/, ".o"));
      const r = spawnSync("clang", [...CLANG_FLAGS, join(dir, f), "-o", obj], { encoding: "utf8" });
      if (r.status !== 0) return `${f}: clang failed: ${r.stderr.split("\n")[0]}`;
      return fromElf(obj, "example-c");
    });
}

/**
 * The reference loops of ../shared/bench (sum, csum, alu32/64, parse, empty) built as their README
 * says: the kernel walks their bounded loops for 23–65 ms, the verifier's speed yardstick.
 */
export function benchObjects(): Array<CorpusEntry | string> {
  const dir = resolve(process.env.TSBPF_BENCH_DIR ?? join(ROOT, "../shared/bench"));
  if (!existsSync(dir) || clangUnavailable()) return [];
  const out = mkdtempSync(join(tmpdir(), "tsbpf-verifier-bench-"));
  return readdirSync(dir)
    .filter((f) => f.endsWith(".c"))
    .sort()
    .map((f) => {
      const obj = join(out, f.replace(/\.c$/, ".o"));
      const r = spawnSync("clang", [...CLANG_FLAGS, join(dir, f), "-o", obj], { encoding: "utf8" });
      if (r.status !== 0) return `${f}: clang failed: ${r.stderr.split("\n")[0]}`;
      const e = fromElf(obj, "object");
      return typeof e === "string" ? e : { ...e, name: `bench/${f}` };
    });
}

/** test/fixtures/compiler/samples/*.ts and examples/NAME/NAME.ts compiled by tsbpf. */
export function typescriptPrograms(): Array<CorpusEntry | string> {
  const files: string[] = [];
  const samples = join(ROOT, "test/fixtures/compiler/samples");
  if (existsSync(samples)) {
    for (const f of readdirSync(samples).sort()) if (f.endsWith(".ts")) files.push(join(samples, f));
  }
  const examples = join(ROOT, "examples");
  for (const d of readdirSync(examples).sort()) {
    const main = join(examples, d, `${d}.ts`);
    if (existsSync(main)) files.push(main);
  }
  return files.map((f) => {
    const r = compile(f);
    if (!r.ok) return `${basename(f)}: does not compile: ${r.diagnostics[0]?.message}`;
    return { name: basename(f), origin: "typescript" as const, spec: r.value.spec };
  });
}

/** Everything, clang objects first. Strings are entries that could not be built (reported, not skipped silently). */
export function corpus(): Array<CorpusEntry | string> {
  return [...fixtureObjects(), ...exampleObjects(), ...benchObjects(), ...typescriptPrograms()];
}

/** verify() options for a program of `spec`. */
export function verifyOptionsFor(spec: CollectionSpec): {
  maps: CollectionSpec["maps"];
  data: CollectionSpec["data"];
  btf?: Uint8Array;
} {
  return { maps: spec.maps, data: spec.data, ...(spec.btf ? { btf: spec.btf } : {}) };
}
