import { describe, expect, it } from "vitest";
import { readBtf, readBtfExt } from "../../runtime/btf/index.js";
import {
  readElf,
  sectionByName,
  SectionFlags,
  SectionType,
  SymbolBind,
  SymbolType,
} from "../../runtime/elf/index.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import { createSandbox, type RunInput, type Sandbox } from "../../runtime/sandbox/index.js";
import type { CollectionSpec, ProgramSpec } from "../../runtime/object/spec.js";
import { toBpftoolJson } from "../btf/bpftool-json.js";
import { ipv4Frame } from "../sandbox/packets.js";
import { findTool } from "../support/tools.js";
import { comparable } from "./compare.js";
import { tsPrograms } from "./programs.js";
import { objectOf, run, scratchFile } from "./tools.js";

/**
 * Every TypeScript program, compiled and written as an object: tsbpf's reader gives back the
 * compiled spec, llvm-readelf / llvm-objdump / bpftool read it without complaint, libbpf's view
 * of the BTF is the writer's, and the VM runs the object exactly as the in-memory program.
 */
const readelf = findTool("llvm-readelf");
// LLVM 14's disassembler predates BPF_ST with an immediate (printed as <unknown>); 19 knows it.
const objdump19 = findTool("llvm-objdump", 19);
const objdump = objdump19 ?? findTool("llvm-objdump");
const bpftool = findTool("bpftool");
if (!readelf) console.log("emit: llvm-readelf not installed; ELF tool checks skipped");
if (!objdump) console.log("emit: llvm-objdump not installed; disassembly checks skipped");
if (!bpftool) console.log("emit: bpftool not installed; BTF dump checks skipped");

function loaded(bytes: Uint8Array): CollectionSpec {
  const r = loadCollectionSpec(bytes);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return r.value;
}

/** A run input that suits the program type (a UDP packet for packet programs). */
function inputFor(p: ProgramSpec, n: number): RunInput {
  const packet = ipv4Frame({
    proto: n % 2 ? 17 : 6,
    saddr: [10, 0, 0, n],
    daddr: [10, 0, 0, 2],
    sport: 53,
    dport: 80,
  });
  switch (p.type) {
    case "XDP":
    case "SCHED_CLS":
    case "SOCKET_FILTER":
    case "CGROUP_SKB":
      return { packet };
    case "KPROBE":
      return { args: [n, 2, 3], ret: n };
    case "RAW_TRACEPOINT":
      return { args: [n, 1] };
    default:
      return {};
  }
}

/** Every map's entries and every global section, as hex, after the runs. */
function state(sb: Sandbox): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, map] of sb.maps) {
    const entries: string[] = [];
    let key = map.getNextKey();
    while (key && entries.length < 10_000) {
      const v = map.lookup(key);
      entries.push(`${Buffer.from(key).toString("hex")}=${v ? Buffer.from(v).toString("hex") : "-"}`);
      key = map.getNextKey(key);
    }
    out[name] = entries;
  }
  for (const [name, bytes] of sb.globals) out[`global ${name}`] = [Buffer.from(bytes).toString("hex")];
  return out;
}

function runAll(spec: CollectionSpec) {
  const sb = createSandbox(spec);
  if (!sb.ok) throw new Error(sb.diagnostics.map((d) => d.message).join("\n"));
  const outcomes = [];
  for (const p of spec.programs) {
    for (let n = 1; n <= 4; n++) {
      const o = sb.value.run(p.name, inputFor(p, n));
      outcomes.push({
        program: p.name,
        ret: o.ret,
        r0: o.r0,
        insns: o.insns,
        fault: o.fault?.message,
        packet: o.packet,
      });
    }
  }
  return { outcomes, state: state(sb.value) };
}

