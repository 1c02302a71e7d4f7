import { existsSync, readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";

/**
 * Every TypeScript program the object writer is tested on: the DESIGN samples, the examples
 * (examples/<name>/<name>.ts, with their C twin examples/c/<name>.bpf.c) and this folder's own
 * fixtures. Examples are found on disk, so new ones are tested as they appear.
 */
export interface TsProgram {
  readonly id: string;
  readonly path: string;
  /** The clang-built C program the TypeScript mirrors, if there is one. */
  readonly cTwin?: string;
}

const ROOT = resolve(import.meta.dirname, "../..");
const SAMPLES = join(ROOT, "test/fixtures/compiler/samples");
const EXAMPLES = join(ROOT, "examples");
const FIXTURES = join(import.meta.dirname, "fixtures");

/** The DESIGN samples correspond roughly to these C twins. */
const SAMPLE_TWINS: Readonly<Record<string, string>> = {
  syscount: "syscount",
  "xdp-proto": "xdp_proto",
  "exec-events": "exectrace",
};

function twin(name: string): { cTwin?: string } {
  const p = join(EXAMPLES, "c", `${name}.bpf.c`);
  return existsSync(p) ? { cTwin: p } : {};
}

export function tsPrograms(): TsProgram[] {
  const out: TsProgram[] = [];
  for (const f of readdirSync(SAMPLES)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    const name = basename(f, ".ts");
    out.push({ id: `sample ${name}`, path: join(SAMPLES, f), ...twin(SAMPLE_TWINS[name] ?? name) });
  }
  if (existsSync(EXAMPLES)) {
    for (const d of readdirSync(EXAMPLES, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = join(EXAMPLES, d.name, `${d.name}.ts`);
      if (d.isDirectory() && existsSync(p)) out.push({ id: `example ${d.name}`, path: p, ...twin(d.name) });
    }
  }
  for (const f of readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    out.push({ id: `fixture ${basename(f, ".ts")}`, path: join(FIXTURES, f) });
  }
  return out;
}
