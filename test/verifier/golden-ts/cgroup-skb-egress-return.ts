// cgroup_skb egress may return 0..3 (drop/allow, with congestion notification); 4 is refused.
import { cgroupSkb } from "tsbpf";

export const prog = cgroupSkb("egress", (ctx) => {
  return ctx.len > 9000 ? 4 : 1;
});
