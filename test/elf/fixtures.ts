import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The C programs in test/fixtures/objects and the objects committed beside them. Tests read the
 * committed `.o` files so they run without clang; with clang present they also compile the C
 * afresh and run the same checks. `TSBPF_UPDATE_FIXTURES=1` copies the fresh objects over the
 * committed ones (as does test/fixtures/objects/build.sh).
 */
export const OBJECT_DIR = resolve(import.meta.dirname, "../fixtures/objects");

export interface ObjectFixture {
  readonly name: string;
  readonly cpu: "v1" | "v3" | "v4";
  /** LLVM major version that builds it (14 cannot do -mcpu=v4). */
  readonly clang: 14 | 19;
}

export const OBJECT_FIXTURES: readonly ObjectFixture[] = [
  ...[
    "tracepoint_hash",
    "xdp_parse",
    "tc_classifier",
    "socket_filter",
    "ringbuf",
    "bounded_loop",
    "subprogs",
    "globals",
    "legacy_maps",
    "map_values",
    "sections",
    "core_read",
  ].map((name) => ({ name, cpu: "v3" as const, clang: 14 as const })),
  { name: "tracepoint_hash", cpu: "v1", clang: 14 },
  { name: "subprogs", cpu: "v1", clang: 14 },
  { name: "isa_v4", cpu: "v4", clang: 19 },
];

export const fixtureId = (f: ObjectFixture) => `${f.name}.${f.cpu}`;
export const committedPath = (f: ObjectFixture) => join(OBJECT_DIR, `${fixtureId(f)}.o`);
export const committedObject = (f: ObjectFixture): Uint8Array =>
  new Uint8Array(readFileSync(committedPath(f)));
export const fixtureSource = (f: ObjectFixture): string =>
  readFileSync(join(OBJECT_DIR, `${f.name}.c`), "utf8");

/** A tool that runs (`name --version` succeeds), optionally of one LLVM major version. */
export function findTool(name: string, major?: number): string | undefined {
  const candidates = major ? [`${name}-${major}`, `/usr/lib/llvm-${major}/bin/${name}`, name] : [name];
  for (const c of candidates) {
    if (c.startsWith("/") && !existsSync(c)) continue;
    const r = spawnSync(c, ["--version"], { encoding: "utf8" });
    if (r.error || r.status !== 0) continue;
    if (major && !new RegExp(`(LLVM|clang) version ${major}\\.`).test(r.stdout)) continue;
    return c;
  }
  return undefined;
}

function multiarchInclude(): string {
  const r = spawnSync("gcc", ["-print-multiarch"], { encoding: "utf8" });
  const triple = r.status === 0 && r.stdout.trim() ? r.stdout.trim() : "x86_64-linux-gnu";
  return `/usr/include/${triple}`;
}

let workDir: string | undefined;

/**
 * Compiles a fixture with the flags of build.sh (from the fixture directory, with relative names
 * so the object holds no absolute paths). Returns the object's path, or a reason it could not.
 */
export function compileFixture(f: ObjectFixture): { path: string } | { skip: string } {
  const clang = findTool("clang", f.clang);
  if (!clang) return { skip: `clang ${f.clang} not found` };
  workDir ??= mkdtempSync(join(tmpdir(), "tsbpf-objects-"));
  const out = join(workDir, `${fixtureId(f)}.o`);
  const r = spawnSync(
    clang,
    [
      "-O2",
      "-g",
      "-fdebug-compilation-dir=.",
      "-target",
      "bpf",
      `-mcpu=${f.cpu}`,
      `-I${multiarchInclude()}`,
      "-c",
      `${f.name}.c`,
      "-o",
      out,
    ],
    { cwd: OBJECT_DIR, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`clang failed on ${f.name}.c: ${r.stderr}`);
  if (process.env.TSBPF_UPDATE_FIXTURES === "1") copyFileSync(out, committedPath(f));
  return { path: out };
}
