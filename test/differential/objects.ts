import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadCollectionSpec, type CollectionSpec } from "../../runtime/object/index.js";
import { clangBpf, findTool, scratchDir } from "../support/tools.js";

/**
 * The clang-built objects the VM is compared with the kernel on: the examples' C twins
 * (examples/c/*.bpf.c), the committed ELF fixtures (test/fixtures/objects/*.o) and the benchmark
 * workloads (../shared/bench/*.c, each with its input packet).
 */
export interface ClangObject {
  readonly name: string;
  readonly spec: CollectionSpec;
  /** Packets of the object's own (bench inputs), tried before the common frames. */
  readonly packets: readonly Uint8Array[];
}

const ROOT = resolve(import.meta.dirname, "../..");
export const BENCH_DIR = resolve(ROOT, "../shared/bench");

function read(path: string, name: string, packets: readonly Uint8Array[] = []): ClangObject {
  const spec = loadCollectionSpec(new Uint8Array(readFileSync(path)), { file: path });
  if (!spec.ok) throw new Error(`${name}: ${spec.diagnostics.map((d) => d.message).join("; ")}`);
  return { name, spec: spec.value, packets };
}

/** Objects and, for those that cannot be had here, why. */
export function clangObjects(): { objects: ClangObject[]; skipped: string[] } {
  const objects: ClangObject[] = [];
  const skipped: string[] = [];
  const fixtures = resolve(ROOT, "test/fixtures/objects");
  for (const f of readdirSync(fixtures)
    .filter((f) => f.endsWith(".o"))
    .sort()) {
    objects.push(read(join(fixtures, f), `fixtures/${f}`));
  }
  if (!findTool("clang")) {
    skipped.push("examples/c/*.bpf.c and ../shared/bench/*.c: clang not installed");
    return { objects, skipped };
  }
  const examples = resolve(ROOT, "examples/c");
  for (const f of readdirSync(examples)
    .filter((f) => f.endsWith(".bpf.c"))
    .sort()) {
    const out = clangBpf(join(examples, f), { out: join(scratchDir(), `diff-${f.replace(/\.c$/, ".o")}`) });
    objects.push(read(out, `examples/c/${f}`));
  }
  if (!existsSync(BENCH_DIR)) skipped.push(`bench workloads: ${BENCH_DIR} not found`);
  else {
    for (const f of readdirSync(BENCH_DIR)
      .filter((f) => f.endsWith(".c"))
      .sort()) {
      const out = clangBpf(join(BENCH_DIR, f), {
        out: join(scratchDir(), `diff-bench-${f.replace(/\.c$/, ".o")}`),
      });
      const pkt = join(BENCH_DIR, "pkt", f.replace(/\.c$/, ".pkt"));
      objects.push(read(out, `bench/${f}`, existsSync(pkt) ? [new Uint8Array(readFileSync(pkt))] : []));
    }
  }
  return { objects, skipped };
}
