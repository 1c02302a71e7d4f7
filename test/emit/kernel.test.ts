import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeObject } from "../../compiler/emit/index.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import { MapType } from "../../runtime/uapi/bpf.js";
import type { Layout } from "../../runtime/layout/index.js";
import { committedPath, committedObject, fixtureId, OBJECT_FIXTURES } from "../elf/fixtures.js";
import { findTool } from "../support/tools.js";
import { tsPrograms } from "./programs.js";
import { mapKindsInput } from "./map-kinds.js";
import { objectOf, run, scratchFile } from "./tools.js";

/**
 * The objects in the real kernel, through libbpf (`bpftool prog loadall`): every TypeScript
 * program loads; the verifier log and `bpftool prog dump xlated … linum` show its TypeScript
 * lines; `bpftool map dump` formats keys and values by the written BTF. Every pin is removed.
 */
const bpftool = findTool("bpftool");
const BPFFS = "/sys/fs/bpf";

function kernelReason(): string | undefined {
  if (!bpftool) return "bpftool not installed";
  if (process.getuid?.() !== 0) return "not root";
  const fs = () => spawnSync("stat", ["-f", "-c", "%T", BPFFS], { encoding: "utf8" }).stdout.trim();
  if (fs() !== "bpf_fs") {
    spawnSync("mount", ["-t", "bpf", "bpf", BPFFS]);
    if (fs() !== "bpf_fs") return `${BPFFS} is no bpffs and cannot be mounted`;
  }
  return undefined;
}
const skip = kernelReason();
if (skip) console.log(`emit kernel tests skipped: ${skip}`);

const pinDirs: string[] = [];
let serial = 0;
function pinDir(): string {
  const d = join(BPFFS, `tsbpf-emit-${process.pid}-${serial++}`);
  pinDirs.push(d);
  return d;
}
function unpin(d: string): void {
  rmSync(d, { recursive: true, force: true });
}
afterAll(() => {
  for (const d of pinDirs) unpin(d);
});

/** `bpftool prog loadall`, with the verifier log (-d); the pins are removed by the caller. */
function loadAll(object: string, dir: string) {
  return run(bpftool!, ["-d", "prog", "loadall", object, dir, "pinmaps", join(dir, "maps")]);
}

