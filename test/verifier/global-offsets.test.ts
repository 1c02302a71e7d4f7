import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Cls, insn, LdImm64Src, Mode, Op, Size, type Instruction } from "../../runtime/isa/index.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import type { DataSectionSpec, ProgramSpec } from "../../runtime/object/spec.js";
import { verify } from "../../runtime/verifier/index.js";
import { clangBpf, findTool } from "../support/tools.js";
import { verifyOptionsFor } from "./corpus.js";
import { kernelLoadObject, libbpfUnavailable } from "./libbpf.js";
import { kernelUnavailable } from "./kernel.js";

/**
 * Regression: the offset of a global inside its section is the relocation's symbol value. The
 * object reader records it twice — in the relocation and, like libbpf, in the lddw's second
 * immediate — and the verifier must take it once (it once added both, doubling the offset of
 * every global after the first of its section).
 */

const FIXTURE = join(import.meta.dirname, "fixtures/global-offsets.bpf.c");
const noClang = findTool("clang") === undefined;
if (noClang) console.log("skipping the clang part of the global-offset test: clang is not installed");
const noKernel = kernelUnavailable() ?? libbpfUnavailable();
if (noKernel) console.log(`skipping the kernel part of the global-offset test: ${noKernel}`);

describe("global data offsets", () => {
  it.skipIf(noClang)("takes each clang global's section offset once", () => {
    const obj = clangBpf(FIXTURE);
    const spec = loadCollectionSpec(new Uint8Array(readFileSync(obj)), { file: "global-offsets.o" });
    expect(spec.ok).toBe(true);
    if (!spec.ok) return;
    const prog = spec.value.programs[0]!;
    // the reader mirrors the relocation's offset in immHi, as libbpf does: the trap for a double count
    const lddws = prog.instructions.filter((i) => i.opcode === Op.LDDW && i.src === LdImm64Src.MAP_VALUE);
    expect(lddws.map((i) => i.immHi)).toEqual([12, 8]);
    const r = verify(prog, { ...verifyOptionsFor(spec.value), logLevel: 2 });
    expect(r.diagnostics).toEqual([]);
    expect(r.accepted).toBe(true);
    expect(r.log).toContain("map_value(map=.rodata,ks=4,vs=16,off=12)");
    expect(r.log).toContain("map_value(map=.bss,ks=4,vs=16,off=8)");
  });

  it.skipIf(noClang || noKernel !== undefined)("agrees with the kernel on the clang object", () => {
    const k = kernelLoadObject(clangBpf(FIXTURE));
    expect(k?.map((v) => [v.name, v.accepted])).toEqual([["global_offsets", true]]);
  });

  // lddw r1, .data+8 as the object reader builds it (relocation offset 8, immHi 8), then a load
  const data: DataSectionSpec = { name: ".data", bytes: new Uint8Array(12), readOnly: false, variables: [] };
  const program = (size: number): ProgramSpec => {
    const instructions: Instruction[] = [
      insn(Op.LDDW, { dst: 1, src: LdImm64Src.MAP_VALUE, immHi: 8 }),
      insn(Cls.LDX | Mode.MEM | size, { dst: 0, src: 1 }),
      insn(Op.EXIT),
    ];
    return {
      name: "p",
      section: "xdp",
      type: "XDP",
      instructions,
      relocations: [{ insn: 0, target: { kind: "mapValue", map: ".data", offset: 8 } }],
      license: "GPL",
    };
  };
  const cases: ReadonlyArray<[string, number, boolean, string]> = [
    ["a u32 at .data+8 (the last 4 of 12 bytes)", Size.W, true, ""],
    [
      "a u64 at .data+8 (past the end)",
      Size.DW,
      false,
      "invalid access to map value, value_size=12 off=8 size=8",
    ],
  ];
  it.each(cases)("%s", (_, size, accepted, message) => {
    const r = verify(program(size), { data: [data], logLevel: 1 });
    expect(r.accepted).toBe(accepted);
    if (!accepted) expect(r.log).toContain(message);
  });
});
