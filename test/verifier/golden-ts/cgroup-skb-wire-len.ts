// wire_len is a tc field; cgroup_skb programs cannot read it.
import { cgroupSkb } from "tsbpf";

export const prog = cgroupSkb("ingress", (ctx) => {
  return ctx.wireLen > 9000 ? 0 : 1;
});
