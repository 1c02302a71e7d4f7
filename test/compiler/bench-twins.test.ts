import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { formatDiagnosticLine, unwrap } from "../../runtime/diag/diagnostic.js";
import { loadCollectionSpec, type CollectionSpec } from "../../runtime/object/index.js";
import { createSandbox, type RunOutcome, type Sandbox } from "../../runtime/sandbox/index.js";
import { clangBpf, requireTool, scratchDir } from "../support/tools.js";

/**
 * The TypeScript twins of ../shared/bench (bench/programs/<name>.ts) compute exactly what the C
 * programs compute: each twin and clang -O2's build of the C run in the VM on the bench inputs
 * (../shared/bench/pkt) and on variations of them, and must agree on the return value, the maps
 * and the globals.
 */
const ROOT = join(import.meta.dirname, "../..");
const BENCH = resolve(process.env.TSBPF_BENCH_DIR ?? join(ROOT, "../shared/bench"));
const TWINS = ["sum", "csum", "alu32", "alu64", "parse", "empty"] as const;
const haveBench = existsSync(join(BENCH, "sum.c"));
if (!haveBench) console.log(`${BENCH} not found: skipping the bench twin comparison`);
const haveClang = requireTool("clang", "the bench twin comparison with clang");

function le32(...words: number[]): Uint8Array {
  const b = new Uint8Array(64);
  const v = new DataView(b.buffer);
  words.forEach((w, i) => v.setUint32(i * 4, w >>> 0, true));
  return b;
}

/** Inputs besides the bench's own packet: edge cases of each program's logic. */
function variations(name: string, pkt: Uint8Array): Uint8Array[] {
  const cut = (n: number) => pkt.slice(0, n);
  const edit = (f: (v: DataView, b: Uint8Array) => void) => {
    const b = pkt.slice();
    f(new DataView(b.buffer), b);
    return b;
  };
  switch (name) {
    case "sum":
      return [le32(0), le32(1), le32(7), le32(4096), le32(5000), le32(0xffffffff), cut(3)];
    case "alu32":
    case "alu64":
      return [le32(0, 0), le32(1, 0xfffffffe), le32(37, 9), le32(4097, 3), cut(7)];
    case "csum":
      return [cut(0), cut(1), cut(2), cut(3), cut(101), cut(1000), new Uint8Array(1600).fill(0xff)];
    case "parse": {
      const vlan = new Uint8Array(pkt.length + 4);
      vlan.set(pkt.subarray(0, 12));
      vlan.set([0x81, 0x00, 0x00, 0x05], 12);
      vlan.set(pkt.subarray(12), 16);
      return [
        cut(13),
        cut(33),
        cut(36),
        vlan,
        vlan.slice(0, 17),
        edit((v) => v.setUint16(12, 0x86dd)),
        edit((_, b) => (b[14] = 0x65)),
        edit((_, b) => (b[14] = 0x44)),
        edit((_, b) => (b[14] = 0x4f)),
        edit((v) => v.setUint16(16, 10)),
        edit((v) => v.setUint16(20, 0x2000)),
        edit((v) => v.setUint16(20, 0x4000)),
        edit((_, b) => (b[22] = 0)),
        edit((_, b) => (b[23] = 6)),
        edit((_, b) => (b[23] = 1)),
        cut(37),
      ];
    }
    default:
      return [cut(0), cut(1)];
  }
}

function ours(name: string): CollectionSpec {
  const r = compile(join(ROOT, "bench/programs", `${name}.ts`));
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnosticLine).join("\n"));
  return r.value.spec;
}

function theirs(name: string): CollectionSpec {
  const obj = clangBpf(join(BENCH, `${name}.c`), { out: join(scratchDir(), `bench-${name}.o`) });
  return unwrap(loadCollectionSpec(new Uint8Array(readFileSync(obj)), { file: obj }));
}

function runOnce(sb: Sandbox, packet: Uint8Array): RunOutcome {
  const r = sb.run(sb.programs[0]!, { packet });
  expect(r.fault, r.fault?.message).toBeUndefined();
  return r;
}

describe.skipIf(!haveBench || !haveClang)("bench twins compute what the C computes", () => {
  for (const name of TWINS) {
    it(name, () => {
      const a = unwrap(createSandbox(ours(name)));
      const b = unwrap(createSandbox(theirs(name)));
      expect(a.spec.programs.map((p) => p.section)).toEqual(["xdp"]);
      const pkt = new Uint8Array(readFileSync(join(BENCH, "pkt", `${name}.pkt`)));
      for (const input of [pkt, ...variations(name, pkt)]) {
        const x = runOnce(a, input);
        const y = runOnce(b, input);
        expect(x.r0, `${name} on ${input.length} bytes`).toBe(y.r0);
      }
      expect([...a.maps.keys()]).toEqual([...b.maps.keys()]);
      for (const [sec, bytes] of b.globals) expect(a.globals.get(sec), sec).toEqual(bytes);
    });
  }
});
