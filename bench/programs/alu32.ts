// Twin of ../shared/bench/alu32.c: the alu64 loop in 32-bit arithmetic (eBPF ALU32 operations).
// n = u32 at packet offset 0 (clamped to 4096), seed = u32 at offset 4.
import { xdp, type u32 } from "tsbpf";

export const alu32 = xdp((ctx) => {
  const input = ctx.packet.at<{ n: u32; seed: u32 }>(0);
  if (!input) return 0;
  let n: u32 = input.n;
  if (n > 4096) n = 4096;
  let x: u32 = input.seed | 1;
  let acc: u32 = 0;
  for (let i: u32 = 1; i <= n; i++) {
    x *= 0x9e3779b9;
    x ^= x >> 15;
    acc += x / i;
    acc ^= acc << 7;
    acc += x % 10007;
  }
  return acc;
});
