import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, type CompileOutput } from "../../compiler/index.js";
import { formatDiagnosticLine } from "../../runtime/diag/diagnostic.js";
import { disassemble } from "../../runtime/disasm/index.js";
import { Op } from "../../runtime/isa/index.js";
import { decode } from "../../runtime/layout/index.js";
import type { ProgramSpec } from "../../runtime/object/spec.js";
import { MapType } from "../../runtime/uapi/bpf.js";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import { sandboxOf } from "../examples/harness.js";

/**
 * The DESIGN.md samples compile unchanged (the third with its obvious import line), produce the
 * committed disassembly (golden files, UPDATE_GOLDEN=1 rewrites them), and behave in the VM.
 */
const DIR = "test/fixtures/compiler/samples";
const SAMPLES = ["syscount", "xdp-proto", "exec-events"];

function build(name: string): CompileOutput {
  const r = compile(`${DIR}/${name}.ts`);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n"));
  return r.value;
}

/** Disassembly with each statement's source line before its first instruction. */
function listing(p: ProgramSpec): string {
  const lines = [`${p.section}  ${p.name}`];
  const text = disassemble(p.instructions);
  const byInsn = new Map((p.lineInfo ?? []).map((l) => [l.insn, l]));
  text.forEach((t, i) => {
    const li = byInsn.get(i);
    if (li) lines.push(`; ${li.text}  (${basename(li.file)}:${li.line}:${li.column})`);
    lines.push(t);
  });
  return lines.join("\n") + "\n";
}

describe("DESIGN.md samples", () => {
  for (const name of SAMPLES) {
    it(`${name} matches its golden disassembly`, () => {
      const out = build(name);
      const text = out.spec.programs.map(listing).join("\n");
      const golden = `${DIR}/${name}.disasm`;
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, text);
      expect(text).toBe(readFileSync(golden, "utf8"));
    });

    it(`${name} has relocations on lddw and line info into the .ts file`, () => {
      const out = build(name);
      for (const p of out.spec.programs) {
        expect(p.license).toBe("GPL");
        for (const r of p.relocations) expect(p.instructions[r.insn]!.opcode).toBe(Op.LDDW);
        expect(p.lineInfo!.length).toBeGreaterThan(2);
        expect(p.lineInfo![0]!.insn).toBe(0);
        for (const l of p.lineInfo!) {
          expect(l.file.endsWith(`${name}.ts`)).toBe(true);
          expect(readFileSync(l.file, "utf8").split("\n")[l.line - 1]!.trim()).toBe(l.text);
        }
        expect(
          p.instructions.at(-1)!.opcode === Op.EXIT || p.instructions.some((i) => i.opcode === Op.EXIT),
        ).toBe(true);
      }
    });
  }

  it("declares the maps with their sizes", () => {
    expect(build("syscount").spec.maps).toEqual([
      { name: "counts", type: MapType.HASH, keySize: 4, valueSize: 8, maxEntries: 10240, flags: 0 },
    ]);
    expect(build("xdp-proto").spec.maps).toEqual([
      { name: "perProto", type: MapType.ARRAY, keySize: 4, valueSize: 8, maxEntries: 256, flags: 0 },
    ]);
    const exec = build("exec-events");
    expect(exec.spec.maps.map((m) => [m.name, m.type, m.maxEntries])).toEqual([
      ["events", MapType.RINGBUF, 256 * 1024],
      ["latency", MapType.ARRAY, 65],
    ]);
    expect(exec.layouts.maps.events!.value).toMatchObject({
      kind: "struct",
      size: 32,
      fields: [
        { name: "pid", offset: 0 },
        { name: "ts", offset: 8 },
        { name: "comm", offset: 16 },
      ],
    });
  });

  it("counts openat calls per process (syscount)", () => {
    const sb = sandboxOf(build("syscount"));
    for (let n = 1; n <= 3; n++) {
      const r = sb.run("onOpenat", { fields: { filename: 0x1000n } }, { tgid: 4242 });
      expect(r).toMatchObject({ ret: 0, r0: 0n });
      expect(r.fault).toBeUndefined();
      expect(unwrap(sb.typed<number, bigint>("counts")).get(4242)).toBe(BigInt(n));
    }
    sb.run("onOpenat", { fields: {} }, { tgid: 7 });
    expect(unwrap(sb.typed<number, bigint>("counts")).get(7)).toBe(1n);
  });

  it("counts IPv4 packets per protocol and passes everything (xdp-proto)", () => {
    const sb = sandboxOf(build("xdp-proto"));
    const packet = (etherType: number, proto: number, length = 64): Uint8Array => {
      const p = new Uint8Array(length);
      if (length >= 14) new DataView(p.buffer).setUint16(12, etherType);
      if (length >= 24) p[23] = proto;
      return p;
    };
    const run = (p: Uint8Array) => sb.run("countProto", { packet: p });
    expect(run(packet(0x0800, 6))).toMatchObject({ ret: 2 });
    expect(run(packet(0x0800, 6))).toMatchObject({ ret: 2 });
    expect(run(packet(0x0800, 17))).toMatchObject({ ret: 2 });
    expect(run(packet(0x86dd, 6))).toMatchObject({ ret: 2 });
    expect(run(packet(0x0800, 1, 20))).toMatchObject({ ret: 2 }); // IPv4 header cut short
    expect(run(packet(0x0800, 1, 10))).toMatchObject({ ret: 2 }); // not even Ethernet
    const perProto = unwrap(sb.typed<number, bigint>("perProto"));
    expect(perProto.get(6)).toBe(2n);
    expect(perProto.get(17)).toBe(1n);
    expect(perProto.get(1)).toBe(0n);
  });

  it("sends exec events through the ring buffer (exec-events)", () => {
    const out = build("exec-events");
    const sb = sandboxOf(out);
    const layout = out.layouts.maps.events!.value!;
    const r = sb.run("onExec", { fields: { pid: 777 } }, { comm: "bash", now: 1_000_000n });
    expect(r).toMatchObject({ ret: 0, leakedRecords: 0 });
    const records = sb.drainRingbuf("events");
    expect(records).toHaveLength(1);
    expect(decode(layout, records[0]!)).toEqual({ pid: 777, ts: 1_000_000n, comm: "bash" });
  });
});
