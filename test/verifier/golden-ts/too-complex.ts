// Two nested 2000-step loops: 4 million iterations, more than the verifier's 1 million steps.
import { xdp, type u32 } from "tsbpf";

export const prog = xdp((ctx) => {
  let acc: u32 = 0;
  for (let i: u32 = 0; i < 2000; i++) {
    for (let j: u32 = 0; j < 2000; j++) acc ^= i * j;
  }
  return acc & 3;
});
