import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildObject } from "../../compiler/emit/index.js";
import { kernelAvailability } from "../../runtime/kernel/index.js";

const ROOT = resolve(import.meta.dirname, "../..");
const RUNTIME = join(ROOT, "runtime/skeleton/index.js");
const tmp = mkdtempSync(join(tmpdir(), "tsbpf-skel-"));
const kernel = kernelAvailability();
if (!kernel.ok) console.log(`skeleton: kernel tests skipped: ${kernel.reason}`);

function build(sample: string): { object: string; skeleton: string } {
  const out = join(tmp, sample.replace(/\.ts$/, ".bpf.o"));
  const r = buildObject(join(ROOT, "test/fixtures/compiler/samples", sample), {
    out,
    skeleton: true,
    skeletonRuntime: RUNTIME,
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return { object: r.value.out, skeleton: r.value.skeleton! };
}

describe("tsbpf build --skeleton", () => {
  const syscount = build("syscount.ts");
  const exec = build("exec-events.ts");

  it("types maps, ring-buffer events and programs as the source declared them", () => {
    const text = readFileSync(syscount.skeleton, "utf8");
    expect(text).toMatch(/counts: TypedMap<number, bigint>;/);
    expect(text).toMatch(/onOpenat: KernelProgram;/);
    const events = readFileSync(exec.skeleton, "utf8");
    expect(events).toMatch(/events: SkeletonEvents<\{\s+pid: number;\s+ts: bigint;\s+comm: string;\s+\}>;/);
  });

  it("type-checks, and misuse of a map's types is a type error", () => {
    const use = join(tmp, "use.ts");
    writeFileSync(
      use,
      [
        'import { load } from "./syscount.skel.js";',
        "const skel = load();",
        "const n: bigint | undefined = skel.maps.counts.get(1);",
        "// @ts-expect-error keys are numbers",
        'skel.maps.counts.get("1");',
        "// @ts-expect-error values are bigints",
        "skel.maps.counts.set(1, 2);",
        "void n;",
        "skel.close();",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(tmp, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          skipLibCheck: true,
          noEmit: true,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
        },
        files: ["use.ts"],
      }),
    );
    writeFileSync(join(tmp, "package.json"), '{ "type": "module" }');
    execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(tmp, "tsconfig.json")], { stdio: "pipe" });
  });

  it.skipIf(!kernel.ok)(
    "loads into the kernel, attaches, and counts this process's openat calls",
    async () => {
      const mod = (await import(syscount.skeleton)) as typeof import("./skeleton-shape.js");
      const skel = mod.load();
      try {
        skel.maps.counts.set(7, 3n);
        expect(skel.maps.counts.get(7)).toBe(3n);
        const link = skel.programs.onOpenat.attach("syscalls/sys_enter_openat");
        expect(link.ok).toBe(true);
        for (let i = 0; i < 5; i++) readFileSync(syscount.object);
        if (link.ok) link.value.close();
        expect(skel.maps.counts.get(process.pid)).toBeGreaterThanOrEqual(5n);
      } finally {
        skel.close();
      }
    },
  );
});
