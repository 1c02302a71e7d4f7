import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assemble } from "../../runtime/asm/index.js";
import { LdImm64Src, Op } from "../../runtime/isa/index.js";
import type { CollectionSpec, ProgramSpec, Relocation } from "../../runtime/object/spec.js";
import { createSandbox, type RunInput, type Sandbox } from "../../runtime/sandbox/index.js";
import type { ProgTypeName } from "../../runtime/uapi/bpf.js";
import { verify } from "../../runtime/verifier/index.js";
import { generate, MAPS, type GeneratedProgram } from "./gen/programs.js";

/**
 * The verifier's promise, checked against tsbpf's VM: a program it accepts never faults, whatever
 * the input. Programs come from the differential generator (safe snippets and planted hazards;
 * only the accepted ones matter here: they include packet access, map lookups, and map contents
 * used as offsets), inputs are random packets, tracepoint records, raw tracepoint arguments and
 * random contents of the array and hash maps. A fault would mean the verifier let an unsafe access through (or the VM
 * is stricter than the kernel — either is a bug to look at).
 */

const SECTION: Partial<Record<ProgTypeName, string>> = {
  XDP: "xdp",
  SOCKET_FILTER: "socket",
  TRACEPOINT: "tracepoint/syscalls/sys_enter_openat",
  RAW_TRACEPOINT: "raw_tracepoint/sys_enter",
};

/** The generator's programs as a collection: `ld_pseudo rN, 1, K` becomes a relocation to MAPS[K]. */
function asCollection(p: GeneratedProgram): CollectionSpec | undefined {
  const asm = assemble(p.source, { dialect: "llvm", file: p.name });
  if (!asm.ok) return undefined;
  const relocations: Relocation[] = [];
  asm.value.forEach((insn, i) => {
    if (insn.opcode === Op.LDDW && insn.src === LdImm64Src.MAP_FD)
      relocations.push({ insn: i, target: { kind: "map", map: MAPS[insn.imm]!.name } });
  });
  const program: ProgramSpec = {
    name: "prog",
    section: SECTION[p.type]!,
    type: p.type,
    instructions: asm.value,
    relocations,
    license: "GPL",
  };
  return { programs: [program], maps: MAPS, data: [], license: "GPL" };
}

function inputFor(type: ProgTypeName, bytes: Uint8Array, words: readonly bigint[]): RunInput {
  switch (type) {
    case "XDP":
    case "SOCKET_FILTER":
      return { packet: bytes };
    case "TRACEPOINT":
      return {
        fields: {
          __syscall_nr: Number(words[0]! & 0x7fffffffn),
          dfd: words[1]!,
          flags: words[2]!,
          mode: words[3]!,
        },
      };
    default:
      return { args: words };
  }
}

/** Bytes of random map contents per run: the array's 8 values of 32 bytes, then 8 hash values of 16. */
const MAP_BYTES = 8 * 32 + 8 * 16;

/** Random values for keys 0..7 of the array and hash maps (kernel-side they could hold anything). */
function fillMaps(sb: Sandbox, contents: Uint8Array): void {
  const key = (k: number) => new Uint8Array(new Uint32Array([k]).buffer);
  const array = sb.map("array")!;
  const hash = sb.map("hash")!;
  hash.clear();
  for (let k = 0; k < 8; k++) {
    array.update(key(k), contents.subarray(32 * k, 32 * k + 32));
    // about half the hash keys present, so lookups both hit and miss
    if (contents[256 + 16 * k]! & 1) hash.update(key(k), contents.subarray(256 + 16 * k, 256 + 16 * k + 16));
  }
}

describe("accepted programs run without faults", () => {
  // a fixed pool keeps the run short and reproducible; fast-check picks programs and inputs from it
  const pool = generate(0xc0ffee, 600)
    .map((p) => ({ p, spec: asCollection(p) }))
    .filter((x): x is { p: GeneratedProgram; spec: CollectionSpec } => x.spec !== undefined)
    .filter((x) => verify(x.spec.programs[0]!, { maps: MAPS }).accepted);

  it("has accepted programs of every generated type to run", () => {
    expect(pool.length).toBeGreaterThan(200);
    expect(new Set(pool.map((x) => x.p.type)).size).toBe(4);
  });

  it("never faults in the VM on random input", () => {
    const sandboxes = new Map<string, ReturnType<typeof createSandbox>>();
    fc.assert(
      fc.property(
        fc.nat({ max: pool.length - 1 }),
        fc.uint8Array({ minLength: 14, maxLength: 96 }), // test runs need an Ethernet header,
        fc.array(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { minLength: 6, maxLength: 6 }),
        fc.uint8Array({ minLength: MAP_BYTES, maxLength: MAP_BYTES }),
        (k, bytes, words, contents) => {
          const { p, spec } = pool[k]!;
          let sb = sandboxes.get(p.name);
          if (!sb) sandboxes.set(p.name, (sb = createSandbox(spec, { budget: 1_000_000 })));
          if (!sb.ok) throw new Error(`${p.name}: sandbox: ${sb.diagnostics[0]?.message}`);
          fillMaps(sb.value, contents);
          const out = sb.value.run("prog", inputFor(p.type, bytes, words));
          if (out.fault) {
            throw new Error(`${p.name} (${p.type}) faulted: ${out.fault.message}\n${p.source}`);
          }
          expect(out.leakedRecords).toBe(0);
        },
      ),
      { numRuns: 1500, seed: 0x7e57 },
    );
  });

  it("would notice an unsafe program: refused ones with planted memory hazards do fault", () => {
    const hazardous = generate(0xc0ffee, 600)
      .filter(
        (p) =>
          p.hazard === "null map value used" ||
          p.hazard === "scalar dereference" ||
          p.hazard === "map contents used as an offset past the value",
      )
      .map((p) => ({ p, spec: asCollection(p)! }))
      .filter((x) => !verify(x.spec.programs[0]!, { maps: MAPS }).accepted);
    const pastTheEnd = new Uint8Array(MAP_BYTES);
    for (let k = 0; k < 8; k++) pastTheEnd[32 * k] = 25;
    const faulted = hazardous.filter(({ p, spec }) => {
      const sb = createSandbox(spec);
      if (!sb.ok) return false;
      fillMaps(sb.value, pastTheEnd); // each value's first word is 25: an offset past its 32 bytes
      return sb.value.run("prog", inputFor(p.type, new Uint8Array(64), [0n, 0n, 0n, 0n, 0n, 0n])).fault;
    });
    expect(hazardous.length).toBeGreaterThan(5);
    expect(faulted.length).toBeGreaterThan(hazardous.length / 2);
  });
});
