import { copyFileSync, readFileSync } from "node:fs";
import { clangBpf, findTool, scratchDir } from "../support/tools.js";

export { findTool };
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

/**
 * Compiles a fixture with the flags of build.sh (from the fixture directory, with relative names
 * so the object holds no absolute paths). Returns the object's path, or a reason it could not.
 */
export function compileFixture(f: ObjectFixture): { path: string } | { skip: string } {
  if (!findTool("clang", f.clang)) return { skip: `clang ${f.clang} not found` };
  const out = clangBpf(`${f.name}.c`, {
    cpu: f.cpu,
    major: f.clang,
    cwd: OBJECT_DIR,
    out: join(scratchDir(), `${fixtureId(f)}.o`),
    extraFlags: ["-fdebug-compilation-dir=."],
  });
  if (process.env.TSBPF_UPDATE_FIXTURES === "1") copyFileSync(out, committedPath(f));
  return { path: out };
}