function json<T>(args: string[]): T {
  const r = run(bpftool!, ["-j", ...args]);
  if (r.status !== 0) throw new Error(`bpftool ${args.join(" ")}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** What bpftool's BTF-based formatter prints for a zeroed value of this layout. */
function zeroFormatted(l: Layout): unknown {
  switch (l.kind) {
    case "int":
      return 0;
    case "bool":
      return false;
    case "cstring":
      return "";
    case "array":
      return Array.from({ length: l.length }, () => zeroFormatted(l.elem));
    case "struct":
      return Object.fromEntries(l.fields.map((f) => [f.name, zeroFormatted(f.layout)]));
    default:
      return undefined;
  }
}

describe.skipIf(skip !== undefined)("tsbpf objects in the kernel", () => {
  for (const prog of tsPrograms()) {
    it(`${prog.id}: loads, with TypeScript lines and BTF-formatted maps`, (ctx) => {
      const o = objectOf(prog.path);
      if ("skip" in o) return ctx.skip(o.skip);
      const object = scratchFile(`kernel-${prog.id.replace(/\W/g, "_")}.bpf.o`, o.bytes);
      const dir = pinDir();
      try {
        const r = loadAll(object, dir);
        expect(r.status, r.stderr.slice(-3000)).toBe(0);
        const spec = o.output.spec;
        // The verifier's log (bpftool -d) shows each line as `; text @ file:line`.
        const first = spec.programs[0]!.lineInfo![0]!;
        expect(r.stderr).toContain(`; ${first.text} @ ${basename(prog.path)}:${first.line}`);
        for (const p of spec.programs) {
          const { id } = json<{ id: number }>(["prog", "show", "pinned", join(dir, p.name)]);
          const xlated = run(bpftool!, ["prog", "dump", "xlated", "id", String(id), "linum"]);
          expect(xlated.status).toBe(0);
          const li = p.lineInfo![0]!;
          expect(xlated.stdout).toContain(
            `; ${li.text} [file:${prog.path} line_num:${li.line} line_col:${li.column}]`,
          );
          const files = [...xlated.stdout.matchAll(/\[file:(\S+) line_num/g)].map((m) => m[1]);
          expect(new Set(files)).toEqual(new Set([prog.path]));
        }
        for (const m of spec.maps) {
          const pin = join(dir, "maps", m.name);
          expect(existsSync(pin)).toBe(true);
          const layouts = o.output.layouts.maps[m.name];
          const info = json<{ type: string; bytes_key: number; bytes_value: number; max_entries: number }>([
            "map",
            "show",
            "pinned",
            pin,
          ]);
          expect([info.bytes_key, info.bytes_value, info.max_entries]).toEqual([
            m.keySize,
            m.valueSize,
            m.maxEntries,
          ]);
          if (m.type !== MapType.HASH && m.type !== MapType.ARRAY && m.type !== MapType.LRU_HASH) continue;
          if (!layouts?.key || !layouts.value) continue;
          if (m.type !== MapType.ARRAY) {
            const zeros = (n: number) => Array.from({ length: n }, () => "0");
            const u = run(bpftool!, [
              "map",
              "update",
              "pinned",
              pin,
              "key",
              ...zeros(m.keySize),
              "value",
              ...zeros(m.valueSize),
            ]);
            expect(u.status, u.stderr).toBe(0);
          }
          const dump = json<Array<{ formatted?: { key: unknown; value: unknown } }>>([
            "map",
            "dump",
            "pinned",
            pin,
          ]);
          expect(dump.length).toBeGreaterThan(0);
          expect(dump[0]!.formatted).toEqual({
            key: zeroFormatted(layouts.key),
            value: zeroFormatted(layouts.value),
          });
        }
      } finally {
        unpin(dir);
      }
      expect(readdirSync(BPFFS)).not.toContain(basename(dir));
    });
  }

  it("creates a map of every kind from the written definitions, pinning by name where asked", () => {
    const pinned = `tsbpf_emit_pin_${process.pid}`;
    const input = mapKindsInput(pinned);
    const written = writeObject(input);
    if (!written.ok) throw new Error(written.diagnostics[0]!.message);
    const object = scratchFile("map-kinds.bpf.o", written.value);
    const dir = pinDir();
    const byName = join(BPFFS, pinned); // LIBBPF_PIN_BY_NAME pins under libbpf's default root
    try {
      const r = run(bpftool!, ["-d", "prog", "loadall", object, dir]);
      expect(r.status, r.stderr.slice(-3000)).toBe(0);
      for (const m of input.spec.maps) expect(r.stderr).toContain(`map '${m.name}': created successfully`);
      expect(r.stderr).not.toMatch(/[Rr]etrying without BTF/);
      const info = json<{ flags: number; bytes_key: number; bytes_value: number; max_entries: number }>([
        "map",
        "show",
        "pinned",
        byName,
      ]);
      expect([info.flags, info.bytes_key, info.bytes_value, info.max_entries]).toEqual([1, 8, 8, 64]);
    } finally {
      unpin(dir);
      rmSync(byName, { force: true });
    }
  });

  // clang's objects, read and written again by tsbpf, load wherever clang's own do.
  for (const f of OBJECT_FIXTURES) {
    it(`${fixtureId(f)} rewritten loads where clang's loads`, (ctx) => {
      const original = loadCollectionSpec(committedObject(f));
      if (!original.ok) throw new Error(original.diagnostics[0]!.message);
      const written = writeObject({ spec: original.value });
      if (!written.ok) return ctx.skip(`not writable: ${written.diagnostics[0]!.message}`);
      const dir = pinDir();
      try {
        const theirs = loadAll(committedPath(f), dir);
        unpin(dir);
        if (theirs.status !== 0) return ctx.skip("clang's object does not load with this libbpf either");
        const ours = loadAll(scratchFile(`rewritten-${fixtureId(f)}.o`, written.value), dir);
        expect(ours.status, ours.stderr.slice(-3000)).toBe(0);
      } finally {
        unpin(dir);
      }
    });
  }
});
