import { describe, expect, it } from "vitest";
import { verify } from "../../runtime/verifier/index.js";
import { EXAMPLES } from "./examples.js";
import { buildExample } from "./harness.js";

/** tsbpf's own verifier (runtime/verifier) accepts every compiled example, as the kernel's does. */
describe("tsbpf's verifier accepts the examples", () => {
  for (const name of EXAMPLES)
    it(name, () => {
      const out = buildExample(name);
      for (const p of out.spec.programs) {
        const r = verify(p, { maps: out.spec.maps, logLevel: 0 });
        expect(r.diagnostics.map((d) => `${p.name}: ${d.code} ${d.message}`)).toEqual([]);
        expect(r.accepted).toBe(true);
      }
    });
});
