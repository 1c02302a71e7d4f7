// Twin of ../shared/bench/alu64.c: a mixed 64-bit ALU loop (mul, div, mod, shifts, xor, add).
// n = u32 at packet offset 0 (clamped to 4096), seed = u32 at offset 4.
import { xdp, u32, type u64 } from "tsbpf";

export const alu64 = xdp((ctx) => {
  const input = ctx.packet.at<{ n: u32; seed: u32 }>(0);
  if (!input) return 0;
  let n: u32 = input.n;
  if (n > 4096) n = 4096;
  let x: u64 = input.seed | 1;
  let acc: u64 = 0;
  for (let i: u64 = 1; i <= n; i++) {
    x *= 0x9e3779b97f4a7c15;
    x ^= x >> 29;
    acc += x / i;
    acc ^= acc << 7;
    acc += x % 1000003;
  }
  return u32(acc ^ (acc >> 32));
});
