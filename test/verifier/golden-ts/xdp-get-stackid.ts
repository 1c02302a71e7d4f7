// Stack traces are for tracing programs: XDP has no bpf_get_stackid.
import { xdp, XdpAction, StackTraceMap } from "tsbpf";

export const stacks = new StackTraceMap({ maxEntries: 128 });

export const prog = xdp((ctx) => {
  const id = stacks.getStackId(ctx);
  return id < 0 ? XdpAction.Pass : XdpAction.Drop;
});
