import { expect } from "vitest";
import { compileSource, type CompileOptions, type CompileOutput } from "../../compiler/index.js";
import { formatDiagnosticLine, type Diagnostic, type Result } from "../../runtime/diag/diagnostic.js";
import { disassemble } from "../../runtime/disasm/index.js";
import { createVm } from "../../runtime/vm/index.js";

/**
 * One-line compiler tests (TypeScriptToLua's testFunction idea):
 *   compile`return a + b`.withArgs(2, 3).returns(5)
 * The body becomes `export function test(a: u64, b: u64, c: u64): u64 { … }` (change with
 * `.types("a: u8, b: u8", "u8")`), compiled as a stand-alone function whose parameters arrive in
 * r1–r5, and run in tsbpf's VM.
 */
const IMPORTS =
  'import { u8, u16, u32, u64, i8, i16, i32, i64, ntohs, htons, ntohl, htonl, sizeOf, zeroed, type bool, type CString, type FixedArray } from "tsbpf";\n';

export class FunctionTest {
  private params = "a: u64, b: u64, c: u64";
  private ret = "u64";
  private args: (bigint | number)[] = [];
  private prelude = "";

  constructor(private readonly body: string) {}

  types(params: string, ret: string): this {
    this.params = params;
    this.ret = ret;
    return this;
  }

  /** Module-level declarations (types, constants, functions) placed before the test function. */
  withPrelude(text: string): this {
    this.prelude = text;
    return this;
  }

  withArgs(...args: (bigint | number)[]): this {
    this.args = args;
    return this;
  }

  source(): string {
    return `${IMPORTS}${this.prelude}\nexport function test(${this.params}): ${this.ret} {\n${this.body}\n}\n`;
  }

  compile(options: CompileOptions = {}): Result<CompileOutput> {
    return compileSource(this.source(), "test/fixtures/compiler/inline.ts", {
      functions: ["test"],
      ...options,
    });
  }

  /** r0 after running, interpreted at the declared return type. */
  run(options: CompileOptions = {}): bigint {
    const out = this.compile(options);
    if (!out.ok) throw new Error(out.diagnostics.map(formatDiagnosticLine).join("\n"));
    const prog = out.value.spec.programs[0]!;
    const vm = createVm(prog, { initialized: [1, 2, 3, 4, 5, 10] });
    if (!vm.ok) throw new Error(vm.diagnostics.map(formatDiagnosticLine).join("\n"));
    const r = vm.value.run({ args: this.args });
    if (r.kind !== "exit") throw new Error(`${r.message}\n${disassemble(prog.instructions).join("\n")}`);
    const m = /^([ui])(8|16|32|64)$/.exec(this.ret);
    if (m) return m[1] === "i" ? BigInt.asIntN(Number(m[2]), r.r0) : BigInt.asUintN(Number(m[2]), r.r0);
    return r.r0;
  }

  returns(expected: bigint | number | boolean): void {
    expect(this.run()).toBe(typeof expected === "boolean" ? (expected ? 1n : 0n) : BigInt(expected));
  }

  /** Expects compilation to fail with exactly these codes (in any order). */
  fails(...codes: string[]): Diagnostic[] {
    const out = this.compile();
    if (out.ok) throw new Error(`expected ${codes.join(", ")}, but it compiled`);
    expect(out.diagnostics.map((d) => d.code).sort()).toEqual([...codes].sort());
    return [...out.diagnostics];
  }
}

export function compile(strings: TemplateStringsArray, ...values: unknown[]): FunctionTest {
  return new FunctionTest(String.raw({ raw: strings }, ...values));
}

/** Inline markers `// error TSBnnnn` (several allowed: `// error TSB2003 TSB2005`) by line. */
export function expectedMarkers(text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((line, n) => {
    const m = /\/\/\s*error((?:\s+TSB\d{4})+)/.exec(line);
    if (m) for (const code of m[1]!.trim().split(/\s+/)) out.push(`${n + 1}:${code}`);
  });
  return out.sort();
}

export function actualMarkers(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.location?.line ?? 0}:${d.code}`).sort();
}
