import * as int64 from "./int64.js";
import { atomicRmw } from "./memory.js";

/**
 * The functions that generated code (the interpreter's `switch`, both JS-tier translations) calls
 * by name: the int64 arithmetic the semantics.ts templates refer to, and atomicRmw.
 */
const SHARED: Readonly<Record<string, unknown>> = {
  OUT: int64.OUT,
  mul64Hi: int64.mul64Hi,
  div64: int64.div64,
  mod64: int64.mod64,
  sdiv64: int64.sdiv64,
  smod64: int64.smod64,
  div32: int64.div32,
  mod32: int64.mod32,
  sdiv32: int64.sdiv32,
  smod32: int64.smod32,
  bswap32: int64.bswap32,
  atomicRmw,
};

/**
 * Turns generated source (a function body that returns the tier's function) into that function,
 * with SHARED and `extra` in scope as constants. V8 compiles the result like hand-written code;
 * free names it does not find here would be globals, so every name a template uses is listed.
 */
export function instantiateGenerated<T>(source: string, extra: Readonly<Record<string, unknown>> = {}): T {
  const scope = { ...SHARED, ...extra };
  const names = Object.keys(scope);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function(...names, source) as (...deps: unknown[]) => T;
  return factory(...names.map((n) => scope[n]));
}
