// 64 independent two-way decisions on unknown values, each followed by work that keeps the
// paths apart: the paths multiply past the verifier's budget.
import { rawTracepoint, type u64 } from "tsbpf";

export const prog = rawTracepoint("sys_enter", (ctx) => {
  let acc: u64 = 0;
  for (let i: u64 = 0; i < 64; i++) {
    if ((ctx.arg(1) >> i) & 1) acc = acc * 3 + i;
    else acc = acc * 5 + i;
    if (acc === 7) return 1;
  }
  return 0;
});
