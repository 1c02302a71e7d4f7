import { describe, expect, it } from "vitest";
import { compileSource } from "../../compiler/index.js";
import { createVm } from "../../runtime/vm/index.js";
import { compile } from "./harness.js";

/**
 * Bounds the compiler proves from the program text: a clamp `if (n > C) n = C` bounds n for the
 * rest of its life (so `for (… i < n …)` is a loop the verifier can walk, tested at the bottom
 * like clang's), and a `let` whose every write is a constant is bounded by the largest (so it can
 * offset a packet view). Anything weaker stays a diagnostic.
 */

const CLAMPED = (op: string, k: number) =>
  `let n: u32 = u32(a); if (n > ${k}) n = ${k}; let s: u64 = 0; for (let i: u64 = 0; i ${op} n; i++) { s += i; } return s;`;

describe("loops bounded by a clamped variable", () => {
  it.each([
    [0n, 0n],
    [1n, 0n],
    [5n, 10n],
    [10n, 45n],
    [11n, 45n],
    [1n << 40n, 0n], // u32(a) is 0
    [0xffffffffn, 45n],
  ])("i < n, n = min(u32(%s), 10): %s", (a, want) => {
    compile`${CLAMPED("<", 10)}`.withArgs(a).returns(want);
  });

  it.each([
    [0n, 0n],
    [3n, 6n],
    [100n, 55n],
  ])("i <= n, n = min(%s, 10): %s", (a, want) => {
    compile`${CLAMPED("<=", 10)}`.withArgs(a).returns(want);
  });

  it("also with >= C and a smaller value, and a loop counter wider than the limit", () => {
    compile`let n: u32 = u32(a); if (n >= 8) n = 3; let s: u64 = 0; for (let i = 0; i < n; i++) { s += 2; } return s;`
      .withArgs(20n)
      .returns(6n);
  });

  it.each([
    ["a mask", "let s: u64 = 0; for (let i = 0; i < (u32(a) & 0xff); i++) { s += 1; } return s;"],
    [
      "a narrow const",
      "const n: u8 = u8(a & 0xff); let s: u64 = 0; for (let i = 0; i < n; i++) { s += 1; } return s;",
    ],
  ])("or by %s", (_, body) => {
    compile`${body}`.withArgs(300n).returns(44n);
  });

  it("runs three instructions per iteration, as clang's loop does", () => {
    const out = compile`${CLAMPED("<", 4096)}`.compile();
    if (!out.ok) throw new Error(out.diagnostics.map((d) => d.message).join("\n"));
    const vm = createVm(out.value.spec.programs[0]!, { initialized: [1, 2, 3, 4, 5, 10] });
    if (!vm.ok) throw new Error("vm");
    const insns = (n: bigint) => {
      const r = vm.value.run({ args: [n] });
      if (r.kind !== "exit") throw new Error(r.kind);
      return r.insns;
    };
    expect(insns(101n) - insns(100n)).toBe(3);
    expect(insns(1000n) - insns(100n)).toBe(2700);
  });

  it.each([
    ["no clamp", "let n: u32 = u32(a); for (let i = 0; i < n; i++) {} return 0;"],
    [
      "written after the clamp",
      "let n: u32 = u32(a); if (n > 9) n = 9; n = u32(b); for (let i = 0; i < n; i++) {} return 0;",
    ],
    [
      "clamp inside a loop",
      "let n: u32 = u32(a); for (let k = 0; k < 2; k++) { if (n > 9) n = 9; } for (let i = 0; i < n; i++) {} return 0;",
    ],
    [
      "clamp to a larger value",
      "let n: u32 = u32(a); if (n > 9) n = 10; for (let i = 0; i < n; i++) {} return 0;",
    ],
    ["signed limit", "let n: i32 = i32(a); if (n > 9) n = 9; for (let i = 0; i < n; i++) {} return 0;"],
    [
      "limit written in the body",
      "let n: u32 = u32(a); if (n > 9) n = 9; for (let i = 0; i < n; i++) { n = 3; } return 0;",
    ],
  ])("%s is TSB3001", (_, body) => {
    compile`${body}`.fails("TSB3001");
  });
});

describe("a let written only with constants is bounded", () => {
  const xdp = (body: string) =>
    compileSource(
      `import { xdp, type IpHdr, type u32 } from "tsbpf";\nexport const p = xdp((ctx) => {\n${body}\n});\n`,
      "test/fixtures/compiler/bounds.ts",
    );
  it("can offset a packet view", () => {
    const r = xdp(
      "let off: u32 = 14; if (ctx.packet.length > 100) off = 18; const ip = ctx.packet.at<IpHdr>(off); if (!ip) return 1; return ip.ttl;",
    );
    expect(r.ok ? [] : r.diagnostics.map((d) => d.message)).toEqual([]);
  });
  it.each([
    ["a compound write", "off += 4;"],
    ["a non-constant write", "off = ctx.packet.length;"],
  ])("not after %s (TSB3004)", (_, write) => {
    const r = xdp(
      `let off: u32 = 14; ${write} const ip = ctx.packet.at<IpHdr>(off); if (!ip) return 1; return ip.ttl;`,
    );
    expect(r.ok ? [] : r.diagnostics.map((d) => d.code)).toEqual(["TSB3004"]);
  });
});
