// Each function fits the 512-byte stack on its own; the call chain prog -> outer -> inner does not
// (XDP programs share one stack; tracing programs would get a private stack per function).
import { xdp, zeroed, type u64, type FixedArray } from "tsbpf";

interface Big {
  words: FixedArray<u64, 40>;
}

/** @noinline */
function inner(x: u64): u64 {
  const b: Big = zeroed();
  b.words[39] = x;
  return b.words[3] + b.words[39];
}
/** @noinline */
function outer(x: u64): u64 {
  const b: Big = zeroed();
  b.words[38] = inner(x);
  return b.words[5] + b.words[38];
}
export const prog = xdp((ctx) => {
  const b: Big = zeroed();
  b.words[37] = outer(ctx.ingressIfindex);
  return b.words[7] + b.words[37] === 0 ? 1 : 2;
});
