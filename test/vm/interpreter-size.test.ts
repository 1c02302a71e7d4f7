import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interpreterSource } from "../../runtime/vm/index.js";
import { scratchDir } from "../support/tools.js";

/**
 * V8 optimizes no function above 60 KB of bytecode (`--max-optimized-bytecode-size`, Node 20);
 * the interpreter is one large generated function, and past that size it runs about 20× slower
 * with nothing else failing. Every fused case adds to it, so its size is checked here: the
 * bytecode V8 makes of the generated source, printed by `node --print-bytecode`.
 */
const V8_LIMIT = 60 * 1024;

describe("interpreter size", () => {
  it("stays below V8's optimization limit, with room to spare", () => {
    const file = join(scratchDir(), "interpreter-size.cjs");
    const deps = "OUT,mul64Hi,div64,mod64,sdiv64,smod64,div32,mod32,sdiv32,smod32,bswap32,atomicRmw,trace";
    writeFileSync(
      file,
      `const f = new Function(${JSON.stringify(deps)}, ${JSON.stringify(interpreterSource())})();\n` +
        // one call compiles the function to bytecode; the machine is a stub that stops it at once
        "try { f({ R: new Int32Array(22), mem: { regions: [] }, budget: 0, program: { code: new Int32Array(8), helpers: [] }, pc: 0, insns: 0, raise() { throw 0; } }); } catch {}\n",
    );
    const out = execFileSync(
      process.execPath,
      ["--print-bytecode", "--print-bytecode-filter=interpret", file],
      { encoding: "latin1", maxBuffer: 256 << 20 },
    );
    const m = /Bytecode length: (\d+)/.exec(out);
    expect(m, "node printed no bytecode length").not.toBeNull();
    const length = Number(m![1]);
    console.log(`interpreter bytecode: ${length} bytes (V8 optimizes up to ${V8_LIMIT})`);
    expect(length).toBeLessThan(V8_LIMIT - 2048);
  });
});
