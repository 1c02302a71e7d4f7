import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { format, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";
import { tracepointDeclarations } from "../../compiler/frontend/tracepoint-types.js";
import {
  ArrayMap,
  bpf,
  HashMap,
  Histogram,
  NotCompiledError,
  ntohl,
  ntohs,
  RingBuf,
  tracepoint,
  xdp,
  XdpAction,
} from "../../stdlib/index.js";

/** The stdlib as users meet it: plain tsc checks programs against it; plain Node gets descriptors. */
const TSC = resolve("node_modules/.bin/tsc");
const SAMPLES = resolve("test/fixtures/compiler/samples");

function typeCheck(files: Record<string, string>): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "tsbpf-stdlib-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "es2022",
        module: "esnext",
        moduleResolution: "bundler",
        noEmit: true,
        types: [],
        paths: { tsbpf: [resolve("stdlib/index.ts")] },
      },
      files: Object.keys(files),
    }),
  );
  const r = spawnSync(TSC, ["-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe("stdlib declarations", () => {
  it("stdlib/tracepoints.ts is generated from the current tracepoint snapshot", async () => {
    const config = (await resolveConfig("stdlib/tracepoints.ts")) ?? {};
    const text = await format(tracepointDeclarations(), { ...config, filepath: "stdlib/tracepoints.ts" });
    if (process.env.UPDATE_GOLDEN) writeFileSync("stdlib/tracepoints.ts", text);
    expect(readFileSync("stdlib/tracepoints.ts", "utf8")).toBe(text);
  });

  it("plain tsc accepts the DESIGN.md samples", () => {
    const files = Object.fromEntries(
      ["syscount.ts", "xdp-proto.ts", "exec-events.ts"].map((f) => [
        f,
        readFileSync(join(SAMPLES, f), "utf8"),
      ]),
    );
    const r = typeCheck(files);
    expect(r.out).toBe("");
    expect(r.status).toBe(0);
  });

  it("plain tsc rejects a record used without its null check", () => {
    const r = typeCheck({
      "bad.ts":
        'import { RingBuf, tracepoint, type u32 } from "tsbpf";\nexport const ev = new RingBuf<{ pid: u32 }>({ size: 4096 });\nexport const p = tracepoint("sched/sched_process_exec", (ctx) => { const e = ev.reserve(); e.pid = ctx.pid; return 0; });\n',
    });
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/possibly 'null'/);
  });

  it("types tracepoint contexts by name", () => {
    const r = typeCheck({
      "tp.ts":
        'import { tracepoint } from "tsbpf";\nexport const p = tracepoint("syscalls/sys_enter_openat", (ctx) => { const x: string = ctx.filename; return 0; });\n',
    });
    expect(r.out).toMatch(/not assignable to type 'string'/);
  });
});

describe("stdlib in plain JavaScript", () => {
  it("maps and programs are inert descriptors", () => {
    const m = new HashMap<number, number>({ maxEntries: 16 });
    expect(m.kind).toBe("hash");
    expect(m.options.maxEntries).toBe(16);
    expect(new ArrayMap<number>({ maxEntries: 4 }).kind).toBe("array");
    expect(new RingBuf<number>({ size: 4096 }).options.size).toBe(4096);
    expect(new Histogram({ scale: "log2" }).kind).toBe("histogram");
    const fn = () => XdpAction.Pass;
    expect(xdp(fn)).toEqual({ kind: "xdp", fn });
    expect(tracepoint("sched/sched_process_exec", () => 0).attach).toBe("sched/sched_process_exec");
  });

  it("helpers refuse to run outside a compiled program", () => {
    expect(() => bpf.ktimeGetNs()).toThrow(NotCompiledError);
    expect(() => new HashMap<number, number>({ maxEntries: 1 }).increment(1)).toThrow(
      /runs only inside an eBPF program/,
    );
  });

  it("byte-order helpers compute in JavaScript too", () => {
    expect(ntohs(0x0008)).toBe(0x0800);
    expect(ntohl(0x11223344)).toBe(0x44332211);
  });
});
