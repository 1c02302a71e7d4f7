import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { clearCompileCache, load, type CompileFn } from "../../runtime/testing/index.js";

describe("compile cache", () => {
  it("compiles a source once per content and gives every load fresh maps", async () => {
    clearCompileCache();
    const dir = mkdtempSync(join(tmpdir(), "tsbpf-cache-"));
    const file = join(dir, "probe.ts");
    const text = (n: number) => `import { ArrayMap, xdp, type u64 } from "tsbpf";
export const hits = new ArrayMap<u64>({ maxEntries: 1 });
export const onPacket = xdp((ctx) => {
  hits.increment(0);
  return ${n};
});
`;
    writeFileSync(file, text(2));
    const compiled: string[] = [];
    const counting: CompileFn = (f) => {
      compiled.push(f);
      return compile(f);
    };
    const frame = new Uint8Array(14);
    const a = await load(file, { compile: counting });
    const b = await load(file, { compile: counting });
    expect(compiled).toEqual([file]);
    a.run("onPacket", frame);
    expect(a.maps.hits.get(0)).toBe(1n);
    expect(b.maps.hits.get(0)).toBe(0n);
    writeFileSync(file, text(1));
    const c = await load(file, { compile: counting });
    expect(compiled).toEqual([file, file]);
    expect(c.run("onPacket", frame).ret).toBe(1);
    expect(a.run("onPacket", frame).ret).toBe(2);
  });
});
