// Twin of ../shared/bench/sum.c: the sum of 0..n-1, n = little-endian u32 at packet offset 0,
// clamped to 4096; returns the low half of the sum xor its high half.
import { xdp, type u32, type u64 } from "tsbpf";

export const sum = xdp((ctx) => {
  const hdr = ctx.packet.at<{ n: u32 }>(0);
  if (!hdr) return 0;
  let n: u32 = hdr.n;
  if (n > 4096) n = 4096; // the verifier walks the loop iteration by iteration: bound it
  let s: u64 = 0;
  for (let i: u64 = 0; i < n; i++) s += i;
  return (s ^ (s >> 32)) & 0xffffffff;
});
