// The packet is read-only for cgroup_skb programs: a header view cannot be written through.
import { cgroupSkb, type u8 } from "tsbpf";

export const prog = cgroupSkb("ingress", (ctx) => {
  const ip = ctx.packet.at<{ versionIhl: u8; tos: u8 }>(0);
  if (!ip) return 1;
  ip.tos = 0;
  return 1;
});
