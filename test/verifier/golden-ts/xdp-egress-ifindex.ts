// egress_ifindex exists only for XDP programs attached to a devmap entry.
import { xdp, XdpAction } from "tsbpf";

export const prog = xdp((ctx) => {
  return ctx.egressIfindex === 3 ? XdpAction.Drop : XdpAction.Pass;
});
