// cgroup_skb programs return 1 (allow) or 0 (drop); 2 is refused at exit.
import { cgroupSkb } from "tsbpf";

export const prog = cgroupSkb("ingress", (ctx) => {
  return ctx.len > 1000 ? 2 : 1;
});
