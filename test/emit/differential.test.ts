import { readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import type { CollectionSpec } from "../../runtime/object/spec.js";
import { clangBpf, findTool, scratchDir } from "../support/tools.js";
import { tsPrograms } from "./programs.js";
import { objectOf, run, scratchFile } from "./tools.js";

/**
 * tsbpf's object against clang's for the same program (examples/c/*.bpf.c): libbpf's view of
 * both — the map definitions tsbpf's libbpf-style reader parses, and the structs `bpftool btf
 * dump` (libbpf's BTF parser) prints — agree on map types, key and value sizes and the layout
 * of every struct both declare (matched by name, ignoring case and underscores: TypeScript's
 * `ExecEvent` is C's `exec_event`).
 */
const clang = findTool("clang");
const bpftool = findTool("bpftool");
if (!clang) console.log("emit differential: clang not installed; skipped");
if (!bpftool) console.log("emit differential: bpftool not installed; skipped");

/** Structs each pair must both declare, so the layout comparison below is known to run. */
const EXPECTED_STRUCTS: Readonly<Record<string, readonly string[]>> = {
  "sample exec-events": ["execevent"],
  "example exectrace": ["execevent"],
  "example opensnoop": ["openevent"],
  "example tc_flowstats": ["flowkey", "flowstats"],
};

const norm = (name: string) => name.replace(/_/g, "").toLowerCase();

interface BpftoolType {
  id: number;
  kind: string;
  name: string;
  size?: number;
  type_id?: number;
  nr_elems?: number;
  members?: Array<{ name: string; type_id: number; bits_offset: number; bitfield_size?: number }>;
}

/** Named structs as {size, members by normalised name → [bit offset, size in bytes]}. */
function structs(object: string): Map<string, { size: number; members: Map<string, [number, number]> }> {
  const r = run(bpftool!, ["-j", "btf", "dump", "file", object]);
  if (r.status !== 0) throw new Error(r.stderr);
  const types = (JSON.parse(r.stdout) as { types: BpftoolType[] }).types;
  const byId = new Map(types.map((t) => [t.id, t]));
  const sizeOf = (id: number, depth = 0): number => {
    const t = byId.get(id);
    if (!t || depth > 16) return 0;
    if (t.kind === "ARRAY") return t.nr_elems! * sizeOf(t.type_id!, depth + 1);
    if (t.kind === "PTR") return 8;
    if (t.size !== undefined) return t.size;
    return t.type_id !== undefined ? sizeOf(t.type_id, depth + 1) : 0;
  };
  const out = new Map<string, { size: number; members: Map<string, [number, number]> }>();
  for (const t of types) {
    if (t.kind !== "STRUCT" || t.name === "(anon)") continue;
    out.set(norm(t.name), {
      size: t.size!,
      members: new Map(
        t.members!.map((m) => [norm(m.name), [m.bits_offset, m.bitfield_size ?? sizeOf(m.type_id) * 8]]),
      ),
    });
  }
  return out;
}

/**
 * clang puts a struct in BTF only when a global or a function signature uses it; the twins use
 * their event structs in locals only. This copy of the twin adds a pointer global per struct.
 */
function withStructRefs(cFile: string): string {
  const source = readFileSync(cFile, "utf8");
  const names = [...source.matchAll(/^struct (\w+) \{/gm)].map((m) => m[1]!);
  const refs = names.map((n) => `struct ${n} *__tsbpf_ref_${n} __attribute__((used));`).join("\n");
  const path = join(scratchDir(), `${basename(cFile, ".bpf.c")}.refs.bpf.c`);
  writeFileSync(path, `${source}\n${refs}\n`);
  return path;
}

function read(bytes: Uint8Array): CollectionSpec {
  const r = loadCollectionSpec(bytes);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.value;
}

describe.skipIf(!clang || !bpftool)("tsbpf objects against their C twins", () => {
  for (const prog of tsPrograms().filter((p) => p.cTwin)) {
    it(`${prog.id} ↔ ${prog.cTwin!.split("/").pop()}`, (ctx) => {
      const o = objectOf(prog.path);
      if ("skip" in o) return ctx.skip(o.skip);
      const ours = scratchFile(`twin-${prog.id.replace(/\W/g, "_")}.bpf.o`, o.bytes);
      const theirs = clangBpf(prog.cTwin!);
      const theirStructs = clangBpf(withStructRefs(prog.cTwin!), {
        extraFlags: [`-I${dirname(prog.cTwin!)}`],
      });
      const a = read(o.bytes);
      const b = read(new Uint8Array(readFileSync(theirs)));

      // Maps both declare (by name): kind and sizes as libbpf creates them.
      const cMaps = new Map(b.maps.map((m) => [norm(m.name), m]));
      const shared = a.maps.filter((m) => cMaps.has(norm(m.name)));
      if (prog.id.startsWith("example")) {
        // An example mirrors its twin map for map; the DESIGN samples only roughly.
        expect(a.maps.map((m) => norm(m.name)).sort()).toEqual([...cMaps.keys()].sort());
      } else expect(shared.length, `no map of ${prog.id} has a C twin`).toBeGreaterThan(0);
      for (const m of shared) {
        const c = cMaps.get(norm(m.name))!;
        expect({
          map: m.name,
          type: m.type,
          keySize: m.keySize,
          valueSize: m.valueSize,
          flags: m.flags,
        }).toEqual({
          map: m.name,
          type: c.type,
          keySize: c.keySize,
          valueSize: c.valueSize,
          flags: c.flags,
        });
      }

      // Structs both declare: same size, and every member both name at the same place and width.
      const mine = structs(ours);
      const twin = structs(theirStructs);
      const both = [...mine.keys()].filter((n) => twin.has(n));
      expect(both).toEqual(expect.arrayContaining([...(EXPECTED_STRUCTS[prog.id] ?? [])]));
      for (const [name, s] of mine) {
        const c = twin.get(name);
        if (!c) continue;
        expect(s.size, `struct ${name} size`).toBe(c.size);
        for (const [member, at] of s.members) {
          if (c.members.has(member)) expect(at, `${name}.${member}`).toEqual(c.members.get(member));
        }
      }
    });
  }
});