describe("tsbpf objects", () => {
  for (const prog of tsPrograms()) {
    describe(prog.id, () => {
      it("reads back to the compiled spec", (ctx) => {
        const o = objectOf(prog.path);
        if ("skip" in o) return ctx.skip(o.skip);
        expect(comparable(loaded(o.bytes))).toEqual(comparable(o.output.spec));
      });

      it("has clang's section kinds, flags and symbols", (ctx) => {
        const o = objectOf(prog.path);
        if ("skip" in o) return ctx.skip(o.skip);
        const elf = readElf(o.bytes);
        if (!elf.ok) throw new Error(elf.diagnostics[0]!.message);
        const f = elf.value;
        const spec = o.output.spec;
        for (const p of spec.programs) {
          const s = sectionByName(f, p.section)!;
          expect(s.type).toBe(SectionType.PROGBITS);
          expect(s.flags).toBe(SectionFlags.ALLOC | SectionFlags.EXECINSTR);
          const sym = f.symbols.find((x) => x.name === p.name)!;
          expect([sym.type, sym.bind, sym.sectionIndex]).toEqual([
            SymbolType.FUNC,
            SymbolBind.GLOBAL,
            s.index,
          ]);
        }
        expect(sectionByName(f, ".text")).toBeUndefined(); // no subprograms in these programs
        if (spec.maps.length)
          expect(sectionByName(f, ".maps")!.flags).toBe(SectionFlags.WRITE | SectionFlags.ALLOC);
        for (const m of spec.maps)
          expect(f.symbols.find((x) => x.name === m.name)!.type).toBe(SymbolType.OBJECT);
        expect(new TextDecoder().decode(sectionByName(f, "license")!.data)).toBe(`${spec.license}\0`);
        // Locals precede globals (sh_info of .symtab is the first global).
        const symtab = f.sections.find((s) => s.type === SectionType.SYMTAB)!;
        const firstGlobal = f.symbols.findIndex((s, i) => i > 0 && s.bind !== SymbolBind.LOCAL);
        expect(symtab.info).toBe(firstGlobal);
      });

      it("runs in the VM exactly as the in-memory program", (ctx) => {
        const o = objectOf(prog.path);
        if ("skip" in o) return ctx.skip(o.skip);
        expect(runAll(loaded(o.bytes))).toEqual(runAll(o.output.spec));
      });

      it("keeps .BTF and drops .BTF.ext without debug info", (ctx) => {
        const o = objectOf(prog.path, { debug: false });
        if ("skip" in o) return ctx.skip(o.skip);
        const f = readElf(o.bytes);
        if (!f.ok) throw new Error(f.diagnostics[0]!.message);
        expect(sectionByName(f.value, ".BTF")).toBeDefined();
        expect(sectionByName(f.value, ".BTF.ext")).toBeUndefined();
        const back = loaded(o.bytes);
        expect(back.programs.every((p) => p.lineInfo === undefined)).toBe(true);
        const full = comparable(o.output.spec);
        expect(comparable(back).programs.map((p) => p.instructions)).toEqual(
          full.programs.map((p) => p.instructions),
        );
      });

      it("carries a line_info record for every statement start, with the .ts file and line text", (ctx) => {
        const o = objectOf(prog.path);
        if ("skip" in o) return ctx.skip(o.skip);
        const f = readElf(o.bytes);
        if (!f.ok) throw new Error(f.diagnostics[0]!.message);
        const btf = readBtf(sectionByName(f.value, ".BTF")!.data);
        if (!btf.ok) throw new Error(btf.diagnostics[0]!.message);
        const ext = readBtfExt(sectionByName(f.value, ".BTF.ext")!.data, btf.value.strings!);
        if (!ext.ok) throw new Error(ext.diagnostics[0]!.message);
        const programs = o.output.spec.programs;
        for (const section of new Set(programs.map((p) => p.section))) {
          const inSection = programs.filter((p) => p.section === section);
          const lines = ext.value.lineInfo.find((s) => s.section === section)!.records;
          expect(lines.length).toBe(inSection.reduce((n, p) => n + p.lineInfo!.length, 0));
          for (const l of lines) {
            expect(l.fileName).toBe(prog.path);
            expect(l.lineText.length).toBeGreaterThan(0);
          }
          const funcs = ext.value.funcInfo.find((s) => s.section === section)!.records;
          expect(funcs.map((f) => btf.value.types[f.typeId])).toEqual(
            inSection.map((p) => expect.objectContaining({ kind: "func", name: p.name })),
          );
        }
      });

      it.skipIf(!readelf)("llvm-readelf -S -s -r reads it without complaint", (ctx) => {
        const o = objectOf(prog.path);
        if ("skip" in o) return ctx.skip(o.skip);
        const path = scratchFile(`${prog.id.replace(/\W/g, "_")}.bpf.o`, o.bytes);
        const r = run(readelf!, ["-S", "-s", "-r", "--wide", path]);
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
        for (const p of o.output.spec.programs) {
          expect(r.stdout).toMatch(new RegExp(`\\] ${p.section.replace(/\//g, "\\/")}\\s+PROGBITS .* AX `));
          expect(r.stdout).toMatch(new RegExp(`FUNC\\s+GLOBAL\\s+DEFAULT\\s+\\d+ ${p.name}\\n`));
        }
        for (const m of o.output.spec.maps)
          expect(r.stdout).toMatch(new RegExp(`R_BPF_64_64 .* ${m.name}\\n|OBJECT .* ${m.name}\\n`));
      });

      it.skipIf(!objdump)("llvm-objdump -dr disassembles every program", (ctx) => {
        const o = objectOf(prog.path);
        if ("skip" in o) return ctx.skip(o.skip);
        const path = scratchFile(`${prog.id.replace(/\W/g, "_")}.bpf.o`, o.bytes);
        const r = run(objdump!, ["-dr", path]);
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
        for (const p of o.output.spec.programs) expect(r.stdout).toContain(`<${p.name}>:`);
        if (objdump19) expect(r.stdout).not.toContain("<unknown>");
      });

      it.skipIf(!bpftool)("libbpf's static linker links it and bpftool generates its skeleton", (ctx) => {
        const o = objectOf(prog.path);
        if ("skip" in o) return ctx.skip(o.skip);
        const path = scratchFile(`${prog.id.replace(/\W/g, "_")}.bpf.o`, o.bytes);
        const linked = `${path}.linked.o`;
        const link = run(bpftool!, ["gen", "object", linked, path]);
        expect(link.stderr).toBe("");
        expect(link.status).toBe(0);
        const skel = run(bpftool!, ["gen", "skeleton", linked, "name", "probe"]);
        expect(skel.status, skel.stderr).toBe(0);
        for (const m of o.output.spec.maps) expect(skel.stdout).toContain(`struct bpf_map *${m.name};`);
        for (const p of o.output.spec.programs)
          expect(skel.stdout).toContain(`struct bpf_program *${p.name};`);
      });

      it.skipIf(!bpftool)("bpftool btf dump sees the BTF the writer wrote", (ctx) => {
        const o = objectOf(prog.path);
        if ("skip" in o) return ctx.skip(o.skip);
        const path = scratchFile(`${prog.id.replace(/\W/g, "_")}.bpf.o`, o.bytes);
        const r = run(bpftool!, ["-j", "btf", "dump", "file", path]);
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
        const f = readElf(o.bytes);
        if (!f.ok) throw new Error(f.diagnostics[0]!.message);
        const btf = readBtf(sectionByName(f.value, ".BTF")!.data);
        if (!btf.ok) throw new Error(btf.diagnostics[0]!.message);
        const mine = btf.value.types.slice(1).map((t, i) => toBpftoolJson(i + 1, t));
        expect(JSON.parse(r.stdout).types).toEqual(mine);
      });
    });
  }
});
