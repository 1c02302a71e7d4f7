// cgroup_skb programs see no traffic-control class id.
import { cgroupSkb } from "tsbpf";

export const prog = cgroupSkb("egress", (ctx) => {
  return ctx.tcClassid === 7 ? 0 : 1;
});
